import LintCore

/// Writes one segment's text left to right from pieces of a source, keeping the offset map
/// back to the source exact: copied runs, decoded units (an entity, an escape), line
/// breaks joined the way the copy reads (no space between CJK characters), and inline zones.
struct SegmentBuilder {
    private(set) var bytes: [UInt8] = []
    private var map = OffsetMap.Builder()
    private var inlineZones: [ZoneSpan] = []
    private var invalidRanges: [Range<Int>] = []
    private var openZones: [(zone: Zone, start: Int)] = []
    /// Whitespace seen but not yet written: where it started in the source, and whether it
    /// held a line break. It becomes one space, or nothing between two CJK characters.
    private var pending: (base: Int, newline: Bool)?
    private var lastScalar: Unicode.Scalar?
    /// Collapse runs of ASCII whitespace in copied text (HTML, PDF); Markdown keeps spaces.
    let collapsesWhitespace: Bool

    init(collapsesWhitespace: Bool = false) { self.collapsesWhitespace = collapsesWhitespace }

    var isEmpty: Bool { bytes.isEmpty }

    /// The first source offset the next piece may start at without mapping before text
    /// already written (or before a pending joiner): a segment's characters stay in order.
    var baseFloor: Int { bytes.isEmpty ? 0 : max(map.currentBaseOffset, pending?.base ?? 0) }

    /// Source bytes that appear unchanged in the text.
    mutating func copy(_ source: [UInt8], _ range: Range<Int>) {
        guard !range.isEmpty else { return }
        if !collapsesWhitespace {
            write(source, range)
            return
        }
        var runStart = range.lowerBound
        var i = range.lowerBound
        while i < range.upperBound {
            let b = source[i]
            if b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D || b == 0x0C {
                write(source, runStart..<i)
                whitespace(atBase: i, newline: b == 0x0A || b == 0x0D)
                runStart = i + 1
            }
            i += 1
        }
        write(source, runStart..<range.upperBound)
    }

    /// One unit of text that stands for a source range of another length (`&amp;` -> `&`,
    /// `\*` -> `*`, an invalid byte -> U+FFFD).
    mutating func unit(_ derived: [UInt8], base: Range<Int>, invalid: Bool = false) {
        guard !derived.isEmpty else {
            drop(base)
            return
        }
        if collapsesWhitespace, derived.count == 1, derived[0] == 0x20 || derived[0] == 0x0A || derived[0] == 0x09 {
            whitespace(atBase: base.lowerBound, newline: derived[0] == 0x0A)
            return
        }
        flushPending(before: firstScalar(derived, 0))
        move(toBase: base.lowerBound)
        if invalid { invalidRanges.append(bytes.count..<(bytes.count + derived.count)) }
        bytes += derived
        map.replace(baseCount: base.count, derivedCount: derived.count)
        lastScalar = lastScalar(of: derived)
    }

    /// Text that could not be lined up with its source bytes, kept located at `base` as a
    /// whole: its first character stands for the range and the others map to the range's
    /// end (each on an anchor of its own), so no character maps outside the range.
    mutating func unaligned(_ text: String, base: Range<Int>) {
        var scalars = text.unicodeScalars.makeIterator()
        guard let first = scalars.next() else { return }
        // Written as it is (a leading space too), so no pending joiner is left behind it.
        let firstBytes = Array(String(first).utf8)
        flushPending(before: first)
        move(toBase: base.lowerBound)
        bytes += firstBytes
        map.replace(baseCount: base.count, derivedCount: firstBytes.count)
        lastScalar = first
        while let scalar = scalars.next() {
            let utf8 = Array(String(scalar).utf8)
            move(toBase: base.upperBound)
            map.insert(utf8.count)
            bytes += utf8
            lastScalar = scalar
        }
    }

    /// Source bytes with no counterpart in the text (markup between two text runs).
    mutating func drop(_ base: Range<Int>) {
        // Nothing to write: the next piece jumps to its own base offset.
    }

    /// A soft line break (Markdown), or any whitespace between source runs.
    mutating func whitespace(atBase base: Int, newline: Bool) {
        guard !bytes.isEmpty else { return }
        if let current = pending {
            pending = (current.base, current.newline || newline)
        } else {
            pending = (base, newline)
        }
    }

    /// A hard line break (`<br>`, two trailing spaces, `w:br`): a `\n` that ends sentences.
    mutating func lineBreak(atBase base: Int) {
        pending = nil
        guard !bytes.isEmpty else { return }
        move(toBase: base)
        map.insert(1)
        bytes.append(0x0A)
        lastScalar = "\n"
    }

