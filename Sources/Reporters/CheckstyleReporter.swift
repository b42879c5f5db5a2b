import LintCore

/// checkstyle XML, for reviewdog (`-f=checkstyle`), Jenkins warnings-ng and converters.
/// Every checked file gets a `<file>` element (an empty one when it is clean); `column` is
/// in UTF-8 bytes, the unit reviewdog uses; `source` is `adlaw.<rule-id>`.
public struct CheckstyleReporter: Reporter {
    public init() {}

    public func render(_ report: LintReport) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n"
        let byPath = Dictionary(grouping: report.findings, by: \.path)
        var paths = report.files.map(\.path)
        for path in byPath.keys where !paths.contains(path) { paths.append(path) }
        for diagnostic in report.diagnostics where diagnostic.level == .error && !paths.contains(diagnostic.path) {
            paths.append(diagnostic.path)
        }
        for path in paths.sorted() {
            let findings = byPath[path] ?? []
            let errors = report.diagnostics.filter { $0.level == .error && $0.path == path }
            if findings.isEmpty && errors.isEmpty {
                out += "  <file name=\"\(XMLText.attribute(path))\"/>\n"
                continue
            }
            out += "  <file name=\"\(XMLText.attribute(path))\">\n"
            for finding in findings {
                let severity = switch finding.severity {
                case .error: "error"
                case .warning: "warning"
                case .info: "info"
                }
                var message = finding.message
                if let suggestion = finding.suggestion { message += " 建議：\(suggestion)" }
                for note in finding.notes { message += " 前提：\(note)" }
                out += "    <error line=\"\(finding.start.line)\" column=\"\(finding.start.byteColumn)\" severity=\"\(severity)\""
                out += " message=\"\(XMLText.attribute(message))\" source=\"adlaw.\(XMLText.attribute(finding.ruleID.rawValue))\"/>\n"
            }
            for diagnostic in errors {
                out += "    <error line=\"\(diagnostic.line ?? 1)\" severity=\"error\" message=\"\(XMLText.attribute(diagnostic.message))\" source=\"adlaw.\(XMLText.attribute(diagnostic.code.rawValue))\"/>\n"
            }
            out += "  </file>\n"
        }
        out += "</checkstyle>\n"
        return out
    }
}
