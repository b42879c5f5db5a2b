import Foundation

/// The one answer of a check that races its time limit: whichever of the work and the
/// timer comes first resumes the waiting request; the other is ignored. The timer is
/// cancelled when the work wins, so no timer outlives a request.
///
/// The timer is a dispatch timer source, not a sleeping task: a cancelled `Task.sleep`
/// resumes at once, but the runtime keeps its task and timer until the deadline passes, so
/// at 600 requests a second with the 30 s limit about 18,000 of them were alive at any time
/// (heaptrack: 15,347 at the end of 17,953 requests; the server's RSS grew from 63 to 93 MB
/// before levelling off). A cancelled source is removed from the timer heap at once.
final class Outcome<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<Value, any Error>?
    private var pendingTimer: (any DispatchSourceTimer)?
    private var done = false

    /// The timer, already resumed; cancelled at once if the answer is already in.
    var timer: (any DispatchSourceTimer)? {
        get { lock.withLock { pendingTimer } }
        set {
            let cancel = lock.withLock { () -> Bool in
                if done { return true }
                pendingTimer = newValue
                return false
            }
            if cancel { newValue?.cancel() }
        }
    }

    func wait(_ continuation: CheckedContinuation<Value, any Error>) {
        lock.withLock { self.continuation = continuation }
    }

    func resume(with result: Result<Value, any Error>) {
        let (waiting, timer) = lock.withLock { () -> (CheckedContinuation<Value, any Error>?, (any DispatchSourceTimer)?) in
            guard !done else { return (nil, nil) }
            done = true
            defer { continuation = nil; pendingTimer = nil }
            return (continuation, pendingTimer)
        }
        timer?.cancel()
        waiting?.resume(with: result)
    }
}
