import LintCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a path is, following symbolic links, with the cases a walk must not trip over:
/// a link that loops or points nowhere, and special files (FIFOs, sockets, devices) whose
/// reading can block forever or never end.
package enum FileKind: Equatable {
    case regular
    case directory
    /// A FIFO, socket or device.
    case special(String)
    /// A symbolic link that loops (`ELOOP`) or points nowhere.
    case brokenLink(loops: Bool)
    case missing

    package init(path: String) {
        var info = stat()
        if stat(path, &info) == 0 {
            switch info.st_mode & S_IFMT {
            case S_IFREG: self = .regular
            case S_IFDIR: self = .directory
            case S_IFIFO: self = .special("a named pipe (FIFO)")
            case S_IFSOCK: self = .special("a socket")
            case S_IFCHR, S_IFBLK: self = .special("a device")
            default: self = .special("not a regular file")
            }
            return
        }
        let loops = errno == ELOOP
        var linkInfo = stat()
        self = lstat(path, &linkInfo) == 0 && linkInfo.st_mode & S_IFMT == S_IFLNK ? .brokenLink(loops: loops) : .missing
    }

    /// The canonical absolute path, with every symbolic link resolved (`realpath`), or nil
    /// when it cannot be resolved (a loop, a missing part).
    package static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    package static func isSymbolicLink(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFLNK
    }

    /// The error for a path named on the command line that cannot be read as it is.
    package func error(for path: String) -> ExtractionError? {
        switch self {
        case .regular, .directory, .special: nil
        case .missing: .notFound(path: path)
        case let .brokenLink(loops):
            .unreadable(path: path, reason: loops ? "a symbolic-link loop" : "a symbolic link to a file that does not exist")
        }
    }
}
