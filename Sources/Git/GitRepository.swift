import Foundation

/// The git repository around a folder: its staged files and their content in the index
/// (what the next commit will hold, whatever the working tree says), and its hooks folder.
public struct GitRepository: Sendable {
    /// The repository's top folder, absolute.
    public let topLevel: String
    /// The folder git was asked from (paths are reported relative to it).
    public let workingFolder: String

    /// A file as staged: its path relative to the top folder, its blob in the index and the
    /// blob's size in bytes (known before the blob is read, so a huge one is refused unread).
    public struct StagedFile: Sendable, Hashable {
        public var path: String
        public var blob: String
        public var size: Int
    }

    /// The repository holding `folder`.
    public static func discover(from folder: String) throws(GitError) -> GitRepository {
        let result = try GitCommand(directory: folder).run(["rev-parse", "--show-toplevel"])
        guard result.status == 0 else { throw .notARepository(folder) }
        let top = String(decoding: result.stdout, as: UTF8.self).trimmingCharacters(in: .newlines)
        guard !top.isEmpty else { throw .notARepository(folder) }
        return GitRepository(topLevel: URL(fileURLWithPath: top).standardizedFileURL.path,
                             workingFolder: URL(fileURLWithPath: folder).standardizedFileURL.path)
    }

    var git: GitCommand { GitCommand(directory: topLevel) }

    /// Files added, copied, modified or renamed in the index (deletions have nothing to
    /// check), with their staged blobs; symbolic links and submodules are left out.
    /// - Parameter pathspecs: limit to these paths (relative to the working folder).
    public func stagedFiles(limitedTo pathspecs: [String] = []) throws(GitError) -> [StagedFile] {
        try stagedEntries(limitedTo: pathspecs).files
    }

    /// The staged files, and the staged names that are not UTF-8 (their bytes shown as
    /// `\xNN`), which cannot be checked and must not be left out silently.
    public func stagedEntries(limitedTo pathspecs: [String] = []) throws(GitError) -> (files: [StagedFile], undecodable: [String]) {
        let specs = pathspecs.map { spec -> String in
            let absolute = URL(fileURLWithPath: spec, relativeTo: URL(fileURLWithPath: workingFolder, isDirectory: true)).standardizedFileURL.path
            return ":(top,literal)" + (absolute == topLevel ? "." : relative(absolute, to: topLevel))
        }
        let names = try git.output(["diff", "--cached", "--name-only", "-z", "--diff-filter=ACMR", "--no-renames", "--"] + specs)
        var paths: [String] = []
        var undecodable: [String] = []
        for raw in names.split(separator: 0) {
            if let path = String(validating: raw, as: UTF8.self) {
                paths.append(path)
            } else {
                undecodable.append(raw.map { $0 < 0x80 ? String(UnicodeScalar($0)) : "\\x" + String($0, radix: 16, uppercase: true) }.joined())
            }
        }
        guard !paths.isEmpty else { return ([], undecodable) }
        var staged: [StagedFile] = []
        // `ls-files --stage` gives mode and blob id; one call for every path.
        let listing = try git.output(["ls-files", "--stage", "-z", "--"] + paths.map { ":(top,literal)" + $0 })
        let wanted = Set(paths)
        for entry in Self.split(listing) {
            // "<mode> <blob> <stage>\t<path>"
            guard let tab = entry.firstIndex(of: "\t") else { continue }
            let fields = entry[..<tab].split(separator: " ")
            let path = String(entry[entry.index(after: tab)...])
            guard fields.count == 3, wanted.contains(path), fields[2] == "0" else { continue }
            guard fields[0] == "100644" || fields[0] == "100755" else { continue }
            staged.append(StagedFile(path: path, blob: String(fields[1]), size: 0))
        }
        // Every blob's size in one call, before any blob is read.
        let ids = staged.map(\.blob)
        if !ids.isEmpty {
            let sizes = try git.output(["cat-file", "--batch-check=%(objectname) %(objectsize)"],
                                       input: Data((ids.joined(separator: "\n") + "\n").utf8))
            var byID: [String: Int] = [:]
            for line in String(decoding: sizes, as: UTF8.self).split(separator: "\n") {
                let fields = line.split(separator: " ")
                if fields.count == 2, let size = Int(fields[1]) { byID[String(fields[0])] = size }
            }
            for index in staged.indices { staged[index].size = byID[staged[index].blob] ?? Int.max }
        }
        return (staged.sorted { $0.path < $1.path }, undecodable)
    }

    /// The content of a blob.
    public func contents(ofBlob blob: String) throws(GitError) -> [UInt8] {
        [UInt8](try git.output(["cat-file", "blob", blob]))
    }

    /// The staged content of a path (relative to the top folder), if the index has it.
    public func indexContents(of path: String) throws(GitError) -> [UInt8]? {
        let listing = try git.output(["ls-files", "--stage", "-z", "--", ":(top,literal)" + path])
        guard let entry = Self.split(listing).first, let tab = entry.firstIndex(of: "\t") else { return nil }
        let fields = entry[..<tab].split(separator: " ")
        guard fields.count == 3 else { return nil }
        return try contents(ofBlob: String(fields[1]))
    }

    /// Where git runs hooks from (honours `core.hooksPath` and linked worktrees), absolute.
    public func hooksFolder() throws(GitError) -> String {
        let output = try git.output(["rev-parse", "--git-path", "hooks"])
        let path = String(decoding: output, as: UTF8.self).trimmingCharacters(in: .newlines)
        return URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: topLevel, isDirectory: true)).standardizedFileURL.path
    }

    /// A path relative to the top folder, as the working folder sees it (`../x` when the
    /// working folder is below it).
    public func displayPath(_ repositoryPath: String) -> String {
        relative(topLevel == "/" ? "/" + repositoryPath : topLevel + "/" + repositoryPath, to: workingFolder)
    }

    func relative(_ absolute: String, to base: String) -> String {
        if absolute.hasPrefix(base + "/") { return String(absolute.dropFirst(base.count + 1)) }
        let from = base.split(separator: "/"), to = absolute.split(separator: "/")
        var common = 0
        while common < from.count && common < to.count && from[common] == to[common] { common += 1 }
        let parts = Array(repeating: "..", count: from.count - common) + to[common...].map(String.init)
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }

    static func split(_ data: Data) -> [String] {
        data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
    }
}
