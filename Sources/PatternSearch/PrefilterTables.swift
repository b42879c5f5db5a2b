extension Prefilter {
    /// What the prefilter builds from its targets' analyses: the literals of each view with
    /// the targets (and slots) that require each, the slots of requirements by branch and
    /// their pairs. The rule-set cache keeps them as bytes (`encoded`), so a run reads them
    /// as they are instead of building them again from some 62,800 literals of the cached
    /// analyses (10% of the CPU time of checking ten small files, December 2026).
    ///
    /// Layout (integers little-endian, 32 bits): the target and slot counts; the slots'
    /// reach (count, then each); the pair keys (count, then each: first, second, the target
    /// count and the targets); then for the raw view and the stripped view each: the
    /// literals (count, then each: length and bytes), the hits (count, then each: target and
    /// bound) and where each literal's hits start (count, then each).
    public struct Tables: Sendable, Equatable {
        var targets: Int
        var slots: Int
        var slotReach: [Int32]
        var pairKeys: [PairKey]
        var raw: [[UInt8]]
        var rawHits: [Hit]
        var rawStarts: [Int32]
        var stripped: [[UInt8]]
        var strippedHits: [Hit]
        var strippedStarts: [Int32]

        /// Whether the tables are consistent and made for `targets` targets: every index in
        /// range, every literal's hits where its starts say. (The cache file is checked by
        /// its tag; this catches tables of other patterns.)
        func fits(targets count: Int) -> Bool {
            guard targets == count, slots >= targets, slotReach.count == slots - targets else { return false }
            for key in pairKeys {
                guard key.first >= targets, key.first < slots, key.second >= targets, key.second < slots,
                      key.targets.allSatisfy({ $0 >= 0 && $0 < targets }) else { return false }
            }
            func fits(_ literals: [[UInt8]], _ hits: [Hit], _ starts: [Int32]) -> Bool {
                guard starts.count == literals.count + 1, starts.first == 0, starts.last == Int32(hits.count),
                      zip(starts, starts.dropFirst()).allSatisfy({ $0 < $1 }),
                      literals.allSatisfy({ !$0.isEmpty }) else { return false }
                return hits.allSatisfy { $0.target >= 0 && Int($0.target) < slots && $0.maxBefore >= -1 }
            }
            return fits(raw, rawHits, rawStarts) && fits(stripped, strippedHits, strippedStarts)
        }

        /// The tables as bytes (see the layout above), written with the cache file's
        /// `ByteWriter`.
        public var encoded: [UInt8] {
            var out = ByteWriter()
            out.u32(targets)
            out.u32(slots)
            out.u32(slotReach.count)
            for reach in slotReach { out.i32(reach) }
            out.u32(pairKeys.count)
            for key in pairKeys {
                out.i32(key.first)
                out.i32(key.second)
                out.u32(key.targets.count)
                for target in key.targets { out.i32(target) }
            }
            for (literals, hits, starts) in [(raw, rawHits, rawStarts), (stripped, strippedHits, strippedStarts)] {
                out.u32(literals.count)
                for literal in literals { out.chunk(literal) }
                out.u32(hits.count)
                for hit in hits {
                    out.i32(hit.target)
                    out.i32(hit.maxBefore)
                }
                out.u32(starts.count)
                for start in starts { out.i32(start) }
            }
            return out.bytes
        }

        /// The tables in `bytes`, or nil unless they are exactly `encoded`'s output.
        /// (Whether they fit a prefilter's targets is `fits`'s question.)
        public init?(decoding bytes: ArraySlice<UInt8>) {
            guard let tables = bytes.withUnsafeBytes({ Self.decode($0) }) else { return nil }
            self = tables
        }

        /// The tables in `bytes` (a section of the mapped cache file), as above.
        public init?(decoding bytes: UnsafeRawBufferPointer) {
            guard let tables = Self.decode(bytes) else { return nil }
            self = tables
        }

        init(targets: Int, slots: Int, slotReach: [Int32], pairKeys: [PairKey], raw: [[UInt8]], rawHits: [Hit],
             rawStarts: [Int32], stripped: [[UInt8]], strippedHits: [Hit], strippedStarts: [Int32]) {
            self.targets = targets
            self.slots = slots
            self.slotReach = slotReach
            self.pairKeys = pairKeys
            self.raw = raw
            self.rawHits = rawHits
            self.rawStarts = rawStarts
            self.stripped = stripped
            self.strippedHits = strippedHits
            self.strippedStarts = strippedStarts
        }

        private static func decode(_ bytes: UnsafeRawBufferPointer) -> Tables? {
            var reader = ByteReader(bytes)
            func u32() -> Int? { reader.u32() }
            func i32() -> Int32? { reader.i32() }
            func count(_ size: Int) -> Int? { reader.count(itemsOf: size) }
            func int32s() -> [Int32]? {
                guard let n = count(4) else { return nil }
                var out: [Int32] = []
                out.reserveCapacity(n)
                for _ in 0..<n {
                    guard let value = i32() else { return nil }
                    out.append(value)
                }
                return out
            }
            func view() -> ([[UInt8]], [Hit], [Int32])? {
                guard let n = count(4) else { return nil }
                var literals: [[UInt8]] = []
                literals.reserveCapacity(n)
                for _ in 0..<n {
                    guard let literal = reader.chunk() else { return nil }
                    literals.append(Array(literal))
                }
                guard let h = count(8) else { return nil }
                var hits: [Hit] = []
                hits.reserveCapacity(h)
                for _ in 0..<h {
                    guard let target = i32(), let maxBefore = i32() else { return nil }
                    hits.append(Hit(target: target, maxBefore: maxBefore))
                }
                guard let starts = int32s() else { return nil }
                return (literals, hits, starts)
            }
            guard let targets = u32(), let slots = u32(), let slotReach = int32s(), let keyCount = count(12) else { return nil }
            var pairKeys: [PairKey] = []
            pairKeys.reserveCapacity(keyCount)
            for _ in 0..<keyCount {
                guard let first = i32(), let second = i32(), let keyTargets = int32s() else { return nil }
                pairKeys.append(PairKey(first: first, second: second, targets: keyTargets))
            }
            guard let raw = view(), let stripped = view(), reader.atEnd else { return nil }
            return Tables(targets: targets, slots: slots, slotReach: slotReach, pairKeys: pairKeys, raw: raw.0, rawHits: raw.1,
                          rawStarts: raw.2, stripped: stripped.0, strippedHits: stripped.1, strippedStarts: stripped.2)
        }
    }
}
