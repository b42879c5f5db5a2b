import Foundation
import LintCore

/// Expands the paths given on the command line into files to check: folders are walked
/// recursively (hidden entries skipped, symbolic-link loops detected, `--exclude` and
/// `--include` globs and `.adlawignore` files applied), files named explicitly are always
/// checked, and the result is sorted. Symbolic links are never followed out of the
/// repository (or, outside one, the walked folder): see `LinkBoundary`.
public struct FileWalker: Sendable {
    /// Extensions read when walking folders (lower case, no dot).
    public var extensions: Set<String>
    /// `--exclude` and `--include` globs, relative to each walked folder.
    public var exclude: [String]
    public var include: [String]
    /// The name of the ignore files honoured in walked folders (`nil`: none).
    public var ignoreFileName: String?

    /// The folder relative paths are named from (nil: the current folder).
    public var workingFolder: String?

    public static let defaultIgnoreFileName = ".adlawignore"

    public init(extensions: Set<String>, exclude: [String] = [], include: [String] = [],
                ignoreFileName: String? = FileWalker.defaultIgnoreFileName, workingFolder: String? = nil) {
        self.extensions = extensions
        self.exclude = exclude
        self.include = include
        self.ignoreFileName = ignoreFileName
        self.workingFolder = workingFolder
    }

    public struct Result: Sendable {
        public var files: [String]
        public var diagnostics: [Diagnostic]
        public var errors: [ExtractionError]
        /// The files among `files` that were named, not found by walking.
        public var named: Set<String> = []
        /// Every file or folder left out while walking, and why (the notes in `diagnostics`
        /// summarise them).
        public var skipped: [SkippedInput] = []
    }

    public func expand(_ paths: [String]) -> Result {
        var result = Result(files: [], diagnostics: [], errors: [])
        var seen = Set<String>()
        let cwd = workingFolder ?? FileManager.default.currentDirectoryPath
        for path in paths {
            let kind = FileKind(path: path)
            if let error = kind.error(for: path) {
                result.errors.append(error)
                continue
            }
            // A path inside the repository that leads out of it through a link is refused,
            // even when named: in CI the name may come from a stranger's pull request.
            if let boundary = LinkBoundary.forNamedPath(path, workingFolder: cwd), !boundary.allows(path) {
                result.errors.append(.linkOutside(path: path, boundary: "the repository"))
                continue
            }
            if kind == .directory {
                var visitedDirectories = Set<String>()
                walk(path, into: &result, seen: &seen, visited: &visitedDirectories)
            } else if seen.insert(path).inserted {
                result.files.append(path)
                result.named.insert(path)
            }
        }
        return result
    }

