/// Maps byte offsets in a derived text (normalized or extracted) back to byte offsets in
/// the text it came from.
///
/// The map is piecewise linear: between two anchors every derived byte maps to one base
/// byte. Anchors are only stored where the lengths diverge (a full-width character folded
/// to ASCII, an entity decoded, a zero-width character dropped), so plain text costs one
/// anchor. A match boundary always falls on a character boundary of the derived text.
public struct OffsetMap: Sendable, Equatable {
    // Parallel arrays, sorted by `derived`; `derived` values are unique.
    private var derived: [Int]
    private var base: [Int]
    // Bytes of the base text dropped immediately before the anchor's derived offset.
    private var dropped: [Int]

    /// The identity map, shifted by `baseOffset` (a segment that starts inside its file).
    public static func identity(baseOffset: Int = 0) -> OffsetMap {
        OffsetMap(derived: [0], base: [baseOffset], dropped: [0])
    }

    public var isIdentity: Bool { derived.count == 1 && base[0] == 0 && dropped[0] == 0 }

    /// Number of anchors, for memory accounting in tests and benchmarks.
    public var anchorCount: Int { derived.count }

    private func anchorIndex(atOrBefore offset: Int) -> Int {
        var lo = 0, hi = derived.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if derived[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    /// The base offset where the character starting at derived `offset` starts.
    public func baseStart(_ offset: Int) -> Int {
        let i = anchorIndex(atOrBefore: offset)
        return base[i] + (offset - derived[i])
    }

    /// The base offset where the character ending at derived `offset` ends. Differs from
    /// `baseStart` only where base bytes were dropped at exactly that point.
    public func baseEnd(_ offset: Int) -> Int {
        let i = anchorIndex(atOrBefore: offset)
        let start = base[i] + (offset - derived[i])
        return derived[i] == offset ? start - dropped[i] : start
    }

    /// The base range of a derived range.
    public func baseRange(_ range: Range<Int>) -> Range<Int> {
        let lower = baseStart(range.lowerBound)
        let upper = range.isEmpty ? lower : max(lower, baseEnd(range.upperBound))
        return lower..<upper
    }

    /// The map of a slice of the derived text: offset 0 of the slice is `offset` here.
    public func suffix(from offset: Int) -> OffsetMap {
        let i = anchorIndex(atOrBefore: offset)
        var out = OffsetMap(derived: [0], base: [baseStart(offset)], dropped: [derived[i] == offset ? dropped[i] : 0])
        for j in (i + 1)..<derived.count {
            out.derived.append(derived[j] - offset)
            out.base.append(base[j])
            out.dropped.append(dropped[j])
        }
        return out
    }

    /// Builds a map while a derived text is written left to right.
    public struct Builder: Sendable {
        private var map: OffsetMap
        private var derivedPosition: Int = 0
        private var basePosition: Int

        public init(baseOffset: Int = 0) {
            map = .identity(baseOffset: baseOffset)
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
            let last = map.derived.count - 1
            if map.derived[last] == d {
                map.base[last] = b
                map.dropped[last] += k
                if last > 0, map.dropped[last] == 0,
                   map.base[last - 1] + (d - map.derived[last - 1]) == b {
                    map.derived.removeLast(); map.base.removeLast(); map.dropped.removeLast()
                }
                return
            }
            let predicted = map.base[last] + (d - map.derived[last])
            if predicted == b && k == 0 { return }
            map.derived.append(d)
            map.base.append(b)
            map.dropped.append(k)
        }

        public func build() -> OffsetMap { map }
    }
}
