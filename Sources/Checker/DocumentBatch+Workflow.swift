import AdlawConfiguration
import Extractors
import FileSelection
import Foundation
import Git
import LintCore
import Workflow

extension DocumentBatch {
    /// The staged files (added, copied, modified, renamed) of the repository around the
    /// current folder that adlaw reads, limited to `paths` when given. What is left out is
    /// said as a walk says it: hidden files and folders and other extensions in a note, names
    /// that are not UTF-8 as errors.
    static func stagedSources(limitedTo paths: [String], reader: DocumentReader, verbose: Bool = false,
                              into outcome: inout Outcome) throws(CheckError) -> [DocumentSource] {
        let repository: GitRepository
        let entries: (files: [GitRepository.StagedFile], undecodable: [String])
        do {
            repository = try GitRepository.discover(from: FileManager.default.currentDirectoryPath)
            entries = try repository.stagedEntries(limitedTo: paths)
        } catch {
            throw CheckError.input(error.description)
        }
        for name in entries.undecodable {
            outcome.inputFailed = true
            outcome.diagnostics.append(Diagnostic(code: .unreadable, level: .error, path: repository.displayPath(name),
                                                  message: "cannot read the file (its name is not valid UTF-8; rename it to check it)"))
        }
        let known = reader.knownExtensions
        var hidden: [String] = [], other: [String] = [], kept: [DocumentSource] = []
        for file in entries.files {
            let shown = repository.displayPath(file.path)
            let name = (file.path as NSString).lastPathComponent
            if ConfigFile.fileNames.contains(name) || name == FileWalker.defaultIgnoreFileName {
                continue // adlaw's own config and ignore file are not copy, as in a walk
            } else if file.path.split(separator: "/").contains(where: { $0.hasPrefix(".") || $0.hasPrefix("~$") }) {
                hidden.append(shown)
            } else if !known.contains((file.path as NSString).pathExtension.lowercased()) {
                if !file.path.hasSuffix(".adlaw") {
                    other.append(shown)
                    outcome.skipped.append(SkippedInput(path: shown, reason: .otherFormat))
                }
            } else {
                kept.append(.staged(file, repository))
            }
        }
        let root = "."
        for (paths, code, counted, each) in [
            (hidden, DiagnosticCode.hiddenFiles, "staged hidden file{s} (or Office lock file{s}) skipped", "hidden; skipped (name it to check it)"),
            (other, DiagnosticCode.skippedFiles, "staged file{s} with other extensions skipped", "not a format adlaw reads; skipped"),
        ] where !paths.isEmpty {
            if verbose {
                for path in paths { outcome.diagnostics.append(Diagnostic(code: code, level: .note, path: path, message: each)) }
                continue
            }
            let more = paths.count > 5 ? " and \(paths.count - 5) more; --verbose lists each" : ""
            outcome.diagnostics.append(Diagnostic(code: code, level: .note, path: root,
                                                  message: "\(paths.count) " + counted.replacingOccurrences(of: "{s}", with: paths.count == 1 ? "" : "s")
                                                      + ": " + paths.prefix(5).joined(separator: ", ") + more))
        }
        return kept
    }

    /// Leaves out what the config's `exclude:` globs match, however the file was named.
    static func excluding(_ sources: [DocumentSource], scope: PathScope?, into outcome: inout Outcome) -> [DocumentSource] {
        guard let scope else { return sources }
        let kept = sources.filter { !scope.isExcluded($0.path) }
        outcome.skipped += sources.filter { scope.isExcluded($0.path) }.map { SkippedInput(path: $0.path, reason: .excludedByConfig) }
        let left = sources.count - kept.count
        if left > 0 {
            outcome.diagnostics.append(Diagnostic(code: .excludedByConfig, level: .note, path: PathDisplay.relative(scope.configFile),
                                                  message: "\(left) file\(left == 1 ? "" : "s") left out by `exclude:`"))
        }
        return kept
    }
}
