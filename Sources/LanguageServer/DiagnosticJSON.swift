import LintCore

/// Findings and run diagnostics as LSP `Diagnostic` objects.
enum DiagnosticJSON {
    static func make(_ finding: Finding, encoding: PositionEncoding) -> JSONValue {
        var message = finding.message
        if let reference = finding.references.first {
            message += "\n" + reference.citation + (reference.penalty.map { "；\($0)" } ?? "")
        }
        if let suggestion = finding.suggestion { message += "\n建議：" + suggestion }
        for note in finding.notes { message += "\n註：" + note }
        var fields: [String: JSONValue] = [
            "range": encoding.range(of: finding).json,
            "severity": JSONValue(severity(finding.severity)),
            "code": .string(finding.ruleID.rawValue),
            "source": "adlaw",
            "message": .string(message),
        ]
        if let url = finding.references.lazy.compactMap(\.url).first { fields["codeDescription"] = ["href": .string(url)] }
        return .object(fields)
    }

    /// A note of the run about the document (sectors inferred or missing, invalid bytes) as
    /// an information diagnostic at its line, or at the top: silence must mean "checked and
    /// clean", so what could not be checked is shown too.
    static func make(_ diagnostic: Diagnostic, checkedName: String) -> JSONValue? {
        guard diagnostic.path == checkedName || diagnostic.path.hasSuffix("/" + checkedName) else { return nil }
        let line = max(0, (diagnostic.line ?? 1) - 1)
        let position: JSONValue = ["line": JSONValue(line), "character": 0]
        return [
            "range": ["start": position, "end": position],
            "severity": JSONValue(diagnostic.level == .error ? 1 : diagnostic.level == .warning ? 2 : 3),
            "code": .string(diagnostic.code.rawValue),
            "source": "adlaw",
            "message": .string(diagnostic.message),
        ]
    }

    static func note(_ text: String, severity: Int) -> JSONValue {
        let position: JSONValue = ["line": 0, "character": 0]
        return ["range": ["start": position, "end": position], "severity": JSONValue(severity), "source": "adlaw", "message": .string(text)]
    }

    private static func severity(_ severity: Severity) -> Int {
        switch severity {
        case .error: 1
        case .warning: 2
        case .info: 3
        }
    }
}

/// The hover card of a finding: what, why, the law and the penalty, what to write instead.
enum HoverText {
    static func markdown(for finding: Finding, rule: Rule?) -> String {
        var lines = ["**\(finding.ruleName)** `\(finding.ruleID.rawValue)` (\(finding.severity.rawValue))", "", finding.message]
        if let rationale = rule?.rationale, !rationale.isEmpty { lines += ["", rationale] }
        if !finding.references.isEmpty {
            lines += ["", "**法規依據**"]
            for reference in finding.references {
                let cited = reference.url.map { "[\(reference.citation)](\($0))" } ?? reference.citation
                lines.append("- " + cited + (reference.penalty.map { "：\($0)" } ?? ""))
            }
        }
        if let suggestion = finding.suggestion { lines += ["", "**建議**：" + suggestion] }
        if let replacement = rule?.replacement { lines += ["", "快速修正：改為「\(replacement)」"] }
        for note in finding.notes { lines += ["", "註：" + note] }
        return lines.joined(separator: "\n")
    }
}
