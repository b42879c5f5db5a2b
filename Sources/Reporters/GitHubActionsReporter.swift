import LintCore

/// GitHub Actions workflow commands: one `::error` / `::warning` / `::notice` line per
/// finding, shown as annotations on the pull request's diff. Columns are UTF-16 code units,
/// as in SARIF. GitHub shows only a limited number of annotations per step, so upload SARIF
/// as well for the full list.
///
/// Text from the copy, rule files and file names is escaped twice: control characters and
/// bidirectional overrides shown visibly (`VisibleText`), then percent-encoded as GitHub's
/// runner reads workflow commands (`escapeData`, `escapeProperty`), so no file name or
/// phrase can end a command early, start another (`::stop-commands::`) or hide text.
public struct GitHubActionsReporter: Reporter {
    public init() {}

    public func render(_ report: LintReport) -> String {
        var out = ""
        for finding in report.findings {
            let command = switch finding.severity {
            case .error: "error"
            case .warning: "warning"
            case .info: "notice"
            }
            let properties = [
                ("file", VisibleText.escaped(finding.path)),
                ("line", String(finding.start.line)),
                ("endLine", String(finding.end.line)),
                ("col", String(finding.start.utf16Column)),
                ("endColumn", String(finding.end.utf16Column)),
                ("title", VisibleText.escaped("\(finding.ruleID) \(finding.ruleName)")),
            ]
            // The lines of the message are joined after each is escaped: its own newlines stay.
            var message = VisibleText.escaped(finding.message)
            for reference in finding.references {
                message += "\n法規：\(VisibleText.escaped(reference.citation))" + (reference.penalty.map { "；\(VisibleText.escaped($0))" } ?? "")
            }
            if let suggestion = finding.suggestion { message += "\n建議：\(VisibleText.escaped(suggestion))" }
            for note in finding.notes { message += "\n前提：\(VisibleText.escaped(note))" }
            out += Self.command(command, properties: properties, message: message)
        }
        for diagnostic in report.diagnostics where diagnostic.level != .note {
            var properties = [("file", VisibleText.escaped(diagnostic.path))]
            if let line = diagnostic.line { properties.append(("line", String(line))) }
            out += Self.command(diagnostic.level == .error ? "error" : "warning", properties: properties,
                                message: VisibleText.escaped(diagnostic.message))
        }
        let errors = report.count(.error), warnings = report.count(.warning), infos = report.count(.info)
        out += "adlaw: \(report.findings.count) finding\(report.findings.count == 1 ? "" : "s") (\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s"), \(infos) info) in \(report.files.count) file\(report.files.count == 1 ? "" : "s")\n"
        return out
    }

    static func command(_ name: String, properties: [(String, String)], message: String) -> String {
        let props = properties.map { "\($0.0)=\(escapeProperty($0.1))" }.joined(separator: ",")
        return "::\(name) \(props)::\(escapeData(message))\n"
    }

    /// As `escapeData` in actions/toolkit `command.ts`.
    static func escapeData(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// As `escapeProperty` in actions/toolkit `command.ts`: data escaping plus `:` and `,`.
    static func escapeProperty(_ text: String) -> String {
        var out = ""
        for scalar in escapeData(text).unicodeScalars {
            switch scalar {
            case ":": out += "%3A"
            case ",": out += "%2C"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
