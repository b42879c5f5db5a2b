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
/// removed on any failure. Replacing a file keeps its permissions.
///
/// Nothing is written through a symbolic link: adlaw runs in CI on pull requests, where a
/// committed `adlaw.sarif -> ~/.bashrc` (or a linked folder on the way to the file) would
/// turn a report into a write anywhere the CI user can write. A link at the path, or a
/// linked folder between the current folder and the file, is refused with its name.
public enum AtomicFile {
    public enum WriteError: Error, Sendable, Equatable, CustomStringConvertible {
        /// The file exists and the caller did not allow replacing it.
        case exists(path: String)
        /// The file exists and its contents are not ours to replace.
        case notOurs(path: String)
        /// The path is a symbolic link, or goes through a linked folder (`link`).
        case linked(path: String, link: String)
        case failed(path: String, reason: String)

        public var path: String {
            switch self {
            case let .exists(path), let .notOurs(path), let .linked(path, _), let .failed(path, _): path
            }
        }

        public var description: String {
            switch self {
            case let .exists(path): "\(path) already exists; pass --force to replace it"
            case let .notOurs(path): "\(path) exists and was not written by adlaw; it was left as it is (choose another path, or pass --force where the command has it)"
            case let .linked(path, link):
                link == path
                    ? "\(path) is a symbolic link; adlaw never writes through one (it could point anywhere). Remove the link or name the file itself"
                    : "cannot write \(path): \(link) on the way to it is a symbolic link; adlaw never writes through one. Name a path without links"
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
    /// - Parameters:
    ///   - permissions: the mode of the file (e.g. 0o755 for a hook). `nil` keeps the mode of
    ///     the file it replaces, or gives a new file 0o666 less the umask.
    ///   - linkedFolders: allow linked folders on the way (for files in the user's own
    ///     folders, such as the cache); a link at the path itself is always refused.
    public static func write(_ data: Data, to path: String, overwrite: Overwrite,
                             permissions: mode_t? = nil, linkedFolders: Bool = false) throws(WriteError) {
        if let link = linkOnTheWay(to: path, checkingFolders: !linkedFolders) { throw .linked(path: path, link: link) }
        let target = path
        var existing = stat()
        let exists = lstat(target, &existing) == 0
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
        removeStaleTemporaries(of: target)
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
                             permissions: mode_t? = nil, linkedFolders: Bool = false) throws(WriteError) {
        try write(Data(text.utf8), to: path, overwrite: overwrite, permissions: permissions, linkedFolders: linkedFolders)
    }

    /// The symbolic link a write to `path` would go through, if any: the path itself, or
    /// (with `checkingFolders`) a folder on the way below the current folder. Folders above
    /// the current folder (`/tmp` on macOS, a linked home) are the user's own setup.
    static func linkOnTheWay(to path: String, checkingFolders: Bool) -> String? {
        var info = stat()
        if lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK { return path }
        guard checkingFolders, let cwdPointer = getcwd(nil, 0) else { return nil }
        let cwd = String(cString: cwdPointer)
        free(cwdPointer)
        var parts: [Substring] = []
        for part in (path.hasPrefix("/") ? path : cwd + "/" + path).split(separator: "/") {
            if part == "." { continue }
            if part == ".." { _ = parts.popLast(); continue }
            parts.append(part)
        }
        let cwdParts = cwd.split(separator: "/")
        guard parts.count > cwdParts.count, parts.starts(with: cwdParts) else { return nil }
        var folder = cwd == "/" ? "" : cwd
        var shown = ""
        for part in parts[cwdParts.count..<(parts.count - 1)] {
            folder += "/" + part
            shown += (shown.isEmpty ? "" : "/") + part
            if lstat(folder, &info) == 0, info.st_mode & S_IFMT == S_IFLNK { return shown }
        }
        return nil
    }

    static func folderOf(_ path: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        return folder.isEmpty ? "." : folder
    }

    /// Removes what a killed run left beside `target`: hidden temporaries of its name whose
    /// process is gone (SIGKILL between naming and renaming; other signals clean up at once).
    static func removeStaleTemporaries(of target: String) {
        let folder = folderOf(target)
        let prefix = ".\((target as NSString).lastPathComponent).adlaw-tmp-"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where name.hasPrefix(prefix) {
            guard let pid = pid_t(name.dropFirst(prefix.count).prefix { $0 != "-" }), pid != getpid() else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH {
                unlink((folder as NSString).appendingPathComponent(name))
            }
        }
    }

    /// Makes the rename durable (best effort: some file systems refuse to sync a folder).
    static func syncFolder(_ folder: String) {
        let fd = open(folder, O_RDONLY | O_DIRECTORY)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }
}
