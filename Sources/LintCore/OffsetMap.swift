/// Maps byte offsets in a derived text (normalized or extracted) back to byte offsets in
/// the text it came from.
///
/// The map is piecewise linear: between two anchors every derived byte maps to one base
/// byte. Anchors are only stored where the lengths diverge (a full-width character folded
/// to ASCII, an entity decoded, a zero-width character dropped), so plain text costs one
/// anchor. A match boundary always falls on a character boundary of the derived text.
///
/// Copy with a full-width comma every few characters has an anchor every few characters,
/// so anchors are stored compactly: each as its steps from the anchor before it, one byte
/// for the derived offset and one for the base offset (two bytes an anchor, where two
/// 32-bit offsets took eight: the map of a 200 MB file of dense copy was 70 MB). Every 32nd
/// anchor is kept whole, where a lookup starts its walk; an anchor whose steps do not fit
/// a byte (a long run of unchanged text, a jump back) is kept whole in a short list of its
/// own. The bytes dropped before an anchor are rare (a zero-width character) and kept in a
/// sorted list of their own.
public struct OffsetMap: Sendable, Equatable {
    /// Anchors per block: a lookup walks at most this many steps from the block's start.
    private static let blockSize = 32
    /// A step of this value means the anchor is in the whole list.
    private static let wideStep: UInt8 = 255

    // Anchors, sorted by derived offset (unique): each one's steps from the one before it
    // (unused, 0, for the first anchor of a block).
    private var derivedStep: [UInt8] = []
    private var baseStep: [UInt8] = []
    // The whole offsets of each block's first anchor (anchor `blockSize * k`).
    private var blockDerived: [Int] = []
    private var blockBase: [Int] = []
    // Anchors whose steps did not fit a byte: anchor indices, ascending, and whole offsets.
    private var wideAnchor: [Int] = []
    private var wideDerived: [Int] = []
    private var wideBase: [Int] = []
    // Anchors that have bytes of the base text dropped immediately before their derived
    // offset: anchor indices, ascending, and the byte counts.
    private var droppedAnchor: [Int] = []
    private var droppedCount: [Int] = []
    // The last anchor's whole offsets (the next anchor's steps are taken from them).
    private var lastDerived = 0
    private var lastBase = 0

    private init() {}

    private init(anchor derived: Int, base: Int, dropped: Int) {
        append(derived: derived, base: base, dropped: dropped)
    }

    /// The identity map, shifted by `baseOffset` (a segment that starts inside its file).
    public static func identity(baseOffset: Int = 0) -> OffsetMap {
        OffsetMap(anchor: 0, base: baseOffset, dropped: 0)
    }

    public var isIdentity: Bool { anchorCount == 1 && blockBase[0] == 0 && dropped(0) == 0 }

    /// Number of anchors, for memory accounting in tests and benchmarks.
    public var anchorCount: Int { derivedStep.count }

    // MARK: anchors, whole

