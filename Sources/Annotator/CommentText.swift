import LintCore

/// What a comment says about a finding, in Traditional Chinese: the rule, the message, each
/// law and article with its penalty, the suggestion, the notes. One string per paragraph.
enum CommentText {
    static func paragraphs(for finding: Finding, approximate: String?) -> [String] {
        var out = ["adlaw｜\(label(finding.severity))：\(finding.ruleName)（\(finding.ruleID.rawValue)）", finding.message]
        for reference in finding.references {
            out.append("法規：\(reference.citation)" + (reference.penalty.map { "；\($0)" } ?? ""))
        }
        if let suggestion = finding.suggestion { out.append("建議：\(suggestion)") }
        for note in finding.notes { out.append("註：\(note)") }
        if let approximate { out.append("位置：\(approximate)") }
        return out
    }

    static func label(_ severity: Severity) -> String {
        switch severity {
        case .error: "錯誤"
        case .warning: "警告"
        case .info: "提示"
        }
    }
}
