/// The words of one directive, as found inside a comment, a note or a sidecar line:
/// `adlaw-<keyword> <rule>[, <rule>…] [@ <where>] [-- <reason>]`.
public struct DirectiveText: Sendable, Hashable {
    public enum Keyword: String, Sendable, Hashable, CaseIterable {
        case disableNextLine = "adlaw-disable-next-line"
        case disableLine = "adlaw-disable-line"
        case disable = "adlaw-disable"
        case enable = "adlaw-enable"
    }

    /// nil: the text starts with `adlaw-` but the word is not a directive.
    public var keyword: Keyword?
    /// The word as written (for messages about unknown ones).
    public var word: String
    public var rules: [String]
    /// `@ <where>` (sidecar entries): a line, a line range or a logical location.
    public var target: String?
    /// The text after ` -- `, trimmed; nil when there is none or it is empty.
    public var reason: String?

    public static let prefix = "adlaw-"

    /// Parses comment content. Returns nil when the text is not meant as a directive
    /// (it does not start with `adlaw-` after optional whitespace).
    public static func parse(_ content: String) -> DirectiveText? {
        let text = content.trimmingDirectiveSpace()
        guard text.hasPrefix(prefix) else { return nil }
        var head = Substring(text)
        var reason: String?
        if let separator = text.firstRange(of: " --") ?? text.firstRange(of: "\t--") {
            head = text[..<separator.lowerBound]
            let rest = String(text[separator.upperBound...])
            // `---` or `-->` are not the reason separator.
            if !rest.hasPrefix("-") && !rest.hasPrefix(">") {
                let trimmed = rest.trimmingDirectiveSpace()
                reason = trimmed.isEmpty ? nil : trimmed
            } else {
                head = Substring(text)
            }
        }
        var target: String?
        if let at = head.firstRange(of: " @ ") ?? head.firstRange(of: " @") {
            target = String(head[at.upperBound...]).trimmingDirectiveSpace()
            head = head[..<at.lowerBound]
        }
        let words = head.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," || $0 == "\u{3000}" || $0 == "，" })
        let word = words.first.map(String.init) ?? ""
        return DirectiveText(keyword: Keyword(rawValue: word), word: word,
                             rules: words.dropFirst().map(String.init), target: target, reason: reason)
    }
}

extension String {
    func trimmingDirectiveSpace() -> String {
        var s = Substring(self)
        while let c = s.first, c.isWhitespace { s = s.dropFirst() }
        while let c = s.last, c.isWhitespace { s = s.dropLast() }
        return String(s)
    }

}
