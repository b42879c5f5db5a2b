import Foundation

/// Writes a file so that readers see the old content or the new, never a half-written
/// one: the bytes go to a temporary file in the same folder, are flushed to disk, and the
/// temporary file is renamed over the target (rename is atomic within a file system). If
/// anything fails, the target is left as it was and the temporary file is removed.
public enum AtomicFile {
    public enum WriteError: Error, Sendable, CustomStringConvertible {
        case exists(String)
        case notOurs(String)
        case failed(String, String)

        public var description: String {
            switch self {
            case let .exists(path): "\(path) already exists; pass --force to replace it"
            case let .notOurs(path): "\(path) exists and was not written by adlaw; pass --force to replace it, or choose another path"
            case let .failed(path, reason): "cannot write \(path): \(reason)"
            }
        }
    }

    /// When an existing file may be replaced.
    public enum Overwrite: Sendable {
        case never
        case always
        /// Only when the existing contents pass the test (e.g. an earlier adlaw report).
        case when(@Sendable (Data) -> Bool)
    }

    /// - Parameter permissions: the new file's mode (e.g. 0o755 for a hook script).
    public static func write(_ data: Data, to path: String, overwrite: Overwrite = .always,
                             permissions: mode_t = 0o644) throws(WriteError) {
        let fm = FileManager.default
        if fm.fileExists(atPath: path) {
            switch overwrite {
            case .never: throw .exists(path)
            case .always: break
            case let .when(isOurs):
                if !isOurs(fm.contents(atPath: path) ?? Data()) { throw .notOurs(path) }
            }
        }
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let temporary = (folder as NSString).appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL, permissions)
        guard fd >= 0 else { throw .failed(path, String(cString: strerror(errno))) }
        var failure: String?
        data.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            var offset = 0
            while offset < raw.count {
                let written = Foundation.write(fd, base + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = String(cString: strerror(errno))
                    return
                }
                offset += written
            }
        }
        if failure == nil && fsync(fd) != 0 { failure = String(cString: strerror(errno)) }
        // umask may have narrowed the mode; set it as asked.
        if failure == nil && fchmod(fd, permissions) != 0 { failure = String(cString: strerror(errno)) }
        close(fd)
        if failure == nil && rename(temporary, path) != 0 { failure = String(cString: strerror(errno)) }
        if let failure {
            unlink(temporary)
            throw .failed(path, failure)
        }
    }

    public static func write(_ text: String, to path: String, overwrite: Overwrite = .always,
                             permissions: mode_t = 0o644) throws(WriteError) {
        try write(Data(text.utf8), to: path, overwrite: overwrite, permissions: permissions)
    }
}
