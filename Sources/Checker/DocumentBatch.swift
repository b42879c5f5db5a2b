import AdlawConfiguration
import Extractors
import FileSelection
import Foundation
import LintCore
import Linting
import PCRE2Matcher

/// Reads and lints a list of inputs: the loop of every run. Unreadable inputs become
/// diagnostics; the other inputs are still checked.
struct DocumentBatch {
    let linter: Linter
    let reader: DocumentReader
    let options: LintOptions
    let engine: PCRE2Engine
    /// The config's path globs: sectors by path (`sectors:` in `.adlaw.yml`).
    var scope: PathScope? = nil
    /// Collect suppression directives (comments, sidecars, notes) for the triage step.
    var collectsDirectives = false
    /// Files checked at a time (`--jobs`; `PreparedCheck` says how many cores there are).
    var jobs: Int
    /// Inputs not started by then are not read (a server request's time limit): each
    /// becomes an error diagnostic, so the run is incomplete, never clean.
    var deadline: ContinuousClock.Instant?

    /// What the batch produced, in input order.
    struct Outcome {
        var results: [DocumentResult] = []
        var diagnostics: [Diagnostic] = []
        /// An input could not be read (exit code 2 at the end).
        var inputFailed = false
        /// Suppression directives of every document read (when collected).
        var directives: [SuppressionDirective] = []
        /// Every input left out (walking, `exclude:`, a file adlaw wrote, binary content).
        var skipped: [SkippedInput] = []

        /// Findings of every document, in the stable order.
        var findings: [Finding] { results.flatMap(\.findings).inStableOrder() }

        var fileReports: [FileReport] {
            results.map {
                FileReport(path: $0.path, format: $0.format, sectors: $0.sectors.sectors, sectorSource: $0.sectors.source.rawValue,
                           inferredFrom: $0.sectors.evidence, findingCount: $0.findings.count)
            }
        }
    }

    /// The files found by walking `paths`; walking problems become diagnostics.
    static func sources(paths: [String], reader: DocumentReader, walk: WalkOptions, into outcome: inout Outcome) -> [DocumentSource] {
        var walker = FileWalker(extensions: reader.knownExtensions, exclude: walk.exclude, include: walk.include)
        walker.verbose = walk.verbose
        let walked = walker.expand(paths)
        outcome.diagnostics += walked.diagnostics
        outcome.skipped += walked.skipped
        for error in walked.errors {
            outcome.inputFailed = true
            outcome.diagnostics.append(Diagnostic(code: error.code, level: .error, path: error.path, message: error.description))
        }
        return walked.files.map { .file($0, walked: !walked.named.contains($0)) }
    }

    /// Reads and lints `sources`, `jobs` files at a time, and appends the results in input
    /// order, so the output never depends on which file finished first.
    func run(_ sources: [DocumentSource], into outcome: inout Outcome) {
        let linter = linter
        // Inputs are only read by the workers, never changed.
        let shared = ReadOnlyShared(sources)
        let checked = OrderedParallelMap.map(Array(sources.indices), width: jobs, makeState: { engine.makeScratch() }) { index, scratch in
            check(shared.value[index], linter: linter, scratch: scratch)
        }
        for one in checked { append(one, to: &outcome) }
    }

    /// Reads and lints `sources` one after another on the calling thread, with its scratch.
    func run(_ sources: [DocumentSource], scratch: any RegexScratch, into outcome: inout Outcome) {
        for source in sources { append(check(source, linter: linter, scratch: scratch), to: &outcome) }
    }

    private func append(_ one: Checked, to outcome: inout Outcome) {
        outcome.diagnostics += one.diagnostics
        outcome.directives += one.directives
        outcome.skipped += one.skipped
        if one.failed { outcome.inputFailed = true }
        if let result = one.result { outcome.results.append(result) }
    }

    /// What checking one input produced.
    private struct Checked: Sendable {
        var result: DocumentResult?
        var diagnostics: [Diagnostic] = []
        var directives: [SuppressionDirective] = []
        var skipped: [SkippedInput] = []
        var failed = false
    }

    /// Reads and lints one input; runs on a worker thread with that worker's scratch.
    private func check(_ source: DocumentSource, linter: Linter, scratch: any RegexScratch) -> Checked {
        var out = Checked()
        if let deadline, ContinuousClock.now >= deadline {
            out.failed = true
            out.diagnostics.append(Diagnostic(code: .limitExceeded, level: .error, path: source.path,
                                              message: "not checked: the time limit of the check passed before this input was read"))
            return out
        }
        let document: ExtractedDocument
        do {
            document = try source.read(with: reader)
        } catch {
            // A binary file is skipped with a warning and adlaw's own output with a note; any
            // other unreadable input fails the run.
            let level: Diagnostic.Level = switch error.code {
            case .binary: .warning
            case .adlawOutput: .note
            default: .error
            }
            out.failed = level == .error
            if level != .error { out.skipped.append(SkippedInput(path: error.path, reason: error.code == .binary ? .binary : .adlawOutput)) }
            out.diagnostics.append(Diagnostic(code: error.code, level: level, path: error.path,
                                              line: error.line, column: error.column, message: error.description))
            return out
        }
        if collectsDirectives {
            let collector = DirectiveCollector()
            out.directives += collector.collect(document)
            if let sidecar = source.sidecar() {
                out.directives += collector.collect(sidecar: sidecar.text, sidecarPath: sidecar.path, documentPath: document.path)
            }
        }
        var options = options
        if let scope { options.pathSectors = scope.sectors(for: document.path) }
        let result = linter.lint(document, options: options, scratch: scratch)
        out.diagnostics += result.diagnostics
        // An error found while linting (an unknown sector in the front matter) fails the run
        // like an unreadable file: the file was checked, but not as its author meant.
        if result.diagnostics.contains(where: { $0.level == .error }) { out.failed = true }
        out.result = result
        return out
    }
}
