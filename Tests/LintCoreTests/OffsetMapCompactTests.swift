import LintCore
import Testing

/// The compact `OffsetMap` (one-byte steps, every 32nd anchor whole) against the map it replaced, kept here
/// as the reference: three whole numbers per anchor. Random writes, including jumps past
/// 4 GiB that start new blocks, must give the same offsets for every derived position.
@Suite struct OffsetMapCompactTests {
    @Test func randomWritesMapLikeTheWholeNumberReference() {
        var random: UInt64 = 0x5EED
        func next(_ bound: Int) -> Int {
            random &+= 0x9E37_79B9_7F4A_7C15
            var z = random
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
        for round in 0..<300 {
            let start = round % 3 == 0 ? 0 : next(1 << 40)
            var compact = OffsetMap.Builder(baseOffset: start)
            var reference = ReferenceMap.Builder(baseOffset: start)
            // Every tenth round is long: many blocks of 32 anchors, steps too wide for a byte.
            for _ in 0..<next(round % 10 == 0 ? 3_000 : 60) {
                switch next(7) {
                case 0, 1: let n = 1 + next(4); compact.copy(n); reference.copy(n)
                case 2: let b = 1 + next(4), d = next(4); compact.replace(baseCount: b, derivedCount: d); reference.replace(baseCount: b, derivedCount: d)
                case 3: let n = 1 + next(4); compact.drop(n); reference.drop(n)
                case 4: let n = 1 + next(3); compact.insert(n); reference.insert(n)
                case 5:
                    // Back, forward, or more than 4 GiB away: a new block.
                    let base = next(3) == 0 ? compact.currentBaseOffset + (1 << 32) + next(9) : next(1 << 34)
                    compact.jump(toBase: base); reference.jump(toBase: base)
                case 6 where next(4) == 0: let n = 200 + next(120); compact.copy(n); reference.copy(n)
                default: let n = next(3) == 0 ? (1 << 32) + next(5) : 1; compact.copy(n); reference.copy(n)
                }
            }
            let map = compact.build(), expected = reference.build()
            #expect(map.anchorCount == expected.derived.count)
            #expect(compact.currentDerivedOffset == reference.derivedPosition)
            var probes = Set(expected.derived.flatMap { [$0 - 1, $0, $0 + 1, $0 + 2] }.filter { $0 >= 0 })
            probes.insert(reference.derivedPosition)
            for offset in probes.sorted() {
                #expect(map.baseStart(offset) == expected.baseStart(offset), "round \(round), start at \(offset)")
                #expect(map.baseEnd(offset) == expected.baseEnd(offset), "round \(round), end at \(offset)")
            }
            for cut in probes.sorted().prefix(6) {
                let tail = map.suffix(from: cut), expectedTail = expected.suffix(from: cut)
                for offset in probes.sorted() where offset >= cut {
                    #expect(tail.baseStart(offset - cut) == expectedTail.baseStart(offset - cut))
                    #expect(tail.baseEnd(offset - cut) == expectedTail.baseEnd(offset - cut))
                }
            }
        }
    }

    @Test func aFoldEveryFewCharactersCostsTwoBytesAnAnchor() {
        // "一，" repeated: every comma folds (3 bytes to 1), one anchor each.
        var builder = OffsetMap.Builder()
        for _ in 0..<10_000 { builder.copy(3); builder.replace(baseCount: 3, derivedCount: 1) }
        let map = builder.build()
        #expect(map.anchorCount == 10_001)
        #expect(map.baseStart(4 * 9_999) == 6 * 9_999)
        #expect(map.baseEnd(4 * 10_000) == 6 * 10_000)
        #expect(map == builder.build())
    }
}

/// The map as it was until session 9: parallel arrays of whole numbers.
private struct ReferenceMap {
    var derived: [Int], base: [Int], dropped: [Int]

    func index(atOrBefore offset: Int) -> Int {
        var lo = 0, hi = derived.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if derived[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    func baseStart(_ offset: Int) -> Int { let i = index(atOrBefore: offset); return base[i] + (offset - derived[i]) }

    func baseEnd(_ offset: Int) -> Int {
        let i = index(atOrBefore: offset)
        let start = base[i] + (offset - derived[i])
        return derived[i] == offset ? start - dropped[i] : start
    }

    func suffix(from offset: Int) -> ReferenceMap {
        let i = index(atOrBefore: offset)
        var out = ReferenceMap(derived: [0], base: [baseStart(offset)], dropped: [derived[i] == offset ? dropped[i] : 0])
        for j in (i + 1)..<derived.count {
            out.derived.append(derived[j] - offset); out.base.append(base[j]); out.dropped.append(dropped[j])
        }
        return out
    }

    struct Builder {
        var map: ReferenceMap
        var derivedPosition = 0
        var basePosition: Int

        init(baseOffset: Int) {
            map = ReferenceMap(derived: [0], base: [baseOffset], dropped: [0])
            basePosition = baseOffset
        }

        mutating func copy(_ count: Int) { derivedPosition += count; basePosition += count }
        mutating func replace(baseCount: Int, derivedCount: Int) {
            anchor(derivedPosition, basePosition, 0)
            derivedPosition += derivedCount; basePosition += baseCount
            anchor(derivedPosition, basePosition, 0)
        }
        mutating func drop(_ count: Int) { basePosition += count; anchor(derivedPosition, basePosition, count) }
        mutating func jump(toBase newBase: Int) { basePosition = newBase; anchor(derivedPosition, basePosition, 0) }
        mutating func insert(_ count: Int) {
            anchor(derivedPosition, basePosition, 0)
            derivedPosition += count
            anchor(derivedPosition, basePosition, 0)
        }

        mutating func anchor(_ d: Int, _ b: Int, _ k: Int) {
            let last = map.derived.count - 1
            if map.derived[last] == d {
                map.base[last] = b
                map.dropped[last] += k
                if last > 0, map.dropped[last] == 0, map.base[last - 1] + (d - map.derived[last - 1]) == b {
                    map.derived.removeLast(); map.base.removeLast(); map.dropped.removeLast()
                }
                return
            }
            if map.base[last] + (d - map.derived[last]) == b && k == 0 { return }
            map.derived.append(d); map.base.append(b); map.dropped.append(k)
        }

        func build() -> ReferenceMap { map }
    }
}
