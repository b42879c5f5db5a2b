import FileSelection
import Foundation

/// Finds the config that applies to a folder: `.adlaw.yml` (or `.adlaw.yaml`) in the folder
/// itself or the nearest folder above it. The nearest file wins; configs do not cascade.
///
/// The search never leaves the project: it stops at the git repository's top folder (or,
/// outside a repository, at the home folder), so a `.adlaw.yml` above a CI checkout
/// (`disable: ["*"]` in `/tmp` or a shared folder) cannot silence the run. A config owned
/// by another user, or a linked one leading out of the repository, is ignored and named.
public struct ConfigLocator: Sendable {
    /// A config file that was found but not used, and why.
    public struct Ignored: Sendable, Equatable {
        public var path: String
        public var reason: String
    }

    /// The folder the search stops at when not inside a repository (`HOME`).
    public var home: String?
    /// The user whose files are trusted (the effective user).
    public var owner: uid_t

    public init(home: String? = ProcessInfo.processInfo.environment["HOME"], owner: uid_t = geteuid()) {
        self.home = home.flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0).standardizedFileURL.path }
        self.owner = owner
    }

    /// The config file for `directory`, or nil when none applies.
    public func find(from directory: String) -> String? { locate(from: directory).path }

    /// The config file for `directory` and the config files found but ignored.
    public func locate(from directory: String) -> (path: String?, ignored: [Ignored]) {
        let fm = FileManager.default
        var url = URL(fileURLWithPath: directory).standardizedFileURL
        let real = (realpath(url.path, nil)).map { pointer -> String in
            defer { free(pointer) }
            return String(cString: pointer)
        } ?? url.path
        let top = LinkBoundary.repositoryTop(containing: real)
        var ignored: [Ignored] = []
        while true {
            for name in ConfigFile.fileNames {
                let candidate = url.appendingPathComponent(name)
                var isDirectory: ObjCBool = false
                guard fm.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
                var info = stat()
                if stat(candidate.path, &info) == 0, info.st_uid != owner {
                    ignored.append(Ignored(path: candidate.path, reason: "it belongs to another user (uid \(info.st_uid))"))
                    continue
                }
                if let top, !LinkBoundary(folder: top).allows(candidate.path) {
                    ignored.append(Ignored(path: candidate.path, reason: "it is a symbolic link that leads out of the repository"))
                    continue
                }
                return (candidate.path, ignored)
            }
            let here = (realpath(url.path, nil)).map { pointer -> String in
                defer { free(pointer) }
                return String(cString: pointer)
            } ?? url.path
            // The repository's top folder, or outside one the home folder, is the last one searched.
            if let top, here == top { return (nil, ignored) }
            if top == nil, let home, url.path == home || here == home { return (nil, ignored) }
            let parent = url.deletingLastPathComponent()
            if parent.path == url.path { return (nil, ignored) }
            url = parent
        }
    }
}