    /// The first index in `list` (ascending) that is at least `value`.
    private static func lowerBound(_ list: [Int], _ value: Int) -> Int {
        var lo = 0, hi = list.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if list[mid] < value { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Walks the anchors from `first` (whose whole offsets are given) to the last while `body`
    /// returns true, handing it each anchor's index and whole offsets.
    private func walk(from first: Int, derived: Int, base: Int, _ body: (Int, Int, Int) -> Bool) {
        var d = derived, b = base
        var wide = Self.lowerBound(wideAnchor, first + 1)
        guard body(first, d, b) else { return }
        var index = first + 1
        while index < derivedStep.count {
            if index % Self.blockSize == 0 {
                let block = index / Self.blockSize
                d = blockDerived[block]
                b = blockBase[block]
            } else if derivedStep[index] == Self.wideStep {
                d = wideDerived[wide]
                b = wideBase[wide]
                wide += 1
            } else {
                d += Int(derivedStep[index])
                b += Int(baseStep[index])
            }
            guard body(index, d, b) else { return }
            index += 1
        }
    }

    /// The whole offsets of anchor `index`.
    private func anchor(_ index: Int) -> (derived: Int, base: Int) {
        if index == derivedStep.count - 1 { return (lastDerived, lastBase) }
        let block = index / Self.blockSize
        var result = (derived: blockDerived[block], base: blockBase[block])
        walk(from: block * Self.blockSize, derived: result.derived, base: result.base) { i, d, b in
            result = (d, b)
            return i < index
        }
        return result
    }

    private func derived(_ index: Int) -> Int { anchor(index).derived }
    private func base(_ index: Int) -> Int { anchor(index).base }

    private func dropped(_ index: Int) -> Int {
        let lo = Self.lowerBound(droppedAnchor, index)
        return lo < droppedAnchor.count && droppedAnchor[lo] == index ? droppedCount[lo] : 0
    }

    /// Appends an anchor after the last one (its derived offset is larger).
    private mutating func append(derived d: Int, base b: Int, dropped k: Int) {
        let index = derivedStep.count
        if index % Self.blockSize == 0 {
            blockDerived.append(d)
            blockBase.append(b)
            derivedStep.append(0)
            baseStep.append(0)
        } else {
            let dd = d - lastDerived, bd = b - lastBase
            if dd >= 0, dd < Int(Self.wideStep), bd >= 0, bd < Int(Self.wideStep) {
                derivedStep.append(UInt8(dd))
                baseStep.append(UInt8(bd))
            } else {
                derivedStep.append(Self.wideStep)
                baseStep.append(Self.wideStep)
                wideAnchor.append(index)
                wideDerived.append(d)
                wideBase.append(b)
            }
        }
        lastDerived = d
        lastBase = b
        if k != 0 { droppedAnchor.append(index); droppedCount.append(k) }
    }

    /// Removes the last anchor and returns it.
    private mutating func removeLast() -> (derived: Int, base: Int, dropped: Int) {
        let index = derivedStep.count - 1
        let anchor = (derived: lastDerived, base: lastBase, dropped: dropped(index))
        // The new last anchor's whole offsets, taken while `anchor(_:)` still walks to it.
        let previous = index > 0 ? self.anchor(index - 1) : (derived: 0, base: 0)
        derivedStep.removeLast()
        baseStep.removeLast()
        if index % Self.blockSize == 0 { blockDerived.removeLast(); blockBase.removeLast() }
        if wideAnchor.last == index { wideAnchor.removeLast(); wideDerived.removeLast(); wideBase.removeLast() }
        if droppedAnchor.last == index { droppedAnchor.removeLast(); droppedCount.removeLast() }
        (lastDerived, lastBase) = previous
        return anchor
    }

    /// A copy whose arrays hold no spare capacity (the built map lives as long as its text).
    /// (`extra`: room for that many more anchors.)
    private func trimmed(extra: Int = 0) -> OffsetMap {
        func exact<T>(_ array: [T]) -> [T] {
            var out: [T] = []
            out.reserveCapacity(array.count + extra)
            out.append(contentsOf: array)
            return out
        }
        var out = OffsetMap()
        out.derivedStep = exact(derivedStep)
        out.baseStep = exact(baseStep)
        out.blockDerived = exact(blockDerived)
        out.blockBase = exact(blockBase)
        out.wideAnchor = exact(wideAnchor)
        out.wideDerived = exact(wideDerived)
        out.wideBase = exact(wideBase)
        out.droppedAnchor = exact(droppedAnchor)
        out.droppedCount = exact(droppedCount)
        out.lastDerived = lastDerived
        out.lastBase = lastBase
        return out
    }

    // MARK: lookups

    /// The last anchor at or before derived `offset`, with its whole offsets.
    private func anchor(atOrBefore offset: Int) -> (index: Int, derived: Int, base: Int) {
        var lo = 0, hi = blockDerived.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if blockDerived[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        // Offsets before the map's first anchor get the first anchor.
        let first = lo * Self.blockSize
        var found = (index: first, derived: blockDerived[lo], base: blockBase[lo])
        walk(from: first, derived: found.derived, base: found.base) { i, d, b in
            guard d <= offset || i == first else { return false }
            found = (i, d, b)
            return true
        }
        return found
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
        walk(from: a.index, derived: a.derived, base: a.base) { j, d, b in
            if j > a.index { out.append(derived: d - offset, base: b, dropped: dropped(j)) }
            return true
        }
        return out.trimmed()
    }

    /// The map of `offset..<end` of the derived text: `suffix(from:)` without the anchors
    /// past `end` (a piece of a large text maps only its own bytes).
    public func slice(from offset: Int, upTo end: Int) -> OffsetMap {
        let a = anchor(atOrBefore: offset)
        var out = OffsetMap(anchor: 0, base: baseStart(offset), dropped: a.derived == offset ? dropped(a.index) : 0)
        walk(from: a.index, derived: a.derived, base: a.base) { j, d, b in
            if j > a.index { out.append(derived: d - offset, base: b, dropped: dropped(j)) }
            return d <= end
        }
        return out.trimmed()
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
            var out = map.trimmed(extra: 1)
            out.append(derived: last.derived, base: last.base, dropped: last.dropped)
            return out
        }
    }
}
