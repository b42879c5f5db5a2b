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
    /// Name every file and folder left out in a note of its own (`--verbose`); otherwise
    /// each kind is counted in one note naming the first few.
    public var verbose = false

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
        // What the walk leaves out, by kind: each is counted and named (see `reportLeftOut`).
        var skipped: [String] = []
        var ignored: [String] = []
        var hidden: [String] = []
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
            guard let listing = FileKind.list(directory) else {
                result.errors.append(.unreadable(path: directory, reason: "cannot list the folder"))
                continue
            }
            let entries = listing.names
            // A name that is not UTF-8 cannot be given to the readers: it is named (its bytes
            // shown) and, when it looks like a document, fails the run.
            for raw in listing.undecodable {
                let shown = (directory == "." ? "" : directory + "/") + raw.map { $0 < 0x80 ? String(UnicodeScalar($0)) : "\\x" + String($0, radix: 16, uppercase: true) }.joined()
                let ext = raw.split(separator: 0x2E).last.map { String(decoding: $0, as: UTF8.self).lowercased() } ?? ""
                if extensions.contains(ext) {
                    result.errors.append(.unreadable(path: shown, reason: "its name is not valid UTF-8; rename it to check it"))
                } else {
                    skipped.append(shown)
                    result.skipped.append(SkippedInput(path: shown, reason: .otherFormat))
                }
            }
            if let name = ignoreFileName, entries.contains(name),
               boundary?.allows((directory as NSString).appendingPathComponent(name)) ?? false,
               let text = try? String(contentsOfFile: (directory as NSString).appendingPathComponent(name), encoding: .utf8) {
                rules.add(ignoreFile: text, base: relativeDirectory)
            }
            var subdirectories: [(path: String, relative: String)] = []
            for name in entries.sorted() {
                let full = directory == "." ? name : (directory as NSString).appendingPathComponent(name)
                // Hidden entries and Office lock files (`~$計畫.docx`) are not documents.
                if name.hasPrefix(".") || name.hasPrefix("~$") {
                    // Git's folder, the ignore file and adlaw's own config are not copy.
                    if ![".git", ".adlaw.yml", ".adlaw.yaml"].contains(name) && name != ignoreFileName { hidden.append(full) }
                    continue
                }
                let relative = relativeDirectory.isEmpty ? name : relativeDirectory + "/" + name
                let kind = FileKind(path: full)
                if kind == .tooLong {
                    result.errors.append(.unreadable(path: full, reason: "the path is longer than the system allows (PATH_MAX); move it to a shorter path to check it"))
                    continue
                }
                if rules.excludes(relative, isDirectory: kind == .directory) {
                    ignored.append(full)
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
                } else if !name.hasSuffix(".adlaw") { // suppression sidecars are read with their file
                    skipped.append(full)
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
        reportLeftOut(hidden, code: .hiddenFiles, root: root, into: &result,
                      counted: "hidden file{s} or folder{s} (or Office lock file{s}) skipped", each: "hidden; skipped (name it to check it)")
        reportLeftOut(skipped, code: .skippedFiles, root: root, into: &result,
                      counted: "file{s} with other extensions skipped", each: "not a format adlaw reads; skipped")
        reportLeftOut(ignored, code: .ignoredFiles, root: root, into: &result,
                      counted: "file{s} or folder{s} left out by --exclude, --include or \(ignoreFileName ?? "ignore files")",
                      each: "left out by --exclude, --include or \(ignoreFileName ?? "ignore files")")
        result.files.sort()
        result.skipped.sort { $0.path < $1.path }
    }

    /// Nothing is left out silently: one note per kind naming the count and the first few
    /// (`{s}` is the plural ending), or with `verbose` one note per path.
    private func reportLeftOut(_ paths: [String], code: DiagnosticCode, root: String, into result: inout Result, counted: String, each: String) {
        guard !paths.isEmpty else { return }
        if verbose {
            for path in paths { result.diagnostics.append(Diagnostic(code: code, level: .note, path: path, message: each)) }
            return
        }
        let shown = paths.prefix(5).map { $0.hasPrefix(root + "/") ? String($0.dropFirst(root.count + 1)) : $0 }.joined(separator: ", ")
        let more = paths.count > 5 ? " and \(paths.count - 5) more; --verbose lists each" : ""
        let message = "\(paths.count) " + counted.replacingOccurrences(of: "{s}", with: paths.count == 1 ? "" : "s") + ": \(shown)\(more)"
        result.diagnostics.append(Diagnostic(code: code, level: .note, path: root, message: message))
    }
}
