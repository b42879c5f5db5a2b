import AdlawConfiguration
import Extractors
import Foundation
import Git
import LintCore
import Workflow

extension DocumentBatch {
    /// The staged files (added, copied, modified, renamed) of the repository around the
    /// current folder that adlaw reads, limited to `paths` when given.
    static func stagedSources(limitedTo paths: [String], reader: DocumentReader) throws(CheckError) -> [DocumentSource] {
        let repository: GitRepository
        let files: [GitRepository.StagedFile]
        do {
            repository = try GitRepository.discover(from: FileManager.default.currentDirectoryPath)
            files = try repository.stagedFiles(limitedTo: paths)
        } catch {
            throw CheckError.input(error.description)
        }
        let known = reader.knownExtensions
        return files.filter { known.contains(($0.path as NSString).pathExtension.lowercased()) }.map { .staged($0, repository) }
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
