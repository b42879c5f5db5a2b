/// Estimates how deeply an HTML document nests its elements, in one linear pass over the
/// bytes, before gumbo parses it.
///
/// gumbo checks its stack of open elements on every tag, which is quadratic in the nesting
/// depth: 60 000 nested elements (a 700 KB file) take about 9 s. Real pages nest well below
/// 100 deep, so a document nested deeper than the limit is refused before parsing. Void
/// elements, self-closing tags and elements whose end tag may be left out (`p`, `li`, `td`,
/// ...) are not counted; comments and the contents of `script` and `style` are skipped.
enum HTMLNestingGuard {
    private static let uncounted: Set<String> = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
        "param", "keygen", "p", "li", "dt", "dd", "td", "th", "tr", "tbody", "thead", "tfoot", "option",
        "optgroup", "rb", "rt", "rp", "rtc", "colgroup", "caption", "html", "head", "body", "!doctype",
    ]

    /// The byte offset of the first tag that goes past `limit` levels, or `nil`.
    static func firstTooDeep(_ bytes: [UInt8], range: Range<Int>, limit: Int) -> Int? {
        var depth = 0
        var i = range.lowerBound
        let end = range.upperBound
        while i < end {
            guard bytes[i] == 0x3C, i + 1 < end else { i += 1; continue }
            if bytes[i + 1] == 0x21, i + 3 < end, bytes[i + 2] == 0x2D, bytes[i + 3] == 0x2D {
                i = (find([0x2D, 0x2D, 0x3E], in: bytes, from: i + 4, end: end) ?? end - 3) + 3
                continue
            }
            let closing = bytes[i + 1] == 0x2F
            var j = i + (closing ? 2 : 1)
            let nameStart = j
            while j < end, isNameByte(bytes[j]) { j += 1 }
            guard j > nameStart, isLetter(bytes[nameStart]) else { i += 1; continue }
            let name = String(decoding: bytes[nameStart..<j], as: UTF8.self).lowercased()
            guard let close = bytes[j..<end].firstIndex(of: 0x3E) else { return nil }
            let selfClosing = close > j && bytes[close - 1] == 0x2F
            i = close + 1
            if uncounted.contains(name) || selfClosing { continue }
            if closing {
                depth = max(0, depth - 1)
                continue
            }
            if name == "script" || name == "style" || name == "textarea" || name == "title" {
                // Raw text up to the matching end tag.
                i = find(Array("</\(name)".utf8), in: bytes, from: i, end: end, ignoringCase: true) ?? end
                continue
            }
            depth += 1
            if depth > limit { return nameStart - 1 }
        }
        return nil
    }

    private static func isNameByte(_ b: UInt8) -> Bool { isLetter(b) || (0x30...0x39).contains(b) || b == 0x2D || b == 0x21 }
    private static func isLetter(_ b: UInt8) -> Bool { (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b) || b == 0x21 }

    private static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int, end: Int, ignoringCase: Bool = false) -> Int? {
        guard !needle.isEmpty, end - start >= needle.count else { return nil }
        var i = start
        while i + needle.count <= end {
            var k = 0
            while k < needle.count {
                let a = bytes[i + k], b = needle[k]
                if a != b && !(ignoringCase && a | 0x20 == b | 0x20 && (0x41...0x5A).contains(a & ~0x20)) { break }
                k += 1
            }
            if k == needle.count { return i }
            i += 1
        }
        return nil
    }
}
