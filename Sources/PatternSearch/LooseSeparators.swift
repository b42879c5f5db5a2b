/// The characters a `loose: true` phrase may have between its characters (PatternSyntax's
/// separator class, `\s` under UCP included), plus the other Unicode whitespace, so the
/// set is a superset of that class. The prefilter's stripped view of a text leaves them
/// all out, so a loose phrase is one literal again (`治 療` and `治・療` read `治療`).
enum LooseSeparators {
    static func contains(_ scalar: Unicode.Scalar) -> Bool { contains(scalar.value) }

    @inline(__always)
    static func contains(_ v: UInt32) -> Bool {
        if v < 0x80 { return ascii[Int(v)] }
        switch v {
        case 0x85, 0xA0, 0xB7, 0x1680, 0x180E, 0x2000...0x200A, 0x2022, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0x3001, 0x30FB:
            return true
        default:
            return false
        }
    }

    /// Whether a window walks back over `v` for free: a separator, or a character of a
    /// number (a decimal digit of any script, as PCRE2's `\d` under UCP, or a Chinese
    /// numeral). A literal after a number of any length (`{{number}}`: 3天就好, 瘦了10公斤,
    /// `\d+天`, 三個半月) then keeps a bound instead of a window that reaches back to the
    /// segment start; runs of such characters in copy are short.
    @inline(__always)
    static func isUncounted(_ v: UInt32) -> Bool {
        if v < 0x80 { return ascii[Int(v)] || (v >= 0x30 && v <= 0x39) }
        switch v {
        case 0xFF10...0xFF19, 0x3007, 0x4E00, 0x4E03, 0x4E07, 0x4E09, 0x4E5D, 0x4E8C, 0x4E94, 0x516B, 0x516D, 0x5169,
             0x5341, 0x5343, 0x534A, 0x56DB, 0x5104, 0x767E, 0x842C, 0x96F6:
            return true // ０-９ 〇 一 七 万 三 九 二 五 八 六 兩 十 千 半 四 億 百 萬 零
        case 0x3400...0x9FFF:
            return false // CJK ideographs: no decimal digit among them
        case 0x2000...0x33FF, 0xAC00...0xFFFF:
            // Punctuation, symbols, kana, Hangul, full-width forms: no decimal digit but
            // ０-９ (above) in Unicode 14, PCRE2 10.42's tables. Asking Swift's Unicode
            // properties for 。 and the like was 1.5% of a check of dense copy.
            return contains(v)
        default:
            return contains(v) || isDecimalDigit(v)
        }
    }

    /// Whether `v` is a decimal digit (Unicode Nd: what `\d` matches under PCRE2_UCP). Swift's
    /// Unicode tables are at least as new as PCRE2's, so this is a superset of PCRE2's `\d`.
    static func isDecimalDigit(_ v: UInt32) -> Bool {
        guard v >= 0x80 else { return v >= 0x30 && v <= 0x39 }
        return Unicode.Scalar(v)?.properties.generalCategory == .decimalNumber
    }

    static func isUncounted(_ scalar: Unicode.Scalar) -> Bool { isUncounted(scalar.value) }

    /// The first byte offset at which a match may start when it has at most `solid`
    /// counted characters (not `isUncounted`) before `offset`: back over `solid` such
    /// characters, and over every uncounted one met on the way and right before.
    static func windowStart(in text: UnsafeBufferPointer<UInt8>, before offset: Int, solid: Int) -> Int {
        var o = min(offset, text.count), left = solid
        while o > 0 {
            var start = o - 1
            while start > 0 && (text[start] & 0xC0) == 0x80 { start -= 1 }
            if !isUncounted(decode(text, at: start, end: o)) {
                if left == 0 { break }
                left -= 1
            }
            o = start
        }
        return o
    }

    /// The scalar value of the character in `start..<end` (a value that is no separator
    /// for malformed or four-byte sequences).
    @inline(__always)
    static func decode(_ text: UnsafeBufferPointer<UInt8>, at start: Int, end: Int) -> UInt32 {
        let b0 = text[start]
        switch end - start {
        case 1: return UInt32(b0)
        case 2: return UInt32(b0 & 0x1F) << 6 | UInt32(text[start + 1] & 0x3F)
        case 3: return UInt32(b0 & 0x0F) << 12 | UInt32(text[start + 1] & 0x3F) << 6 | UInt32(text[start + 2] & 0x3F)
        default: return 0x10000
        }
    }

    private static let ascii: [Bool] = {
        var table = [Bool](repeating: false, count: 128)
        for b in [9, 10, 11, 12, 13, 32] { table[b] = true }
        for c in ".-_*~|/\\,'\"^+=#".unicodeScalars { table[Int(c.value)] = true }
        return table
    }()
}
