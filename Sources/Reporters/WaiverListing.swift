import LintCore

/// The part of the human report about findings that do not count: each suppressed finding
/// with the reason given in the copy, each substantiated one with its claim's evidence,
/// approver and expiry, and the baseline's tally. A reviewer sees every exception made.
struct WaiverListing {
    var color: Bool

    func render(_ report: LintReport) -> String {
        var suppressed: [(Finding, SuppressionDirective)] = []
        var substantiated: [(Finding, SubstantiatedClaim)] = []
        for waived in report.waived {
            switch waived.waiver {
            case let .suppressed(directive): suppressed.append((waived.finding, directive))
            case let .substantiated(claim): substantiated.append((waived.finding, claim))
            case .baselined: break
            }
        }
        let painter = HumanReporter(color: color)
        var out = ""
        if !suppressed.isEmpty {
            out += painter.paint("suppressed (\(suppressed.count)):", .bold) + "\n"
            for (finding, directive) in suppressed {
                out += "  \(location(finding)): \(finding.severity.rawValue) [\(finding.ruleID)] 「\(VisibleText.escaped(finding.matchedText))」\n"
                let keyword = directive.kind == .block ? "adlaw-disable" : directive.kind == .location ? "adlaw-disable" : "adlaw-\(directive.kind.rawValue)"
                out += "    reason: \(VisibleText.escaped(directive.reason ?? "")) (\(keyword) at \(VisibleText.path(directive.writtenIn)):\(directive.start.line))\n"
            }
            out += "\n"
        }
        if !substantiated.isEmpty {
            out += painter.paint("substantiated (\(substantiated.count)):", .bold) + "\n"
            for (finding, claim) in substantiated {
                out += "  \(location(finding)): \(finding.severity.rawValue) [\(finding.ruleID)] 「\(VisibleText.escaped(finding.matchedText))」\n"
                out += "    claim `\(VisibleText.escaped(claim.id))`: \(VisibleText.escaped(claim.evidence)); approved by \(VisibleText.escaped(claim.approvedBy))"
                if let approvedOn = claim.approvedOn { out += " on \(approvedOn)" }
                out += "; valid until \(claim.expires)\n"
            }
            out += "\n"
        }
        let idle = report.suppressions.filter { $0.status == .idle }
        if !idle.isEmpty {
            out += "\(idle.count) suppression\(idle.count == 1 ? "" : "s") for rules that did not run: "
            out += idle.map { "\(VisibleText.path($0.directive.writtenIn)):\($0.directive.start.line)" }.joined(separator: ", ") + "\n\n"
        }
        if let baseline = report.baseline {
            out += "baseline \(VisibleText.escaped(baseline.file)): \(baseline.known) known finding\(baseline.known == 1 ? "" : "s") not shown, \(baseline.new) new"
            if baseline.gone > 0 {
                out += ", \(baseline.gone) fixed (rewrite it with --write-baseline \(baseline.file) to drop them)"
            }
            out += "\n\n"
        }
        return out
    }

    /// `; 2 suppressed, 1 substantiated, 12 in the baseline` for the summary line.
    static func counts(_ report: LintReport) -> String {
        var suppressed = 0, substantiated = 0, baselined = 0
        for waived in report.waived {
            switch waived.waiver {
            case .suppressed: suppressed += 1
            case .substantiated: substantiated += 1
            case .baselined: baselined += 1
            }
        }
        var parts: [String] = []
        if suppressed > 0 { parts.append("\(suppressed) suppressed") }
        if substantiated > 0 { parts.append("\(substantiated) substantiated") }
        if baselined > 0 { parts.append("\(baselined) in the baseline") }
        return parts.isEmpty ? "" : "; " + parts.joined(separator: ", ")
    }

    private func location(_ finding: Finding) -> String {
        "\(VisibleText.escaped(finding.path)):\(finding.start.line):\(finding.start.column)" + (finding.logicalLocation.map { " (\(VisibleText.escaped($0)))" } ?? "")
    }
}
