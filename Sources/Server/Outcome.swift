import Foundation

/// The one answer of a check that races its time limit: whichever of the work and the
/// timer comes first resumes the waiting request; the other is ignored. The timer is
/// cancelled when the work wins, so no sleeping task outlives a request.
final class Outcome<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<Value, any Error>?
    private var pendingTimer: Task<Void, any Error>?
    private var done = false

    /// The timer task; cancelled at once if the answer is already in.
    var timer: Task<Void, any Error>? {
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
        let (waiting, timer) = lock.withLock { () -> (CheckedContinuation<Value, any Error>?, Task<Void, any Error>?) in
            guard !done else { return (nil, nil) }
            done = true
            defer { continuation = nil; pendingTimer = nil }
            return (continuation, pendingTimer)
        }
        timer?.cancel()
        waiting?.resume(with: result)
    }
}
