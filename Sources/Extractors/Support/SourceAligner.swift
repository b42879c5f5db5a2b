import LintCore

/// Lines up a parser's decoded text (a Markdown or HTML text node) with the raw source bytes
/// it came from, so that every decoded character maps back to exactly its source bytes.
///
/// Parsers hand back decoded text: `&amp;` became `&`, `\*` became `*`, an invalid byte
/// became U+FFFD, `\r\n` became `\n`. The aligner walks both in parallel and records each
/// place where they differ as one unit, so a match over decoded text is reported on the
/// raw text, entity and all.
struct SourceAligner {
    enum Flavor {
        /// CommonMark: backslash escapes and entities.
        case markdown
        /// HTML: entities (with or without `;`), CR LF folded, NUL replaced, markup between
        /// merged text runs skipped.
        case html
    }

    enum Step: Equatable {
        /// Raw bytes that appear unchanged.
        case copy(Range<Int>)
        /// Raw bytes that decode to other bytes.
        case unit(raw: Range<Int>, decoded: [UInt8], invalid: Bool)
        /// Raw bytes with no decoded counterpart (a tag between two merged text runs).
        case skip(Range<Int>)
    }

    let source: [UInt8]
    let flavor: Flavor

    private static let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]

    /// The steps that turn `source[start..<limit]` into `literal`, or `nil` when the literal
    /// is not there. The raw text may go on past the literal; `end` says where it stopped.
    func align(_ literal: [UInt8], from start: Int, limit: Int) -> (steps: [Step], end: Int)? {
        var steps: [Step] = []
        var i = 0 // literal
        var j = start // raw
        var copyStart = -1
        func flushCopy() {
            if copyStart >= 0 && j > copyStart { steps.append(.copy(copyStart..<j)) }
            copyStart = -1
        }
        let n = literal.count
        while i < n {
            guard j < limit else { return nil }
            let raw = source[j]
            let lit = literal[i]
            if raw == 0x5C, flavor == .markdown, j + 1 < limit, Self.isASCIIPunctuation(source[j + 1]), lit == source[j + 1] {
                // `\*` -> `*`: a backslash before ASCII punctuation is always an escape.
                flushCopy()
                steps.append(.unit(raw: j..<(j + 2), decoded: [lit], invalid: false))
                i += 1
                j += 2
                continue
            }
            if raw == 0x26, let entity = entityStep(literal, i, j, limit) {
                flushCopy()
                steps.append(entity.step)
                i = entity.nextLiteral
                j = entity.nextRaw
                continue
            }
            if raw >= 0x80, UTF8Scan.next(source, j).1 == nil {
                // An ill-formed sequence: the parser read placeholders (`ParserInput`), one per
                // byte, and kept them (cmark) or made each a U+FFFD (gumbo). One unit, one U+FFFD.
                let length = max(1, min(Self.maximalSubpart(source, j), limit - j))
                var k = i
                for _ in 0..<length {
                    if k < n && literal[k] == ParserInput.placeholder {
                        k += 1
                    } else if literal[k...].starts(with: Self.replacement) {
                        k += Self.replacement.count
                    } else {
                        return nil
                    }
                }
                flushCopy()
                steps.append(.unit(raw: j..<(j + length), decoded: Self.replacement, invalid: true))
                i = k
                j += length
                continue
            }
            if flavor == .html, raw == 0x3C, lit == 0x3C, !Self.continuesAlike(literal, i + 1, source, j + 1, limit),
               let close = Self.markupEnd(source, j, limit), Self.continuesAlike(literal, i, source, close + 1, limit) {
                // A tag the parser dropped from a merged text run, right before a text `<`:
                // the text after the tag is what goes on alike.
                flushCopy()
                steps.append(.skip(j..<(close + 1)))
                j = close + 1
                continue
            }
            if raw < 0x80 {
                if raw == lit {
                    if copyStart < 0 { copyStart = j }
                    i += 1
                    j += 1
                    continue
                }
            } else {
                let (length, scalar) = UTF8Scan.next(source, j)
                // An invalid byte and a U+FFFD in the literal is a replacement (below), even
                // when the byte is U+FFFD's lead byte 0xEF.
                let replaced = scalar == nil && literal[i...].starts(with: Self.replacement)
                if !replaced, j + length <= limit, i + length <= n, Self.bytesEqual(literal, i, source, j, count: length) {
                    if scalar != nil {
                        if copyStart < 0 { copyStart = j }
                    } else {
                        // An invalid byte the parser passed through: it becomes U+FFFD here.
                        flushCopy()
                        steps.append(.unit(raw: j..<(j + length), decoded: Self.replacement, invalid: true))
                    }
                    i += length
                    j += length
                    continue
                }
            }
            if raw == 0x0D && lit == 0x0A {
                flushCopy()
                let length = j + 1 < limit && source[j + 1] == 0x0A ? 2 : 1
                steps.append(.unit(raw: j..<(j + length), decoded: [0x0A], invalid: false))
                i += 1
                j += length
                continue
            }
            if literal[i...].starts(with: Self.replacement) {
                // An invalid sequence (or a NUL) decoded as U+FFFD: one raw unit. Parsers
                // replace either each invalid byte or each maximal subpart of a truncated
                // character (`E6 9B` before a new character) with one U+FFFD; the longer
                // reading is taken when the text goes on alike after it.
                let (length, scalar) = UTF8Scan.next(source, j)
                if scalar == nil || raw == 0 || (flavor == .html && scalar.map(Self.gumboReplaces) == true) {
                    var consumed = length
                    if raw != 0 {
                        let subpart = min(Self.maximalSubpart(source, j), limit - j)
                        if subpart > 1 && Self.continuesAlike(literal, i + 3, source, j + subpart, limit) { consumed = subpart }
                    }
                    flushCopy()
                    steps.append(.unit(raw: j..<(j + consumed), decoded: Self.replacement, invalid: scalar == nil))
                    i += 3
                    j += consumed
                    continue
                }
            }
            if flavor == .html && raw == 0x3C, let close = Self.markupEnd(source, j, limit) {
                // Markup between two runs the parser merged into one text node.
                flushCopy()
                steps.append(.skip(j..<(close + 1)))
                j = close + 1
                continue
            }
            return nil
        }
        flushCopy()
        return (steps, j)
    }

    /// Feeds aligned steps to a segment builder.
    static func apply(_ steps: [Step], source: [UInt8], into builder: inout SegmentBuilder) {
        for step in steps {
            switch step {
            case let .copy(range): builder.copy(source, range)
            case let .unit(raw, decoded, invalid): builder.unit(decoded, base: raw, invalid: invalid)
            case let .skip(range): builder.drop(range)
            }
        }
    }

    // MARK: - Entities

    /// An entity at raw `j` (`&amp;`, `&#x6548;`, `&nbsp;`, or in HTML a legacy `&copy`
    /// without `;`) that decodes to the literal's next one or two scalars.
    private func entityStep(_ literal: [UInt8], _ i: Int, _ j: Int, _ limit: Int) -> (step: Step, nextLiteral: Int, nextRaw: Int)? {
        var k = j + 1
        if k < limit && source[k] == 0x23 { k += 1 } // '#'
        while k < limit && k - j < 40 && Self.isAlphanumeric(source[k]) { k += 1 }
        guard k > j + 1 else { return nil }
        var candidates: [Int] = []
        if k < limit && source[k] == 0x3B { candidates.append(k + 1) } // with ';'
        if flavor == .html {
            // Legacy entities without ';': the parser takes the longest known name, which
            // is found below by requiring the text after it to agree.
            var end = k
            while end > j + 2 { candidates.append(end); end -= 1 }
        }
        for rawEnd in candidates {
            // If the literal itself holds the raw text, it was not an entity.
            if literal.count - i >= rawEnd - j && Self.bytesEqual(literal, i, source, j, count: rawEnd - j) { return nil }
            var scalarEnd = i
            for _ in 0..<2 {
                guard scalarEnd < literal.count else { break }
                scalarEnd += Self.scalarLength(literal[scalarEnd])
                if agrees(literal, scalarEnd, rawEnd, limit) {
                    return (.unit(raw: j..<rawEnd, decoded: Array(literal[i..<scalarEnd]), invalid: false), scalarEnd, rawEnd)
                }
            }
        }
        return nil
    }

    /// Whether literal and raw continue alike for a few bytes (or both end).
    private func agrees(_ literal: [UInt8], _ i: Int, _ j: Int, _ limit: Int) -> Bool {
        if i >= literal.count { return true }
        guard j < limit else { return false }
        let next = source[j]
        var a = i, b = j
        while a < literal.count && b < limit && a - i < 4 {
            if literal[a] != source[b] { return Self.startsUnit(source[b]) || b == j && next >= 0x80 && literal[a] == 0xEF }
            a += 1
            b += 1
        }
        return true
    }

    // MARK: - Bytes

    /// The length of the maximal subpart of an ill-formed sequence at `j` (Unicode 3.9,
    /// D93b): the lead byte and the continuation bytes that could still begin a character.
    static func maximalSubpart(_ bytes: [UInt8], _ j: Int) -> Int {
        let b0 = bytes[j]
        let (needed, firstRange): (Int, ClosedRange<UInt8>) = switch b0 {
        case 0xC2...0xDF: (1, 0x80...0xBF)
        case 0xE0: (2, 0xA0...0xBF)
        case 0xED: (2, 0x80...0x9F)
        case 0xE1...0xEF: (2, 0x80...0xBF)
        case 0xF0: (3, 0x90...0xBF)
        case 0xF4: (3, 0x80...0x8F)
        case 0xF1...0xF3: (3, 0x80...0xBF)
        default: (0, 0x80...0xBF)
        }
        var length = 1
        while length <= needed, j + length < bytes.count {
            let range: ClosedRange<UInt8> = length == 1 ? firstRange : 0x80...0xBF
            guard range.contains(bytes[j + length]) else { break }
            length += 1
        }
        // A complete sequence is not ill-formed; the caller only asks about ill-formed ones.
        return min(length, max(1, needed))
    }

    /// Whether `a[i..<i+count]` and `b[j..<j+count]` hold the same bytes (both in bounds).
    /// A plain loop: the generic `elementsEqual` over slices, called for every character
    /// aligned, was 2% of a whole check.
    @inline(__always)
    static func bytesEqual(_ a: [UInt8], _ i: Int, _ b: [UInt8], _ j: Int, count: Int) -> Bool {
        var k = 0
        while k < count {
            if a[i + k] != b[j + k] { return false }
            k += 1
        }
        return true
    }

    /// Whether the literal from `i` and the raw text from `j` go on alike: both end, the
    /// next bytes are equal, or both hold another replaced sequence.
    static func continuesAlike(_ literal: [UInt8], _ i: Int, _ source: [UInt8], _ j: Int, _ limit: Int) -> Bool {
        if i >= literal.count { return true }
        guard j < limit else { return false }
        let (length, scalar) = UTF8Scan.next(source, j)
        if literal[i...].starts(with: replacement) {
            // Another replaced sequence, or a U+FFFD written as such in the source.
            return scalar == nil || source[j] == 0 || (j + length <= limit && source[j..<(j + length)].elementsEqual(replacement))
        }
        // Whole characters are compared: a lead byte alone (0xEF) says nothing.
        let literalLength = scalarLength(literal[i])
        if scalar != nil, literalLength == length, i + length <= literal.count, j + length <= limit,
           Self.bytesEqual(literal, i, source, j, count: length) { return true }
        return startsUnit(source[j])
    }

    /// The `>` that closes the markup starting with the `<` at `j`: a comment ends at `-->`,
    /// and a `>` inside a quoted attribute value does not end a tag. Without such an end
    /// before `limit`, the first `>`.
    static func markupEnd(_ source: [UInt8], _ j: Int, _ limit: Int) -> Int? {
        let first = source[j..<limit].firstIndex(of: 0x3E)
        if source[j..<limit].starts(with: [0x3C, 0x21, 0x2D, 0x2D]) {
            if j + 4 < limit && source[j + 4] == 0x3E { return j + 4 }
            if j + 5 < limit && source[j + 4] == 0x2D && source[j + 5] == 0x3E { return j + 5 }
            var k = j + 4
            while k + 2 < limit {
                if source[k] == 0x2D && source[k + 1] == 0x2D && source[k + 2] == 0x3E { return k + 2 }
                k += 1
            }
            return first
        }
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0C || b == 0x0D }
        var k = j + 1
        while k < limit {
            if source[k] == 0x3E { return k }
            guard source[k] == 0x3D else {
                k += 1
                continue
            }
            // An attribute value: quoted right after `=` (and spaces), else it runs to a space
            // or `>`, and quotes inside it are plain characters.
            k += 1
            while k < limit && isSpace(source[k]) { k += 1 }
            guard k < limit else { break }
            let quote = source[k]
            if quote == 0x22 || quote == 0x27 {
                guard let close = source[(k + 1)..<limit].firstIndex(of: quote) else { return first }
                k = close + 1
            } else {
                while k < limit && !isSpace(source[k]) && source[k] != 0x3E { k += 1 }
            }
        }
        return first
    }

    /// Characters gumbo reads as U+FFFD although they are valid UTF-8: C0 controls other than
    /// tab, line feed, form feed and carriage return, DEL and C1 controls, and noncharacters.
    static func gumboReplaces(_ scalar: Unicode.Scalar) -> Bool {
        let c = scalar.value
        return (0x01...0x08).contains(c) || c == 0x0B || (0x0E...0x1F).contains(c) || (0x7F...0x9F).contains(c)
            || (0xFDD0...0xFDEF).contains(c) || c & 0xFFFE == 0xFFFE
    }

    /// Raw bytes where the decoded text may legitimately differ (another entity, an escape,
    /// a CR, a tag): agreement checks stop there.
    static func startsUnit(_ b: UInt8) -> Bool { b == 0x26 || b == 0x5C || b == 0x0D || b == 0x3C || b == 0 }

    static func scalarLength(_ lead: UInt8) -> Int {
        lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
    }

    static func isASCIIPunctuation(_ b: UInt8) -> Bool {
        (0x21...0x2F).contains(b) || (0x3A...0x40).contains(b) || (0x5B...0x60).contains(b) || (0x7B...0x7E).contains(b)
    }

    static func isAlphanumeric(_ b: UInt8) -> Bool {
        (0x30...0x39).contains(b) || (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b)
    }
}
