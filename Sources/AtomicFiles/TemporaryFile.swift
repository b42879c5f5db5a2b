import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The temporary file behind an `AtomicFile` write: anonymous while it is written where the
/// system allows it (Linux `O_TMPFILE`), else a hidden file beside the target; given the
/// target's name only when complete.
struct TemporaryFile {
    /// The path reported in errors (as the caller wrote it).
    let reportedPath: String
    let folder: String
    let name: String
    private(set) var descriptor: Int32
    /// The temporary's own name in the folder, once it has one.
    private(set) var linkedPath: String?
    /// Its slot in `SignalCleanup` while it has a name.
    private var cleanupSlot: Int?

    init(folder: String, name: String, path: String) throws(AtomicFile.WriteError) {
        reportedPath = path
        self.folder = folder
        self.name = name
        #if os(Linux)
        // An anonymous file can be named later only through /proc.
        if access("/proc/self/fd", F_OK) == 0 {
            descriptor = open(folder, __O_TMPFILE | O_DIRECTORY | O_WRONLY | O_CLOEXEC, 0o666)
            if descriptor >= 0 { return }
        }
        #endif
        let candidate = Self.hiddenName(folder: folder, name: name)
        descriptor = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else {
            throw .failed(path: path, reason: "cannot create a file in \(folder) (\(String(cString: strerror(errno))))")
        }
        linkedPath = candidate
        cleanupSlot = SignalCleanup.register(candidate)
    }

    static func hiddenName(folder: String, name: String) -> String {
        (folder as NSString).appendingPathComponent(".\(name).adlaw-tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
    }

    /// Writes every byte and flushes them to disk.
    func write(_ data: Data, mode: mode_t?) throws(AtomicFile.WriteError) {
        var failure: Int32 = 0
        data.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            var offset = 0
            while offset < raw.count {
                let written = systemWrite(descriptor, base + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += written
            }
        }
        if failure == 0, let mode, fchmod(descriptor, mode) != 0 { failure = errno }
        if failure == 0, fsync(descriptor) != 0 { failure = errno }
        if failure != 0 {
            throw .failed(path: reportedPath, reason: String(cString: strerror(failure)))
        }
    }

    /// Gives an anonymous temporary a hidden name in the folder, so it can be renamed.
    private mutating func link() throws(AtomicFile.WriteError) -> String {
        if let linkedPath { return linkedPath }
        let candidate = Self.hiddenName(folder: folder, name: name)
        // Registered before it exists: a signal between naming and renaming removes it.
        cleanupSlot = SignalCleanup.register(candidate)
        guard linkat(AT_FDCWD, "/proc/self/fd/\(descriptor)", AT_FDCWD, candidate, AT_SYMLINK_FOLLOW) == 0 else {
            releaseCleanup()
            throw .failed(path: reportedPath, reason: "cannot name the temporary file (\(String(cString: strerror(errno))))")
        }
        linkedPath = candidate
        return candidate
    }

    /// Renames the complete temporary over `target`, replacing any file there.
    mutating func publish(as target: String) throws(AtomicFile.WriteError) {
        let source = try link()
        guard rename(source, target) == 0 else {
            throw .failed(path: reportedPath, reason: String(cString: strerror(errno)))
        }
        linkedPath = nil
        releaseCleanup()
    }

    /// Gives the complete temporary the name `target` only if nothing has that name: the
    /// check and the naming are one step, so a file that appeared meanwhile is never replaced.
    mutating func publishExclusively(as target: String) throws(AtomicFile.WriteError) {
        let source = try link()
        guard systemLink(source, target) == 0 else {
            let error = errno
            throw error == EEXIST ? .exists(path: reportedPath) : .failed(path: reportedPath, reason: String(cString: strerror(error)))
        }
        unlink(source)
        linkedPath = nil
        releaseCleanup()
    }

    private mutating func releaseCleanup() {
        if let cleanupSlot { SignalCleanup.release(cleanupSlot) }
        cleanupSlot = nil
    }

    /// Closes the file and removes a temporary that was not published.
    mutating func discard() {
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
        if let linkedPath { unlink(linkedPath) }
        linkedPath = nil
        releaseCleanup()
    }
}

// The C calls, out of reach of the methods that share their names.
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int { write(fd, buffer, count) }
private func systemLink(_ source: String, _ target: String) -> Int32 { link(source, target) }
