import LintCore
import PatternSearch

/// A segment ready for matching: its normalized bytes, the maps back to the source, where
/// its sentences end, and (with a prefilter) where each pattern may match.
final class PreparedSegment {
    let index: Int
    let segment: TextSegment
    /// The normalized text. The segment's own text (matched text, group values) is read
    /// from `segment.text`: a buffer of it besides this one was a third copy of a large
    /// file's text in memory.
    let normalized: NormalizedText
    /// Where prefiltered patterns may match; `nil` searches every pattern in full.
    let candidates: SegmentCandidates?
    private let breaks: SentenceBreaks
    /// Which segments of the document each prefiltered pattern may match in (shared by
    /// all the segments of one document; set once they are all prepared).
    var documentCandidates: DocumentCandidates?
    /// `segment.allZones`, computed once (every rule asks).
    let allZones: [Zone]

    init(index: Int, segment: TextSegment, normalizer: TextNormalizer, prefilter: Prefilter? = nil) {
        self.index = index
        self.segment = segment
        normalized = normalizer.normalize(segment.text)
        candidates = prefilter?.candidates(in: normalized.buffer)
        breaks = SentenceBreaks(normalized.buffer)
        allZones = segment.allZones
    }

    var buffer: UTF8Buffer { normalized.buffer }

    /// Byte offsets of sentence-ending characters (。!? and line breaks) in `normalized`,
    /// found the first time an exception needs them.
    var sentenceBreaks: BreakOffsets { breaks.offsets }

    /// The normalized range of the sentence around `range`.
    func sentence(around range: Range<Int>) -> Range<Int> {
        var lo = 0, hi = sentenceBreaks.count
        // first break >= range.upperBound
        while lo < hi {
            let mid = (lo + hi) / 2
            if sentenceBreaks[mid] < range.upperBound { lo = mid + 1 } else { hi = mid }
        }
        let end = lo < sentenceBreaks.count ? sentenceBreaks[lo] : buffer.count
        // last break < range.lowerBound
        var l = 0, h = sentenceBreaks.count
        while l < h {
            let mid = (l + h) / 2
            if sentenceBreaks[mid] < range.lowerBound { l = mid + 1 } else { h = mid }
        }
        var start = 0
        if l > 0 {
            let b = sentenceBreaks[l - 1]
            start = buffer.offset(b, forwardBy: 1)
        }
        return start..<max(start, end)
    }

    /// The end of the sentence holding `position`: just after the next sentence-ending
    /// character at or after it, or the end of the text.
    func sentenceEnd(from position: Int) -> Int {
        var lo = 0, hi = sentenceBreaks.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if sentenceBreaks[mid] < position { lo = mid + 1 } else { hi = mid }
        }
        return lo < sentenceBreaks.count ? buffer.offset(sentenceBreaks[lo], forwardBy: 1) : buffer.count
    }

    /// Whether a sentence ends inside `range`.
    func hasBreak(in range: Range<Int>) -> Bool {
        var lo = 0, hi = sentenceBreaks.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if sentenceBreaks[mid] < range.lowerBound { lo = mid + 1 } else { hi = mid }
        }
        return lo < sentenceBreaks.count && sentenceBreaks[lo] < range.upperBound
    }

    /// Whether `range` holds a character that ends a clause for `Polarity` (a sentence break,
    /// a comma, 、, a semicolon, a colon, a space or a bar).
    func hasClauseBreak(in range: Range<Int>) -> Bool {
        if hasBreak(in: range) { return true }
        var index = max(0, range.lowerBound)
        let end = min(buffer.count, range.upperBound)
        while index < end {
            let byte = buffer[index]
            if Polarity.clauseBreaks.contains(byte) { return true }
            if byte >= 0xC2 { // · (U+00B7) is two bytes
                for wide in Polarity.wideClauseBreaks where index + wide.count <= end
                    && (0..<wide.count).allSatisfy({ buffer[index + $0] == wide[$0] }) { return true }
            }
            index += 1
        }
        return false
    }

    /// Normalized range -> range in the segment's own text.
    func extractedRange(_ range: Range<Int>) -> Range<Int> { normalized.map.baseRange(range) }

    /// Normalized range -> range in the document's source text.
    func sourceRange(_ range: Range<Int>) -> Range<Int> { segment.sourceMap.baseRange(extractedRange(range)) }

    /// Whether a normalized range covers text that was invalid in the source.
    func touchesInvalidBytes(_ range: Range<Int>) -> Bool {
        guard !segment.invalidRanges.isEmpty else { return false }
        let extracted = extractedRange(range)
        return segment.invalidRanges.contains { $0.overlaps(extracted) }
    }

    /// Every zone a normalized range is in (segment zone, its broader zones, inline zones).
    func zones(of range: Range<Int>) -> [Zone] {
        segment.inlineZones.isEmpty ? segment.zone.including : segment.zones(covering: extractedRange(range))
    }

    /// The narrowest zone of a normalized range, as reported.
    func zone(of range: Range<Int>) -> Zone {
        segment.inlineZones.isEmpty ? segment.zone : segment.innermostZone(covering: extractedRange(range))
    }

    /// The segment's own text for a normalized range.
    func text(_ range: Range<Int>) -> String {
        let utf8 = segment.text.utf8
        let bytes = extractedRange(range).clamped(to: 0..<utf8.count)
        let start = utf8.index(utf8.startIndex, offsetBy: bytes.lowerBound)
        return String(decoding: utf8[start..<utf8.index(start, offsetBy: bytes.count)], as: UTF8.self)
    }

    /// How many characters of the segment's own text come before the normalized `offset`.
    func characterCount(before offset: Int) -> Int {
        let utf8 = segment.text.utf8
        let end = min(max(0, extractedRange(offset..<offset).lowerBound), utf8.count)
        return utf8[..<utf8.index(utf8.startIndex, offsetBy: end)].reduce(0) { $0 + ($1 & 0xC0 != 0x80 ? 1 : 0) }
    }
}

