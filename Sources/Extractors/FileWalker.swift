import Foundation
import LintCore

/// Expands the paths given on the command line into files to check: folders are walked
/// recursively (hidden entries skipped, symbolic-link loops detected), files named
/// explicitly are always checked, and the result is sorted.
public struct FileWalker: Sendable {
    /// Extensions read when walking folders (lower case, no dot).
    public var extensions: Set<String>

    public init(extensions: Set<String>) { self.extensions = extensions }

    public struct Result: Sendable {
        public var files: [String]
        public var diagnostics: [Diagnostic]
        public var errors: [ExtractionError]
    }

    public func expand(_ paths: [String]) -> Result {
        var result = Result(files: [], diagnostics: [], errors: [])
        var seen = Set<String>()
        let fm = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else {
                result.errors.append(.notFound(path: path))
                continue
            }
            if isDirectory.boolValue {
                var visitedDirectories = Set<String>()
                walk(path, into: &result, seen: &seen, visited: &visitedDirectories)
            } else if seen.insert(path).inserted {
                result.files.append(path)
            }
        }
        return result
    }

    private func walk(_ root: String, into result: inout Result, seen: inout Set<String>, visited: inout Set<String>) {
        let fm = FileManager.default
        // An explicit stack, not recursion: deep trees cannot exhaust the call stack.
        var stack = [root]
        var skipped = 0
        while let directory = stack.popLast() {
            let real = (try? fm.destinationOfSymbolicLink(atPath: directory)).map {
                ($0 as NSString).isAbsolutePath ? $0 : ((directory as NSString).deletingLastPathComponent as NSString).appendingPathComponent($0)
            } ?? directory
            let canonical = URL(fileURLWithPath: real).resolvingSymlinksInPath().path
            guard visited.insert(canonical).inserted else {
                result.diagnostics.append(Diagnostic(code: "symlink-loop", level: .note, path: directory,
                                                     message: "folder already visited (symbolic-link loop); skipped"))
                continue
            }
            let entries: [String]
            do { entries = try fm.contentsOfDirectory(atPath: directory) } catch {
                result.errors.append(.unreadable(path: directory, reason: "cannot list the folder"))
                continue
            }
            var subdirectories: [String] = []
            for name in entries.sorted() where !name.hasPrefix(".") {
                let full = directory == "." ? name : (directory as NSString).appendingPathComponent(name)
                var isDirectory: ObjCBool = false
                guard fm.fileExists(atPath: full, isDirectory: &isDirectory) else { continue } // dangling link
                if isDirectory.boolValue {
                    subdirectories.append(full)
                } else if extensions.contains((name as NSString).pathExtension.lowercased()) {
                    if seen.insert(full).inserted { result.files.append(full) }
                } else {
                    skipped += 1
                }
            }
            stack += subdirectories.reversed()
        }
        if skipped > 0 {
            result.diagnostics.append(Diagnostic(code: "skipped-files", level: .note, path: root,
                                                 message: "\(skipped) file\(skipped == 1 ? "" : "s") with other extensions skipped"))
        }
        result.files.sort()
    }
}
