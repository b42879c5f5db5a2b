import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one way adlaw writes a file (reports, baselines, configs, hooks, caches): readers
/// see the old contents or the new, never a half-written file, and an existing file is
/// replaced only when the caller says so.
///
/// The bytes go to a temporary file in the target's folder, are flushed to disk, and the
/// temporary file is renamed over the target in one step. On Linux the temporary file is
/// anonymous (`O_TMPFILE`) until it is complete, so a run that is killed while writing
/// leaves nothing behind; elsewhere it is a hidden `.<name>.adlaw-tmp-*` file that is
/// removed on any failure. A symbolic link at the path is written through: its target is
/// replaced and the link kept. Replacing a file keeps its permissions.
public enum AtomicFile {
    public enum WriteError: Error, Sendable, Equatable, CustomStringConvertible {
        /// The file exists and the caller did not allow replacing it.
        case exists(path: String)
        /// The file exists and its contents are not ours to replace.
        case notOurs(path: String)
        case failed(path: String, reason: String)

        public var path: String {
            switch self {
            case let .exists(path), let .notOurs(path), let .failed(path, _): path
            }
        }

        public var description: String {
            switch self {
            case let .exists(path): "\(path) already exists; pass --force to replace it"
            case let .notOurs(path): "\(path) exists and was not written by adlaw; it was left as it is (choose another path, or pass --force where the command has it)"
            case let .failed(path, reason): "cannot write \(path): \(reason)"
            }
        }
    }

    /// When an existing file may be replaced.
    public enum Overwrite: Sendable {
        /// Never: the write fails with `.exists`, even if the file appears while writing.
        case never
        case always
        /// Only when the existing contents pass the test (e.g. an earlier adlaw report).
        case when(@Sendable (Data) -> Bool)
    }

    /// Writes `data` to `path`.
    /// - Parameter permissions: the mode of the file (e.g. 0o755 for a hook). `nil` keeps
    ///   the mode of the file it replaces, or gives a new file 0o666 less the umask.
    public static func write(_ data: Data, to path: String, overwrite: Overwrite,
                             permissions: mode_t? = nil) throws(WriteError) {
        let target = resolvedTarget(path)
        var existing = stat()
        let exists = stat(target, &existing) == 0
        if exists {
            guard existing.st_mode & S_IFMT == S_IFREG else {
                throw .failed(path: path, reason: "it exists and is not a regular file")
            }
            switch overwrite {
            case .never: throw .exists(path: path)
            case .always: break
            case let .when(isOurs):
                let current = FileManager.default.contents(atPath: target) ?? Data()
                if !isOurs(current) { throw .notOurs(path: path) }
            }
        }
        let mode = permissions ?? (exists ? existing.st_mode & 0o7777 : nil)
        var temporary = try TemporaryFile(folder: folderOf(target), name: (target as NSString).lastPathComponent, path: path)
        defer { temporary.discard() }
        try temporary.write(data, mode: mode)
        if case .never = overwrite {
            try temporary.publishExclusively(as: target)
        } else {
            try temporary.publish(as: target)
        }
        syncFolder(folderOf(target))
    }

    public static func write(_ text: String, to path: String, overwrite: Overwrite,
                             permissions: mode_t? = nil) throws(WriteError) {
        try write(Data(text.utf8), to: path, overwrite: overwrite, permissions: permissions)
    }

    /// The file a path names, through any symbolic link (a link to a missing file names
    /// that file).
    static func resolvedTarget(_ path: String) -> String {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK,
              let destination = try? FileManager.default.destinationOfSymbolicLink(atPath: path) else { return path }
        if let real = realpath(path, nil) {
            defer { free(real) }
            return String(cString: real)
        }
        return (destination as NSString).isAbsolutePath
            ? destination
            : ((path as NSString).deletingLastPathComponent as NSString).appendingPathComponent(destination)
    }

    static func folderOf(_ path: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        return folder.isEmpty ? "." : folder
    }

    /// Makes the rename durable (best effort: some file systems refuse to sync a folder).
    static func syncFolder(_ folder: String) {
        let fd = open(folder, O_RDONLY | O_DIRECTORY)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }
}