/// The sentence ends of a segment, computed on first use: most segments of most documents
/// never need them (only matches that reach an exception do).
final class SentenceBreaks {
    private let buffer: UTF8Buffer
    private var computed: BreakOffsets?

    init(_ buffer: UTF8Buffer) { self.buffer = buffer }

    var offsets: BreakOffsets {
        if let computed { return computed }
        let n = buffer.count
        let p = buffer.baseAddress
        // 32-bit offsets: a sentence end every 50 bytes or so made 8-byte offsets a sixth of
        // a large text's size. A buffer past 4 GiB keeps full-width offsets.
        func scan<T: FixedWidthInteger>(_: T.Type) -> [T] {
            var breaks: [T] = []
            var i = 0
            while i < n {
                let b = p[i]
                if b == 0x0A || b == 0x0D || b == 0x21 || b == 0x3F {
                    breaks.append(T(i))
                } else if b == 0xE3, i + 2 < n, p[i + 1] == 0x80, p[i + 2] == 0x82 {
                    breaks.append(T(i)) // 。
                }
                i += 1
            }
            return breaks
        }
        let result = n <= Int(UInt32.max) ? BreakOffsets(narrow: scan(UInt32.self)) : BreakOffsets(wide: scan(Int.self))
        computed = result
        return result
    }
}

/// Sentence-break offsets in ascending order: 32-bit when the text allows, else `Int`.
struct BreakOffsets {
    private let narrow: [UInt32]
    private let wide: [Int]

    init(narrow: [UInt32]) { self.narrow = narrow; wide = [] }
    init(wide: [Int]) { narrow = []; self.wide = wide }

    var count: Int { narrow.isEmpty ? wide.count : narrow.count }

    subscript(index: Int) -> Int { narrow.isEmpty ? wide[index] : Int(narrow[index]) }
}

extension Array where Element == PreparedSegment {
    /// The segments of a document in which `regex` may match, in document order: all of
    /// them unless the prefilter knows the pattern.
    func candidates(for regex: any CompiledRegex) -> [PreparedSegment] {
        guard let index = first?.documentCandidates, let list = index.segments(for: regex),
              list.allSatisfy({ $0 < count && self[$0].index == $0 }) else { return self }
        // Distinct and in order, so as many as there are segments is all of them.
        return list.count == count ? self : list.map { self[$0] }
    }
}

extension SegmentSearch {
    /// `regex` searched in a prepared segment, in the prefilter's windows when it has some.
    init(_ regex: any CompiledRegex, in segment: PreparedSegment) {
        self.init(regex, buffer: segment.buffer, candidates: segment.candidates)
    }
}
