@testable import PatternSearch
import AdCopyGenerator
import Testing
import TestSupport

/// The prefilter's windows are merged as they are collected (a stack per target, no sort):
/// they must cover every start position the hits asked for, stay sorted and disjoint per
/// target, and stay within the cap.
@Suite struct WindowCollectorTests {
    /// Start positions covered, per target.
    func covered(_ runs: [(target: Int32, windows: ArraySlice<SegmentCandidates.Window>)]) -> [Int32: Set<Int>] {
        var out: [Int32: Set<Int>] = [:]
        for run in runs {
            for window in run.windows { out[run.target, default: []].formUnion(window.low...window.high) }
        }
        return out
    }

    func collect(_ hits: [(target: Int32, low: Int, high: Int)], targets: Int, cap: Int)
        -> (windows: [SegmentCandidates.Window], runs: [SegmentCandidates.Run], gap: Int) {
        var collector = Prefilter.WindowCollector(targets: targets, cap: cap)
        for hit in hits { collector.add(target: hit.target, low: hit.low, high: hit.high) }
        let gap = collector.gap
        let (windows, runs) = collector.finish()
        return (windows, runs, gap)
    }

    @Test(arguments: [false, true])
    func mergedWindowsCoverExactlyTheHitsWindows(disordered: Bool) {
        var rng = SplitMix64(seed: disordered ? 7 : 3)
        var hits: [(target: Int32, low: Int, high: Int)] = []
        var offset = 0
        for _ in 0..<3_000 {
            offset += Int(rng.next() % 9)
            let back = Int(rng.next() % 12)
            hits.append((Int32(rng.next() % 5), max(0, offset - back), offset))
        }
        if disordered {
            // A few hits out of text order: repaired at the end.
            for _ in 0..<20 { hits.swapAt(Int(rng.next() % 3_000), Int(rng.next() % 3_000)) }
        }
        let (windows, runs, gap) = collect(hits, targets: 5, cap: 1 << 20)
        #expect(gap == 0)
        var expected: [Int32: Set<Int>] = [:]
        for hit in hits { expected[hit.target, default: []].formUnion(hit.low...hit.high) }
        let all = runs.map { (target: $0.target, windows: windows[$0.start..<$0.end]) }
        #expect(covered(all) == expected)
        #expect(runs.map(\.target) == runs.map(\.target).sorted())
        for run in runs {
            let slice = windows[run.start..<run.end]
            // Sorted, disjoint and not adjacent: merged as far as they can be.
            for (a, b) in zip(slice, slice.dropFirst()) { #expect(a.high + 1 < b.low) }
        }
    }

    @Test func pastTheCapCloseWindowsAreJoinedAndNothingIsLost() {
        var hits: [(target: Int32, low: Int, high: Int)] = []
        for i in 0..<10_000 { hits.append((Int32(i % 3), i * 10, i * 10)) }
        let (windows, runs, gap) = collect(hits, targets: 3, cap: 1_000)
        #expect(gap > 0)
        #expect(windows.count <= 2 * 1_000)
        let all = runs.map { (target: $0.target, windows: windows[$0.start..<$0.end]) }
        let got = covered(all)
        for hit in hits { #expect(got[hit.target]?.contains(hit.high) == true) }
    }

    /// A pair's target gets the start positions in a window of both its slots (besides its
    /// own windows); slots never appear in the result. One slot is sparse, so both ways of
    /// intersecting (walking both lists; looking the short one up in the long) run.
    @Test(arguments: [1, 40])
    func pairsGiveTheirTargetTheIntersectionOfTheirSlots(sparseEvery: Int) {
        pairsGiveTheirTargetTheIntersection(sparseEvery: sparseEvery, flushEvery: nil)
    }

    /// The same, with the slots flushed as the scan goes (`flushSlots`): the intersections
    /// made along the way and at the end give the target exactly the same start positions,
    /// and the slots let go of the windows behind the scan.
    @Test(arguments: [1, 40])
    func flushingTheSlotsAlongTheWayGivesTheSameIntersection(sparseEvery: Int) {
        pairsGiveTheirTargetTheIntersection(sparseEvery: sparseEvery, flushEvery: 97)
    }

    func pairsGiveTheirTargetTheIntersection(sparseEvery: Int, flushEvery: Int?) {
        var rng = SplitMix64(seed: UInt64(sparseEvery))
        var hits: [(target: Int32, low: Int, high: Int)] = []
        var offset = 0
        for _ in 0..<4_000 {
            offset += Int(rng.next() % 7)
            var target = Int32(rng.next() % 6)
            // Slot 5 is hit 1/sparseEvery as often as the others.
            if target == 5 && rng.next() % UInt64(sparseEvery) != 0 { target = 4 }
            hits.append((target, max(0, offset - Int(rng.next() % 10)), offset))
        }
        let pairs = [Prefilter.Pair(target: 0, first: 2, second: 3), Prefilter.Pair(target: 1, first: 4, second: 5),
                     Prefilter.Pair(target: 0, first: 4, second: 5)]
        var collector = Prefilter.WindowCollector(targets: 6, cap: 1 << 20, firstSlot: 2,
                                                  pairKeys: Prefilter.PairKey.keys(of: pairs))
        var mostHeld = 0
        for (i, hit) in hits.enumerated() {
            collector.add(target: hit.target, low: hit.low, high: hit.high)
            mostHeld = max(mostHeld, collector.slotCount)
            // Later hits start at most 9 before their offset, which never decreases.
            if let flushEvery, i % flushEvery == flushEvery - 1 { collector.flushSlots { _ in max(0, hit.high - 9) } }
        }
        if flushEvery != nil { #expect(mostHeld < 200, "the slots hold only the windows near the scan") }
        let (windows, runs) = collector.finish(targets: 2)
        var slots: [Int32: Set<Int>] = [:]
        for hit in hits { slots[hit.target, default: []].formUnion(hit.low...hit.high) }
        var expected: [Int32: Set<Int>] = [0: slots[0] ?? [], 1: slots[1] ?? []]
        for pair in pairs {
            expected[pair.target, default: []].formUnion((slots[pair.first] ?? []).intersection(slots[pair.second] ?? []))
        }
        let all = runs.map { (target: $0.target, windows: windows[$0.start..<$0.end]) }
        #expect(runs.map(\.target) == [0, 1])
        #expect(covered(all) == expected)
        #expect((slots[4] ?? []).intersection(slots[5] ?? []).count < (slots[4] ?? []).count, "the second slot must leave some of the first out")
        for run in runs {
            let slice = windows[run.start..<run.end]
            for (a, b) in zip(slice, slice.dropFirst()) { #expect(a.high < b.low) }
        }
    }
}
