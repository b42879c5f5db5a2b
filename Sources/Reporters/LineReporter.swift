import LintCore

/// One finding per line, for grep and editors: `path:line:col:severity:rule-id:message`.
public struct LineReporter: Reporter {
    public init() {}

    public func render(_ report: LintReport) -> String {
        var out = ""
        for f in report.findings {
            let message = f.message.replacingNewlines()
            out += "\(f.path):\(f.start.line):\(f.start.column):\(f.severity.rawValue):\(f.ruleID):\(message)\n"
        }
        return out
    }
}

extension String {
    func replacingNewlines() -> String {
        guard contains(where: \.isNewline) else { return self }
        return String(map { $0.isNewline ? " " : $0 })
    }
}
