#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LintCore

/// The CPU time one rule may spend on one document, measured on the thread that runs it
/// (so a loaded machine does not stop a rule early). Past it the rule stops on that
/// document with a note naming it; the other rules and documents go on.
///
/// The clock starts at the rule's first search, not when the budget is made: a budget is
/// made for every rule on every document, most rules never search a small document (the
/// prefilter finds none of their literals), and reading a thread's CPU clock is a system
/// call (one per rule and document was an eighth of a `--jsonl` record's time).
public struct RuleBudget: Sendable {
    public let seconds: Double
    /// The thread's CPU time at the first check; nil before it.
    private var start: Double?
    /// Checks are cheap but not free (a system call): the clock is read every few calls.
    private var calls = 0

    public init(seconds: Double) {
        self.seconds = seconds
    }

    /// The default budget for a document of `bytes`: two seconds, and one more per megabyte.
    public static func forDocument(bytes: Int) -> RuleBudget {
        RuleBudget(seconds: 2 + Double(bytes) / 1_000_000)
    }

    public var isLimited: Bool { seconds.isFinite }

    /// Starts the clock on the first call; then throws once the budget is spent (the clock
    /// is read every 16th call).
    public mutating func check() throws(RegexMatchError) {
        guard seconds.isFinite else { return }
        calls += 1
        guard start == nil || calls & 15 == 0 else { return }
        try checkNow()
    }

    /// Starts the clock if it has not started; else throws once the budget is spent,
    /// reading the clock now.
    public mutating func checkNow() throws(RegexMatchError) {
        guard seconds.isFinite else { return }
        let now = Self.threadCPUTime()
        guard let start else {
            start = now
            return
        }
        if now - start > seconds { throw .timeLimit(seconds: seconds) }
    }

    public static func threadCPUTime() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
