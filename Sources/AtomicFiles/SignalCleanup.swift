import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Names that must not outlive an interrupted run: the hidden name an atomic write gives its
/// finished temporary file just before renaming it, the private copy of an Office file being
/// read. A
/// SIGTERM, SIGINT or SIGHUP in that instant removes them, then ends the process by the same
/// signal as before (exit status unchanged). A SIGKILL cannot be caught; what it leaves is
/// removed by the next write to the same file (`AtomicFile.removeStaleTemporaries`).
///
/// The handler only reads preallocated slots (no allocation, no Swift runtime calls): a
/// process-wide table is what a signal handler can reach, so this one type keeps one.
public enum SignalCleanup {
    static let slotCount = 16
    static let pathCapacity = Int(PATH_MAX) + 1

    /// The table: a lock, one "in use" flag per slot and one path buffer per slot.
    private final class Table: @unchecked Sendable {
        let lock: UnsafeMutablePointer<pthread_mutex_t>
        let used: UnsafeMutablePointer<Int32>
        let paths: UnsafeMutablePointer<CChar>

        init() {
            lock = .allocate(capacity: 1)
            pthread_mutex_init(lock, nil)
            used = .allocate(capacity: SignalCleanup.slotCount)
            used.initialize(repeating: 0, count: SignalCleanup.slotCount)
            paths = .allocate(capacity: SignalCleanup.slotCount * SignalCleanup.pathCapacity)
            paths.initialize(repeating: 0, count: SignalCleanup.slotCount * SignalCleanup.pathCapacity)
        }
    }

    private static let table = Table()

    /// Installs the handler for SIGTERM, SIGINT and SIGHUP (unless the signal is ignored, as
    /// under `nohup`). Call once, early, from the executable.
    public static func install() {
        _ = table
        for signalNumber in [SIGTERM, SIGINT, SIGHUP] {
            // A signal ignored (as under `nohup`) stays ignored.
            let previous = signal(signalNumber, SIG_IGN)
            if let previous, unsafeBitCast(previous, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self) { continue }
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { signalNumber in SignalCleanup.handle(signalNumber) }
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            sigaction(signalNumber, &action, nil)
        }
    }

    /// Registers `path` (a file, or an empty folder once its files are removed) for removal
    /// if the process is ended by a signal; the slot to release, or nil when the table is
    /// full or the path too long (then nothing is registered).
    public static func register(_ path: String) -> Int? {
        let bytes = Array(path.utf8)
        guard bytes.count < pathCapacity else { return nil }
        pthread_mutex_lock(table.lock)
        defer { pthread_mutex_unlock(table.lock) }
        for slot in 0..<slotCount where table.used[slot] == 0 {
            let buffer = table.paths + slot * pathCapacity
            for (index, byte) in bytes.enumerated() { buffer[index] = CChar(bitPattern: byte) }
            buffer[bytes.count] = 0
            table.used[slot] = 1
            return slot
        }
        return nil
    }

    public static func release(_ slot: Int) {
        pthread_mutex_lock(table.lock)
        table.used[slot] = 0
        pthread_mutex_unlock(table.lock)
    }

    private static func handle(_ signalNumber: Int32) {
        // A thread in the middle of registering holds the lock: then nothing is removed.
        if pthread_mutex_trylock(table.lock) == 0 {
            // Files first, then the folders they were in.
            for slot in 0..<slotCount where table.used[slot] != 0 {
                unlink(table.paths + slot * pathCapacity)
            }
            for slot in 0..<slotCount where table.used[slot] != 0 {
                rmdir(table.paths + slot * pathCapacity)
            }
        }
        signal(signalNumber, SIG_DFL)
        raise(signalNumber)
    }
}
