import LintCore

/// What the Markdown and HTML parsers are given: the source with every byte of an ill-formed
/// UTF-8 sequence replaced by one placeholder byte (U+001A SUBSTITUTE), so the parsers never
/// apply their own, differing, replacement rules and every offset stays that of the source.
/// `SourceAligner` maps each placeholder run (cmark keeps the placeholders, gumbo turns each
/// into U+FFFD) back onto its invalid bytes as one U+FFFD.
enum ParserInput {
    static let placeholder: UInt8 = 0x1A

    /// The bytes with each ill-formed sequence's maximal subpart (the unit one U+FFFD stands
    /// for) overwritten by placeholders of the same length.
    static func sanitized(_ bytes: [UInt8]) -> [UInt8] {
        var out = bytes
        var i = 0
        while i < bytes.count {
            let (length, scalar) = UTF8Scan.next(bytes, i)
            if scalar == nil {
                let subpart = max(1, min(SourceAligner.maximalSubpart(bytes, i), bytes.count - i))
                for k in i..<(i + subpart) { out[k] = placeholder }
                i += subpart
            } else {
                i += max(1, length)
            }
        }
        return out
    }
}