    private func walk(_ root: String, into result: inout Result, seen: inout Set<String>, visited: inout Set<String>) {
        let fm = FileManager.default
        var rules = IgnoreRules(exclude: exclude, include: include)
        // An explicit stack, not recursion: deep trees cannot exhaust the call stack.
        // Each entry is a folder's path and its path relative to the root.
        var stack = [(path: root, relative: "")]
        // Folders reached through a symbolic link wait until every real folder is walked, so a
        // file is reported under its real path when it has one.
        var linked: [(path: String, relative: String)] = []
        var skipped = 0
        var ignored = 0
        var special: [String] = []
        var brokenLinks: [String] = []
        var outside: [String] = []
        let boundary = LinkBoundary.forWalk(of: root)
        let boundaryName = boundary.map { LinkBoundary.repositoryTop(containing: $0.folder) == $0.folder ? "the repository" : "the walked folder" }
            ?? "the walked folder"
        while let (directory, relativeDirectory) = stack.popLast() ?? (linked.isEmpty ? nil : linked.removeFirst()) {
            // The folder's real path (every link in it resolved) identifies it, however it
            // was reached: a loop through two or more links is found on its second visit.
            guard let canonical = FileKind.realPath(directory) else {
                result.diagnostics.append(Diagnostic(code: .symlinkLoop, level: .note, path: directory,
                                                     message: "symbolic-link loop; skipped"))
                result.skipped.append(SkippedInput(path: directory, reason: .symlinkLoop, isFolder: true))
                continue
            }
            guard visited.insert(canonical).inserted else {
                result.diagnostics.append(Diagnostic(code: .symlinkLoop, level: .note, path: directory,
                                                     message: "folder already visited (symbolic-link loop); skipped"))
                continue
            }
            let entries: [String]
            do { entries = try fm.contentsOfDirectory(atPath: directory) } catch {
                result.errors.append(.unreadable(path: directory, reason: "cannot list the folder"))
                continue
            }
            if let name = ignoreFileName, entries.contains(name),
               boundary?.allows((directory as NSString).appendingPathComponent(name)) ?? false,
               let text = try? String(contentsOfFile: (directory as NSString).appendingPathComponent(name), encoding: .utf8) {
                rules.add(ignoreFile: text, base: relativeDirectory)
            }
            var subdirectories: [(path: String, relative: String)] = []
            // Hidden entries and Office lock files (`~$計畫.docx`) are not documents.
            for name in entries.sorted() where !name.hasPrefix(".") && !name.hasPrefix("~$") {
                let full = directory == "." ? name : (directory as NSString).appendingPathComponent(name)
                let relative = relativeDirectory.isEmpty ? name : relativeDirectory + "/" + name
                let kind = FileKind(path: full)
                if rules.excludes(relative, isDirectory: kind == .directory) {
                    ignored += 1
                    result.skipped.append(SkippedInput(path: full, reason: .ignored, isFolder: kind == .directory))
                    continue
                }
                if case .brokenLink = kind {
                    brokenLinks.append(full)
                    continue
                }
                if kind != .missing, FileKind.isSymbolicLink(full), !(boundary?.allows(full) ?? false) {
                    outside.append(full)
                    continue
                }
                if case .special = kind {
                    // Reading a FIFO or a device can block forever: only regular files are walked.
                    if extensions.contains((name as NSString).pathExtension.lowercased()) { special.append(full) }
                    continue
                }
                if kind == .missing { continue } // removed while walking
                if kind == .directory {
                    if FileKind.isSymbolicLink(full) { linked.append((full, relative)) } else { subdirectories.append((full, relative)) }
                } else if extensions.contains((name as NSString).pathExtension.lowercased()) {
                    if seen.insert(full).inserted { result.files.append(full) }
                } else {
                    skipped += 1
                    result.skipped.append(SkippedInput(path: full, reason: .otherFormat))
                }
            }
            stack += subdirectories.reversed()
        }
        for path in special {
            result.skipped.append(SkippedInput(path: path, reason: .special))
            result.diagnostics.append(Diagnostic(code: .specialFile, level: .note, path: path,
                                                 message: "not a regular file (a pipe, socket or device); skipped. Name it explicitly to read it"))
        }
        for path in brokenLinks {
            let loops = FileKind(path: path) == .brokenLink(loops: true)
            result.skipped.append(SkippedInput(path: path, reason: loops ? .symlinkLoop : .brokenLink))
            result.diagnostics.append(Diagnostic(code: loops ? .symlinkLoop : .brokenLink, level: .note, path: path,
                                                 message: loops ? "symbolic-link loop; skipped" : "symbolic link to nothing; skipped"))
        }
        for path in outside {
            result.skipped.append(SkippedInput(path: path, reason: .linkOutside))
            result.diagnostics.append(Diagnostic(code: .linkOutside, level: .note, path: path,
                                                 message: "symbolic link that leads out of \(boundaryName); skipped"))
        }
        if skipped > 0 {
            result.diagnostics.append(Diagnostic(code: .skippedFiles, level: .note, path: root,
                                                 message: "\(skipped) file\(skipped == 1 ? "" : "s") with other extensions skipped"))
        }
        if ignored > 0 {
            result.diagnostics.append(Diagnostic(code: .ignoredFiles, level: .note, path: root,
                                                 message: "\(ignored) file\(ignored == 1 ? "" : "s") or folder\(ignored == 1 ? "" : "s") left out by --exclude, --include or \(ignoreFileName ?? "ignore files")"))
        }
        result.files.sort()
        result.skipped.sort { $0.path < $1.path }
    }
}
