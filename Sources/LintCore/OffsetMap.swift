/// Maps byte offsets in a derived text (normalized or extracted) back to byte offsets in
/// the text it came from.
///
/// The map is piecewise linear: between two anchors every derived byte maps to one base
/// byte. Anchors are only stored where the lengths diverge (a full-width character folded
/// to ASCII, an entity decoded, a zero-width character dropped), so plain text costs one
/// anchor. A match boundary always falls on a character boundary of the derived text.
///
/// Copy with a full-width comma every few characters has an anchor every few characters,
/// so anchors are stored compactly: 8 bytes each (a derived and a base offset, 32 bits each,
/// relative to the start of their block), not three 64-bit numbers (25 MB on a 20 MB file).
/// A new block starts wherever an offset does not fit 32 bits from the block's start, so
/// any length of text maps exactly. The bytes dropped before an anchor are rare (a
/// zero-width character) and kept in a sorted list of their own.
public struct OffsetMap: Sendable, Equatable {
    // Anchors, sorted by derived offset (unique): offsets relative to their block's start.
    private var derivedDelta: [UInt32] = []
    private var baseDelta: [UInt32] = []
    // Blocks: the index of each block's first anchor and that anchor's offsets, whole.
    private var blockFirst: [Int] = []
    private var blockDerived: [Int] = []
    private var blockBase: [Int] = []
    // Anchors that have bytes of the base text dropped immediately before their derived
    // offset: anchor indices, ascending, and the byte counts.
    private var droppedAnchor: [Int] = []
    private var droppedCount: [Int] = []

    private init() {}

    private init(anchor derived: Int, base: Int, dropped: Int) {
        append(derived: derived, base: base, dropped: dropped)
    }

    /// The identity map, shifted by `baseOffset` (a segment that starts inside its file).
    public static func identity(baseOffset: Int = 0) -> OffsetMap {
        OffsetMap(anchor: 0, base: baseOffset, dropped: 0)
    }

    public var isIdentity: Bool { anchorCount == 1 && base(0) == 0 && dropped(0) == 0 }

    /// Number of anchors, for memory accounting in tests and benchmarks.
    public var anchorCount: Int { derivedDelta.count }

    // MARK: anchors, whole