    /// An escape that stands for a line break (`\n` in JSON): a `\n` mapped to its source.
    mutating func lineBreakUnit(base: Range<Int>) {
        flushPending(before: "\n")
        move(toBase: base.lowerBound)
        bytes.append(0x0A)
        map.replace(baseCount: base.count, derivedCount: 1)
        lastScalar = "\n"
    }

    /// Skipped inline content (code, a footnote mark): a space, so that the words on either
    /// side do not join into one phrase.
    mutating func separator(atBase base: Int) { whitespace(atBase: base, newline: false) }

    mutating func beginZone(_ zone: Zone) {
        flushPendingIfAny()
        openZones.append((zone, bytes.count))
    }

    mutating func endZone() {
        guard let open = openZones.popLast() else { return }
        if bytes.count > open.start { inlineZones.append(ZoneSpan(range: open.start..<bytes.count, zone: open.zone)) }
    }

    /// The finished segment, or `nil` when it holds nothing but whitespace.
    mutating func build(zone: Zone, location: SourceLocation? = nil) -> TextSegment? {
        while !openZones.isEmpty { endZone() }
        guard bytes.contains(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x09 && $0 != 0x0D }) else { return nil }
        let spans = inlineZones.sorted { $0.range.lowerBound < $1.range.lowerBound }
        return TextSegment(text: String(decoding: bytes, as: UTF8.self), sourceMap: map.build(), zone: zone,
                           invalidRanges: invalidRanges, location: location, inlineZones: spans)
    }

    // MARK: - Private

    /// Source bytes copied unchanged, except that an invalid UTF-8 sequence becomes U+FFFD
    /// (marked invalid, so no match includes it).
    mutating func copyValidating(_ source: [UInt8], _ range: Range<Int>) {
        var runStart = range.lowerBound
        var i = range.lowerBound
        while i < range.upperBound {
            if source[i] < 0x80 { i += 1; continue }
            let (length, scalar) = UTF8Scan.next(source, i)
            if scalar == nil || i + length > range.upperBound {
                copy(source, runStart..<i)
                unit([0xEF, 0xBF, 0xBD], base: i..<(i + 1), invalid: true)
                i += 1
                runStart = i
            } else {
                i += length
            }
        }
        copy(source, runStart..<range.upperBound)
    }

    private mutating func write(_ source: [UInt8], _ range: Range<Int>) {
        guard !range.isEmpty else { return }
        flushPending(before: firstScalar(source, range.lowerBound))
        move(toBase: range.lowerBound)
        bytes.append(contentsOf: source[range])
        map.copy(range.count)
        lastScalar = lastScalar(of: source[range])
    }

    private mutating func flushPendingIfAny() {
        guard let space = pending else { return }
        pending = nil
        if let last = lastScalar, last == " " || last == "\n" || last == "\t" { return }
        move(toBase: space.base)
        map.insert(1)
        bytes.append(0x20)
        lastScalar = " "
    }

    private mutating func flushPending(before next: Unicode.Scalar?) {
        guard let space = pending else { return }
        pending = nil
        // Never two spaces in a row: text that already has one needs no joiner.
        if let last = lastScalar, last == " " || last == "\n" || last == "\t" { return }
        if let next, next == " " || next == "\n" || next == "\t" { return }
        // A line break between CJK text is no space at all (中文換行不加空白).
        if space.newline, let last = lastScalar, let next, Self.isWide(last) || Self.isWide(next) { return }
        move(toBase: space.base)
        map.insert(1)
        bytes.append(0x20)
        lastScalar = " "
    }

    /// Moves to a source offset before writing there. Bytes skipped going forward are
    /// recorded as dropped, so the character before the gap ends where it ends in the
    /// source, not where the next piece starts.
    private mutating func move(toBase base: Int) {
        let current = map.currentBaseOffset
        if base > current && !bytes.isEmpty {
            map.drop(base - current)
        } else if base != current {
            map.jump(toBase: base)
        }
    }

    static func isWide(_ scalar: Unicode.Scalar) -> Bool { DisplayWidth.width(of: scalar) == 2 }

    private func firstScalar<C: Collection>(_ bytes: C, _ start: C.Index) -> Unicode.Scalar? where C.Element == UInt8 {
        var iterator = bytes[start...].makeIterator()
        var decoder = UTF8()
        if case let .scalarValue(scalar) = decoder.decode(&iterator) { return scalar }
        return nil
    }

    private func lastScalar<C: BidirectionalCollection>(of bytes: C) -> Unicode.Scalar? where C.Element == UInt8 {
        var start = bytes.endIndex
        var steps = 0
        while start > bytes.startIndex && steps < 4 {
            start = bytes.index(before: start)
            steps += 1
            if bytes[start] & 0xC0 != 0x80 { break }
        }
        return firstScalar(bytes, start)
    }
}
