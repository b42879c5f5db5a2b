import LintCore

/// One finding per line, for grep and editors: `path:line:col:severity:rule-id:message`.
public struct LineReporter: Reporter {
    public init() {}

    public func render(_ report: LintReport) -> String {
        ChunkedText.join(report.findings) { findings in
            var out = ""
            for f in findings {
                // One line per finding, whatever the file name or the message holds.
                // Line breaks in a message become spaces; in a file name they are shown (`\n`).
                out += "\(VisibleText.path(f.path)):\(f.start.line):\(f.start.column):\(f.severity.rawValue):\(f.ruleID):\(VisibleText.escaped(f.message.replacingNewlines()))\n"
            }
            return out
        }
    }
}

extension String {
    func replacingNewlines() -> String {
        // Every newline character (LF, VT, FF, CR, NEL, U+2028, U+2029) has one of these
        // bytes in UTF-8; most messages have none, and a byte scan is far cheaper than
        // walking the characters.
        guard utf8.contains(where: { (0x0A...0x0D).contains($0) || $0 == 0xC2 || $0 == 0xE2 }),
              contains(where: \.isNewline) else { return self }
        return String(map { $0.isNewline ? " " : $0 })
    }
}
