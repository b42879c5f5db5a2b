/// Finds, in one linear pass over the bytes before gumbo parses them, the markup that gumbo
/// handles in quadratic time, so such a document is refused instead of taking minutes:
///
/// - nesting: gumbo checks its stack of open elements on every tag, quadratic in the depth
///   (60 000 nested elements, a 700 KB file, took about 9 s). Void elements and elements whose
///   end tag may be left out (`p`, `li`, `td`, ...) are not counted; a self-closing `/>` closes
///   only void and foreign (SVG, MathML) elements, as in HTML itself: `<div/>` opens a `div`,
///   and 300,000 of them took over 120 s.
/// - attributes: gumbo compares each attribute with the ones before it on the same tag, so a
///   tag with a million attributes never finished. Real tags have a few dozen at most.
///
/// Comments and the contents of `script`, `style`, `textarea` and `title` are skipped.
enum HTMLNestingGuard {
    /// Markup past a limit: where (the tag's offset) and what.
    struct Violation: Equatable {
        var offset: Int
        var what: String
    }

    /// Attributes one tag may carry.
    static let maxAttributes = 1_000

    private static let uncounted: Set<String> = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
        "param", "keygen", "p", "li", "dt", "dd", "td", "th", "tr", "tbody", "thead", "tfoot", "option",
        "optgroup", "rb", "rt", "rp", "rtc", "colgroup", "caption", "html", "head", "body", "!doctype",
    ]

    /// The first tag past the nesting limit or the attribute limit, or `nil`.
    static func firstViolation(_ bytes: [UInt8], range: Range<Int>, depthLimit limit: Int) -> Violation? {
        var depth = 0
        // Open `svg` and `math` elements: inside them `/>` closes any element.
        var foreign = 0
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
            guard let (close, attributes) = tagEnd(bytes, from: j, end: end) else { return nil }
            if attributes > maxAttributes {
                return Violation(offset: nameStart - 1, what: "a tag with more than \(maxAttributes) attributes")
            }
            let selfClosing = close > j && bytes[close - 1] == 0x2F
            i = close + 1
            if name == "svg" || name == "math" {
                if closing { foreign = max(0, foreign - 1) } else if !selfClosing { foreign += 1 }
            }
            if uncounted.contains(name) || (selfClosing && foreign > 0) { continue }
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
            if depth > limit { return Violation(offset: nameStart - 1, what: "HTML elements nested more than \(limit) deep") }
        }
        return nil
    }

    /// The `>` that ends a tag whose name ends at `start`, read as the tokenizer reads it (a
    /// value quoted right after `=` may hold `>`), and how many attributes the tag starts;
    /// nil when the tag never ends.
    private static func tagEnd(_ bytes: [UInt8], from start: Int, end: Int) -> (Int, Int)? {
        var k = start
        var attributes = 0
        var afterEquals = false
        var previous: UInt8 = 0x20
        while k < end {
            let b = bytes[k]
            if b == 0x3E { return (k, attributes) }
            if afterEquals && (b == 0x22 || b == 0x27) {
                guard let closeQuote = bytes[(k + 1)..<end].firstIndex(of: b) else { return nil }
                k = closeQuote + 1
                previous = b
                afterEquals = false
                continue
            }
            let space = b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0C || b == 0x0D
            if b == 0x3D {
                afterEquals = true
            } else if !space {
                // A name starts after white space, `/` or a closing quote, unless it is a value.
                if !afterEquals && (previous == 0x20 || previous == 0x09 || previous == 0x0A || previous == 0x0C || previous == 0x0D
                                    || previous == 0x2F || previous == 0x22 || previous == 0x27) && b != 0x2F {
                    attributes += 1
                }
                afterEquals = false
            }
            previous = b
            k += 1
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
