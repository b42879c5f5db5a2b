@testable import PatternSearch
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
}
