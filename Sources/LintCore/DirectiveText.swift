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
    ///
    /// Full-width forms are folded as everywhere else in adlaw (`ａｄｌａｗ－ｄｉｓａｂｌｅ`,
    /// `＠`, `，`, the ideographic space), and the dashes a zh-TW input method types for
    /// `--` (`——`, `—`, `－－`, `──`, `―`) separate the reason too. The reason is kept as written.
    public static func parse(_ content: String) -> DirectiveText? {
        let text = content.trimmingDirectiveSpace()
        var head = Substring(text)
        var reason: String?
        if let separator = reasonSeparator(in: text) {
            head = text[..<separator.lowerBound]
            let trimmed = String(text[separator.upperBound...]).trimmingDirectiveSpace()
            reason = trimmed.isEmpty ? nil : trimmed
        }
        let folded = fold(head)
        guard folded.hasPrefix(prefix) else { return nil }
        var words = Substring(folded)
        var target: String?
        if let at = words.firstRange(of: " @ ") ?? words.firstRange(of: " @") {
            target = String(words[at.upperBound...]).trimmingDirectiveSpace()
            words = words[..<at.lowerBound]
        }
        let parts = words.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," || $0 == "、" || $0 == "；" || $0 == ";" })
        let word = parts.first.map(String.init) ?? ""
        return DirectiveText(keyword: Keyword(rawValue: word), word: word,
                             rules: parts.dropFirst().map(String.init), target: target, reason: reason)
    }

    /// Dashes that stand for the ASCII `--` before a reason: em dash, horizontal bar, box
    /// drawing, full-width hyphen-minus (alone or doubled).
    static let wideDashes: Set<Character> = ["\u{2014}", "\u{2015}", "\u{2500}", "\u{FF0D}"]

    /// Where the reason separator is: ` --` (or a tab before it; `---` and `-->` are not
    /// one), or a run of wide dashes anywhere (rule ids never hold them).
    static func reasonSeparator(in text: String) -> Range<String.Index>? {
        var index = text.startIndex
        var previous: Character?
        while index < text.endIndex {
            let c = text[index]
            if wideDashes.contains(c) {
                var end = text.index(after: index)
                while end < text.endIndex, wideDashes.contains(text[end]) || text[end] == "-" { end = text.index(after: end) }
                // A single full-width hyphen-minus may be a typed `-` inside a rule id.
                if c != "\u{FF0D}" || text.distance(from: index, to: end) > 1 { return index..<end }
            }
            if c == "-", let previous, previous == " " || previous == "\t" || previous == "\u{3000}" {
                let next = text.index(after: index)
                if next < text.endIndex, text[next] == "-" {
                    let after = text.index(after: next)
                    if after == text.endIndex || (text[after] != "-" && text[after] != ">") { return index..<after }
                }
            }
            previous = c
            index = text.index(after: index)
        }
        return nil
    }

    /// Full-width ASCII to ASCII, the ideographic space to a space, zero-width characters
    /// dropped: `TextNormalizer`'s folding without its variant table, for the keyword, rule
    /// ids and `@` target.
    static func fold(_ text: Substring) -> String {
        String(TextNormalizer(variants: []).normalizeLiteral(String(text))).trimmingDirectiveSpace()
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
