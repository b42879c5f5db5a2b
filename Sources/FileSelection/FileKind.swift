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
    /// The path is longer than the system takes (`ENAMETOOLONG`).
    case tooLong
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
        if errno == ENAMETOOLONG {
            self = .tooLong
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

    /// The entry names of a folder (without `.` and `..`), and the names that are not UTF-8,
    /// as bytes; nil when the folder cannot be listed.
    static func list(_ path: String) -> (names: [String], undecodable: [[UInt8]])? {
        guard let folder = opendir(path) else { return nil }
        defer { closedir(folder) }
        var names: [String] = []
        var undecodable: [[UInt8]] = []
        while let entry = readdir(folder) {
            let bytes: [UInt8] = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                Array(raw.prefix { $0 != 0 })
            }
            if bytes == [0x2E] || bytes == [0x2E, 0x2E] { continue }
            if let name = String(validating: bytes, as: UTF8.self) { names.append(name) } else { undecodable.append(bytes) }
        }
        return (names, undecodable)
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
        case .tooLong: .unreadable(path: path, reason: "the path is longer than the system allows (PATH_MAX)")
        case let .brokenLink(loops):
            .unreadable(path: path, reason: loops ? "a symbolic-link loop" : "a symbolic link to a file that does not exist")
        }
    }
}
