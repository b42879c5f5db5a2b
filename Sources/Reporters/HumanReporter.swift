import LintCore

/// For people at a terminal: `path:line:col: severity: message [rule-id]`, the source line
/// with the span underlined (carets placed by display width, CJK = 2 cells), the citation
/// and the suggestion. Colour only when asked (a terminal without NO_COLOR).
public struct HumanReporter: Reporter, Sendable {
    public var color: Bool

    public init(color: Bool) { self.color = color }

    public func render(_ report: LintReport) -> String {
        let expired = Dictionary(report.expiredClaims.map { ($0.finding, $0.claim) }, uniquingKeysWith: { first, _ in first })
        var out = ChunkedText.join(report.findings) { findings in
            var out = ""
            for finding in findings {
                render(finding, into: &out)
                if let claim = expired[finding] {
                    let gutter = String(repeating: " ", count: String(finding.snippet.line).count)
                    out += " \(gutter) = claim: `\(VisibleText.escaped(claim.id))` expired on \(claim.expires) (evidence: \(VisibleText.escaped(claim.evidence)); approved by \(VisibleText.escaped(claim.approvedBy))); renew the approval or change the copy\n"
                }
                out += "\n"
            }
            return out
        }
        out += WaiverListing(color: color).render(report)
        out += summary(report) + "\n"
        return out
    }

    /// Copy, file names and rule text are printed through `VisibleText`: they may come from
    /// a stranger's pull request, and a terminal obeys the escape sequences in them.
    func render(_ finding: Finding, into out: inout String) {
        let location = "\(VisibleText.path(finding.path)):\(finding.start.line):\(finding.start.column)"
        let logical = finding.logicalLocation.map { " (\(VisibleText.escaped($0)))" } ?? ""
        out += "\(paint(location, .bold))\(logical): \(paint(finding.severity.rawValue + ":", severityStyle(finding.severity))) "
        out += "\(VisibleText.escaped(finding.message)) \(paint("[\(finding.ruleID)]", .dim))\n"

        let snippet = finding.snippet
        let number = String(snippet.line)
        let gutter = String(repeating: " ", count: number.count)
        let lead = snippet.truncatedStart ? "…" : ""
        let tail = snippet.truncatedEnd ? "…" : ""
        let before = VisibleText.escaped(snippet.before), highlighted = VisibleText.escaped(snippet.highlighted)
        let after = VisibleText.escaped(snippet.after)
        out += " \(paint(number, .blue)) | \(lead)\(before)\(paint(highlighted, severityStyle(finding.severity)))\(after)\(tail)\n"
        let pad = DisplayWidth.width(of: lead + before)
        let carets = max(1, DisplayWidth.width(of: highlighted))
        let more = snippet.continuesOnNextLine ? " …" : ""
        out += " \(gutter) | \(String(repeating: " ", count: pad))\(paint(String(repeating: "^", count: carets), severityStyle(finding.severity)))\(more)\n"
        for reference in finding.references {
            var line = " \(gutter) = law: \(VisibleText.escaped(reference.citation))"
            if let penalty = reference.penalty { line += "；\(VisibleText.escaped(penalty))" }
            if let note = reference.note { line += "（\(VisibleText.escaped(note))）" }
            out += line + "\n"
        }
        if let suggestion = finding.suggestion {
            out += " \(gutter) = suggestion: \(VisibleText.escaped(suggestion))\n"
        }
        for note in finding.notes {
            out += " \(gutter) = note: \(VisibleText.escaped(note))\n"
        }
    }

    func summary(_ report: LintReport) -> String {
        let files = report.files.count
        let time = report.durationSeconds.map { ", \(format3($0))s" } ?? ""
        let rules = Plural.count(report.rulesLoaded, "rule")
        let waived = WaiverListing.counts(report)
        if files == 0 && report.findings.isEmpty {
            return "nothing was checked: no file was read (\(rules)\(time))" + waived
        }
        if report.findings.isEmpty {
            return "no findings in \(Plural.count(files, "file")) (\(rules)\(time))" + waived
        }
        let parts = Severity.allCases.reversed().compactMap { severity -> String? in
            let n = report.count(severity)
            return n == 0 ? nil : Plural.count(n, severity: severity)
        }
        // A finding in a sidecar (`copy.docx.adlaw`) belongs to its document; one in a file
        // that was not checked (the config) is counted apart, never as a checked file.
        let checked = Set(report.files.map(\.path))
        var withFindings = Set<String>(), elsewhere = Set<String>()
        for path in report.findings.map(\.path) {
            let document = path.hasSuffix(".adlaw") ? String(path.dropLast(".adlaw".count)) : path
            if checked.contains(document) { withFindings.insert(document) } else { elsewhere.insert(path) }
        }
        let total = report.findings.count
        var out = "\(Plural.count(total, "finding")) (\(parts.joined(separator: ", "))) in \(withFindings.count) of \(Plural.count(files, "file"))"
        if !elsewhere.isEmpty { out += " and \(elsewhere.sorted().joined(separator: ", "))" }
        return out + " (\(rules)\(time))" + waived
    }

    private func format3(_ seconds: Double) -> String {
        let millis = Int((seconds * 1000).rounded())
        let whole = millis / 1000, frac = millis % 1000
        let fracText = String(frac)
        return "\(whole).\(String(repeating: "0", count: 3 - fracText.count))\(fracText)"
    }

    enum Style: String {
        case bold = "1", dim = "2", red = "31", yellow = "33", blue = "34", cyan = "36"
    }

    private func severityStyle(_ severity: Severity) -> Style {
        switch severity {
        case .error: .red
        case .warning: .yellow
        case .info: .cyan
        }
    }

    func paint(_ text: String, _ style: Style) -> String {
        color ? "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m" : text
    }
}
