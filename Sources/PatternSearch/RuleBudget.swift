#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LintCore

/// The CPU time one rule may spend on one document, measured on the thread that runs it
/// (so a loaded machine does not stop a rule early). Past it the rule stops on that
/// document with a note naming it; the other rules and documents go on.
public struct RuleBudget: Sendable {
    public let seconds: Double
    private let start: Double
    /// Checks are cheap but not free (a system call): the clock is read every few calls.
    private var calls = 0

    public init(seconds: Double) {
        self.seconds = seconds
        start = seconds.isFinite ? Self.threadCPUTime() : 0
    }

    /// The default budget for a document of `bytes`: two seconds, and one more per megabyte.
    public static func forDocument(bytes: Int) -> RuleBudget {
        RuleBudget(seconds: 2 + Double(bytes) / 1_000_000)
    }

    public var isLimited: Bool { seconds.isFinite }

    /// Throws once the budget is spent (the clock is read every 16th call).
    public mutating func check() throws(RegexMatchError) {
        guard seconds.isFinite else { return }
        calls += 1
        guard calls & 15 == 0 else { return }
        try checkNow()
    }

    /// Throws once the budget is spent, reading the clock now.
    public func checkNow() throws(RegexMatchError) {
        if seconds.isFinite && Self.threadCPUTime() - start > seconds { throw .timeLimit(seconds: seconds) }
    }

    public static func threadCPUTime() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
