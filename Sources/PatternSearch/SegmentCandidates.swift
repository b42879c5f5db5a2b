import LintCore

/// Where, in one segment, each prefilter target may match: sorted, disjoint windows of
/// possible match starts, one run of them per target.
public struct SegmentCandidates: Sendable {
    /// 8 bytes: copy dense with risky phrases makes millions of windows (an 8 MB file of
    /// them took 394 MB, most of it here), so offsets are kept as 32 bits and the target once
    /// per run, not per window.
    struct Window: Sendable, Equatable {
        private var start: UInt32
        private var end: UInt32

        init(low: Int, high: Int) {
            start = UInt32(truncatingIfNeeded: low)
            end = UInt32(truncatingIfNeeded: high)
        }

        /// First and last byte offset at which a match may start (both inclusive).
        var low: Int { Int(start) }
        var high: Int { Int(end) }

        /// The smallest window holding both.
        func union(_ other: Window) -> Window { Window(low: min(low, other.low), high: max(high, other.high)) }
    }

    /// The windows of one target: `windows[start..<end]`.
    struct Run: Sendable {
        var target: Int32
        var start: Int
        var end: Int
    }

    let prefilter: Prefilter
    /// Grouped by target (in `runs`), each target's sorted by `low`; windows of one target
    /// never overlap.
    private let windows: [Window]
    /// Each target with windows, in increasing order of target.
    private let runs: [Run]
    /// Every target is searched in full in this segment (one whose offsets pass 32 bits).
    /// Searching in full finds the same matches.
    let isWhole: Bool
    /// How many times the slots' windows were intersected and let go of during the scan
    /// (`Prefilter.WindowCollector.flushSlots`), for tests and benchmarks.
    let slotFlushes: Int

    /// - Parameter whole: search every target in full instead of in windows.
    init(prefilter: Prefilter, windows: [Window], runs: [Run], whole: Bool = false, slotFlushes: Int = 0) {
        self.prefilter = prefilter
        self.windows = windows
        self.runs = runs
        isWhole = whole
        self.slotFlushes = slotFlushes
    }

    /// Joins sorted windows that overlap or are at most `gap` bytes apart, in place. A joined
    /// window only adds start positions to try: the same matches.
    static func join(_ windows: inout [Window], gap: Int) {
        var kept = 0
        for index in windows.indices {
            let window = windows[index]
            if kept > 0, window.low <= windows[kept - 1].high + 1 + gap {
                windows[kept - 1] = windows[kept - 1].union(window)
            } else {
                windows[kept] = window
                kept += 1
            }
        }
        windows.removeLast(windows.count - kept)
    }

    /// Each target's windows.
    var allRuns: [(target: Int32, windows: ArraySlice<Window>)] { runs.map { ($0.target, windows[$0.start..<$0.end]) } }

    /// How many windows the segment has, over all targets (for benchmarks).
    public var windowCount: Int { windows.count }

    /// Each target with at least one window or searched in full, once.
    func forEachTarget(_ body: (Int32) -> Void) {
        guard !isWhole else {
            for target in 0..<prefilter.targetCount { body(Int32(target)) }
            return
        }
        for run in runs { body(run.target) }
    }

    /// How to search a pattern in this segment.
    enum Plan {
        /// The pattern has no required literal (or is unknown to the prefilter).
        case whole
        /// Only these windows (possibly none).
        case windows(ArraySlice<Window>)
    }

    func plan(for regex: any CompiledRegex) -> Plan {
        guard let target = prefilter.windowedTarget(of: regex) else { return .whole }
        if isWhole { return .whole }
        let t = Int32(target)
        var lo = 0, hi = runs.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if runs[mid].target < t { lo = mid + 1 } else { hi = mid }
        }
        guard lo < runs.count, runs[lo].target == t else { return .windows([]) }
        return .windows(windows[runs[lo].start..<runs[lo].end])
    }
}

/// A pattern searched in one segment the way `RuleRunner` always searched it (the first
/// match at or after a position, over the whole buffer), but only trying start positions
/// inside the prefilter's windows.
public struct SegmentSearch {
    let regex: any CompiledRegex
    let buffer: UTF8Buffer
    private let windows: ArraySlice<SegmentCandidates.Window>?
    /// The first window that may still hold a start at or after the last position asked.
    private var cursor: Int

    public init(_ regex: any CompiledRegex, buffer: UTF8Buffer, candidates: SegmentCandidates?) {
        self.regex = regex
        self.buffer = buffer
        switch candidates?.plan(for: regex) ?? .whole {
        case .whole: windows = nil
        case let .windows(slice): windows = slice
        }
        cursor = windows?.startIndex ?? 0
    }

    /// Whether no match can exist at all (no literal hit).
    public var isEmpty: Bool { windows?.isEmpty ?? false }

    /// The first match starting at or after `position`. Positions asked must not decrease.
    public mutating func firstMatch(from position: Int, scratch: any RegexScratch) throws(RegexMatchError) -> RegexMatch? {
        var unlimited = RuleBudget(seconds: .infinity)
        return try firstMatch(from: position, scratch: scratch, budget: &unlimited)
    }

    /// Start positions tried per engine call when a budget is kept: PCRE2's match limit is
    /// per start position, so one call over a long text can run for minutes; pieces that
    /// take longer than 2 ms get smaller, quick ones larger.
    private var piece = 256

    /// The first match, with `budget` checked between engine calls (pieces of the text, or
    /// the prefilter's windows), so no single search runs far past it.
    public mutating func firstMatch(from position: Int, scratch: any RegexScratch,
                                    budget: inout RuleBudget) throws(RegexMatchError) -> RegexMatch? {
        guard let windows else {
            guard budget.isLimited else { return try regex.firstMatch(in: buffer, from: position, end: buffer.count, scratch: scratch) }
            try budget.checkNow()
            var from = position
            while from <= buffer.count {
                let last = buffer.offset(from, forwardBy: piece)
                let started = RuleBudget.threadCPUTime()
                if let match = try WindowSearch.firstMatch(regex, in: buffer, from: from, end: buffer.count, maxStart: last, scratch: scratch) {
                    return match
                }
                guard last < buffer.count else { return nil }
                from = buffer.offset(last, forwardBy: 1)
                let took = RuleBudget.threadCPUTime() - started
                piece = took > 0.002 ? max(16, piece / 2) : took < 0.0005 ? min(1 << 20, piece * 2) : piece
                try budget.checkNow()
            }
            return nil
        }
        while cursor < windows.endIndex && windows[cursor].high < position { cursor += 1 }
        var k = cursor
        while k < windows.endIndex {
            try budget.check()
            let window = windows[k]
            let start = max(window.low, position)
            if let match = try WindowSearch.firstMatch(regex, in: buffer, from: start, end: buffer.count, maxStart: window.high, scratch: scratch) {
                return match
            }
            k += 1
            cursor = k
        }
        return nil
    }
}