    private func block(ofAnchor index: Int) -> Int {
        var lo = 0, hi = blockFirst.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if blockFirst[mid] <= index { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    private func derived(_ index: Int) -> Int { blockDerived[block(ofAnchor: index)] + Int(derivedDelta[index]) }
    private func base(_ index: Int) -> Int { blockBase[block(ofAnchor: index)] + Int(baseDelta[index]) }

    private func dropped(_ index: Int) -> Int {
        var lo = 0, hi = droppedAnchor.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if droppedAnchor[mid] < index { lo = mid + 1 } else { hi = mid }
        }
        return lo < droppedAnchor.count && droppedAnchor[lo] == index ? droppedCount[lo] : 0
    }

    /// Appends an anchor after the last one (its derived offset is larger).
    private mutating func append(derived d: Int, base b: Int, dropped k: Int) {
        let index = derivedDelta.count
        if let last = blockFirst.indices.last {
            let dd = d - blockDerived[last], bd = b - blockBase[last]
            if dd <= Int(UInt32.max), bd >= 0, bd <= Int(UInt32.max) {
                derivedDelta.append(UInt32(dd))
                baseDelta.append(UInt32(bd))
                if k != 0 { droppedAnchor.append(index); droppedCount.append(k) }
                return
            }
        }
        blockFirst.append(index)
        blockDerived.append(d)
        blockBase.append(b)
        derivedDelta.append(0)
        baseDelta.append(0)
        if k != 0 { droppedAnchor.append(index); droppedCount.append(k) }
    }

    /// Removes the last anchor and returns it.
    private mutating func removeLast() -> (derived: Int, base: Int, dropped: Int) {
        let index = derivedDelta.count - 1
        let anchor = (derived: derived(index), base: base(index), dropped: dropped(index))
        derivedDelta.removeLast()
        baseDelta.removeLast()
        if blockFirst.last == index {
            blockFirst.removeLast(); blockDerived.removeLast(); blockBase.removeLast()
        }
        if droppedAnchor.last == index { droppedAnchor.removeLast(); droppedCount.removeLast() }
        return anchor
    }

    // MARK: lookups

    /// The last anchor at or before derived `offset`, with its whole offsets.
    private func anchor(atOrBefore offset: Int) -> (index: Int, derived: Int, base: Int) {
        var lo = 0, hi = blockDerived.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if blockDerived[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        let block = lo
        let blockEnd = block + 1 < blockFirst.count ? blockFirst[block + 1] : derivedDelta.count
        // Offsets before the map's first anchor, or past a block's 32-bit reach, never
        // match a later anchor of the block; clamp so the comparison stays in range.
        let relative = UInt32(clamping: offset - blockDerived[block])
        var i = blockFirst[block], j = blockEnd - 1
        while i < j {
            let mid = (i + j + 1) / 2
            if derivedDelta[mid] <= relative { i = mid } else { j = mid - 1 }
        }
        return (i, blockDerived[block] + Int(derivedDelta[i]), blockBase[block] + Int(baseDelta[i]))
    }

    /// The base offset where the character starting at derived `offset` starts.
    public func baseStart(_ offset: Int) -> Int {
        let a = anchor(atOrBefore: offset)
        return a.base + (offset - a.derived)
    }

    /// The base offset where the character ending at derived `offset` ends. Differs from
    /// `baseStart` only where base bytes were dropped at exactly that point.
    public func baseEnd(_ offset: Int) -> Int {
        let a = anchor(atOrBefore: offset)
        let start = a.base + (offset - a.derived)
        return a.derived == offset && !droppedAnchor.isEmpty ? start - dropped(a.index) : start
    }

    /// The base range of a derived range.
    public func baseRange(_ range: Range<Int>) -> Range<Int> {
        let lower = baseStart(range.lowerBound)
        let upper = range.isEmpty ? lower : max(lower, baseEnd(range.upperBound))
        return lower..<upper
    }

    /// The map of a slice of the derived text: offset 0 of the slice is `offset` here.
    public func suffix(from offset: Int) -> OffsetMap {
        let a = anchor(atOrBefore: offset)
        var out = OffsetMap(anchor: 0, base: baseStart(offset), dropped: a.derived == offset ? dropped(a.index) : 0)
        for j in (a.index + 1)..<anchorCount {
            out.append(derived: derived(j) - offset, base: base(j), dropped: dropped(j))
        }
        return out
    }

    /// Builds a map while a derived text is written left to right.
    public struct Builder: Sendable {
        // The anchors before the last one; the last stays whole here, as writing may still
        // change its base offset or the bytes dropped before it, or remove it.
        private var map = OffsetMap()
        private var last: (derived: Int, base: Int, dropped: Int)
        private var derivedPosition: Int = 0
        private var basePosition: Int

        public init(baseOffset: Int = 0) {
            last = (0, baseOffset, 0)
            basePosition = baseOffset
        }

        public var currentDerivedOffset: Int { derivedPosition }
        public var currentBaseOffset: Int { basePosition }

        /// Bytes copied unchanged.
        public mutating func copy(_ count: Int) {
            derivedPosition += count
            basePosition += count
        }

        /// One unit of `baseCount` base bytes written as `derivedCount` derived bytes.
        public mutating func replace(baseCount: Int, derivedCount: Int) {
            anchor(derived: derivedPosition, base: basePosition, dropped: 0)
            derivedPosition += derivedCount
            basePosition += baseCount
            anchor(derived: derivedPosition, base: basePosition, dropped: 0)
        }

        /// Base bytes that have no derived counterpart (a dropped zero-width character).
        public mutating func drop(_ count: Int) {
            basePosition += count
            anchor(derived: derivedPosition, base: basePosition, dropped: count)
        }

        /// Jump to a new base position with nothing dropped between (a new source run,
        /// e.g. the next text node of a document).
        public mutating func jump(toBase newBase: Int) {
            basePosition = newBase
            anchor(derived: derivedPosition, base: basePosition, dropped: 0)
        }

        /// Derived bytes with no base counterpart (a joiner inserted between source runs).
        /// They map to the base position they were inserted at.
        public mutating func insert(_ count: Int) {
            anchor(derived: derivedPosition, base: basePosition, dropped: 0)
            derivedPosition += count
            anchor(derived: derivedPosition, base: basePosition, dropped: 0)
        }

        private mutating func anchor(derived d: Int, base b: Int, dropped k: Int) {
            if last.derived == d {
                last.base = b
                last.dropped += k
                if map.anchorCount > 0, last.dropped == 0 {
                    let previous = map.anchorCount - 1
                    if map.base(previous) + (d - map.derived(previous)) == b { last = map.removeLast() }
                }
                return
            }
            let predicted = last.base + (d - last.derived)
            if predicted == b && k == 0 { return }
            map.append(derived: last.derived, base: last.base, dropped: last.dropped)
            last = (d, b, k)
        }

        public func build() -> OffsetMap {
            var out = map
            out.append(derived: last.derived, base: last.base, dropped: last.dropped)
            return out
        }
    }
}
