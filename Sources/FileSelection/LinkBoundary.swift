#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The folder symbolic links may not lead out of. adlaw runs in CI on pull requests, so a
/// committed link (`notes.txt -> ~/.aws/credentials`, `r -> /`) must not make it read and
/// print files outside the checkout: a link is followed only when its target stays inside
/// the git repository holding it, or, outside any repository, inside the walked folder.
public struct LinkBoundary: Sendable, Equatable {
    /// The boundary's real path (no symbolic link in it), absolute.
    public let folder: String

    public init(folder: String) { self.folder = folder }

    /// The boundary of a walk of `root`: the repository holding it, else the folder itself;
    /// nil when the folder's real path cannot be resolved.
    public static func forWalk(of root: String) -> LinkBoundary? {
        guard let real = FileKind.realPath(root) else { return nil }
        return LinkBoundary(folder: repositoryTop(containing: real) ?? real)
    }

    /// The boundary of a path named on the command line, as it is written: the repository
    /// holding the working folder when the path lies inside it (before links are resolved);
    /// nil when the path is outside any repository, where naming it is the user's choice.
    public static func forNamedPath(_ path: String, workingFolder: String) -> LinkBoundary? {
        guard let cwd = FileKind.realPath(workingFolder), let top = repositoryTop(containing: cwd) else { return nil }
        let lexical = lexicalAbsolute(path, from: cwd)
        return lexical == top || lexical.hasPrefix(top == "/" ? "/" : top + "/") ? LinkBoundary(folder: top) : nil
    }

    /// Whether a real (resolved) path lies inside the boundary.
    public func contains(realPath: String) -> Bool {
        folder == "/" || realPath == folder || realPath.hasPrefix(folder + "/")
    }

    /// Whether `path` resolves to a place inside the boundary (false when it cannot be
    /// resolved: a loop or a link to nothing is reported by its own message elsewhere).
    public func allows(_ path: String) -> Bool {
        guard let real = FileKind.realPath(path) else { return true }
        return contains(realPath: real)
    }

    /// The nearest folder at or above `realFolder` holding `.git` (a folder, or a file in a
    /// linked worktree or submodule).
    public static func repositoryTop(containing realFolder: String) -> String? {
        var folder = realFolder
        while true {
            var info = stat()
            if lstat(folder == "/" ? "/.git" : folder + "/.git", &info) == 0 { return folder }
            guard let slash = folder.lastIndex(of: "/"), folder != "/" else { return nil }
            folder = slash == folder.startIndex ? "/" : String(folder[..<slash])
        }
    }

    /// `path` made absolute against `base` with `.` and `..` removed by name, links untouched.
    static func lexicalAbsolute(_ path: String, from base: String) -> String {
        let joined = path.hasPrefix("/") ? path : base + "/" + path
        var parts: [Substring] = []
        for part in joined.split(separator: "/") {
            if part == "." { continue }
            if part == ".." { _ = parts.popLast(); continue }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }
}
