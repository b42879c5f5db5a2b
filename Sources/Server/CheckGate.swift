import Foundation

/// Admits at most `limit` checks at once; the others are refused at once (503), never queued,
/// so a burst cannot pile up memory or latency behind the rule engine.
final class CheckGate: @unchecked Sendable {
    private let lock = NSLock()
    private var running = 0
    let limit: Int

    init(limit: Int) { self.limit = max(1, limit) }

    func enter() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard running < limit else { return false }
        running += 1
        return true
    }

    func leave() {
        lock.lock()
        running -= 1
        lock.unlock()
    }
}
