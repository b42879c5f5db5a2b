import Configuration
import Extractors
import Foundation
import LintCore
import Linting
import PCRE2Matcher

/// Reads and lints a list of inputs: the loop shared by `check` and `audit`. Unreadable
/// inputs become diagnostics; the other inputs are still checked.
struct DocumentBatch {
    let ruleSet: RuleSet
    let reader: DocumentReader
    let options: LintOptions
    let engine: PCRE2Engine
    /// The config's path globs: sectors by path (`sectors:` in `.adlaw.yml`).
    var scope: PathScope? = nil
    /// Collect suppression directives (comments, sidecars, notes) for the triage step.
    var collectsDirectives = false
    /// Files checked at a time (`--jobs`).
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount
    /// Where the prefilter's analyses are cached between runs; `nil`: analyse every time.
    var prefilterCache: PrefilterCache? = nil

    /// What the batch produced, in input order.
    struct Outcome {
        var results: [DocumentResult] = []
        var diagnostics: [Diagnostic] = []
        /// An input could not be read (exit code 2 at the end).
        var inputFailed = false
        /// Suppression directives of every document read (when collected).
        var directives: [SuppressionDirective] = []

        /// Findings of every document, in the stable order.
        var findings: [Finding] { results.flatMap(\.findings).inStableOrder() }

        var fileReports: [FileReport] {
            results.map {
                FileReport(path: $0.path, format: $0.format, sectors: $0.sectors.sectors, sectorSource: $0.sectors.source.rawValue,
                           inferredFrom: $0.sectors.evidence, findingCount: $0.findings.count)
            }
        }
    }

    /// The inputs for `paths`: standard input for `-` (or piped text with no path), else
    /// the files found by walking the paths.
    static func sources(paths: [String], stdinFilename: String?, reader: DocumentReader, walk: WalkOptions,
                        command: String, into outcome: inout Outcome) throws -> [DocumentSource] {
        if paths == ["-"] || (paths.isEmpty && !Terminal.stdinIsTerminal) {
            return [.standardInput(stdinFilename ?? "-")]
        }
        if paths.isEmpty {
            throw CLIError.usage("no input: give files or folders to \(command), or pipe text into `adlaw \(command)`")
        }
        if paths.contains("-") { throw CLIError.usage("`-` (standard input) cannot be mixed with paths") }
        let walked = FileWalker(extensions: reader.knownExtensions, exclude: walk.exclude, include: walk.include).expand(paths)
        outcome.diagnostics += walked.diagnostics
        for error in walked.errors {
            outcome.inputFailed = true
            outcome.diagnostics.append(Diagnostic(code: error.code, level: .error, path: error.path, message: error.description))
        }
        return walked.files.map { .file($0) }
    }

    /// Reads and lints `sources`, `jobs` files at a time, and appends the results in input
    /// order, so the output never depends on which file finished first.
    func run(_ sources: [DocumentSource], into outcome: inout Outcome) {
        let linter = Linter(ruleSet: ruleSet, prefilter: prefilterCache?.prefilter(for: ruleSet) ?? Prefilter(ruleSet: ruleSet))
        // Inputs are only read by the workers, never changed.
        let shared = ReadOnlyShared(sources)
        let checked = OrderedParallelMap.map(Array(sources.indices), width: jobs, makeState: { engine.makeScratch() }) { index, scratch in
            check(shared.value[index], linter: linter, scratch: scratch)
        }
        for one in checked {
            outcome.diagnostics += one.diagnostics
            outcome.directives += one.directives
            if one.failed { outcome.inputFailed = true }
            if let result = one.result { outcome.results.append(result) }
        }
    }

    /// What checking one input produced.
    private struct Checked: Sendable {
        var result: DocumentResult?
        var diagnostics: [Diagnostic] = []
        var directives: [SuppressionDirective] = []
        var failed = false
    }

    /// Reads and lints one input; runs on a worker thread with that worker's scratch.
    private func check(_ source: DocumentSource, linter: Linter, scratch: any RegexScratch) -> Checked {
        var out = Checked()
        let document: ExtractedDocument
        do {
            document = try source.read(with: reader)
        } catch {
            // A binary file is skipped with a warning; any other unreadable input fails the run.
            let skipped = error.code == "binary"
            out.failed = !skipped
            out.diagnostics.append(Diagnostic(code: error.code, level: skipped ? .warning : .error, path: error.path,
                                              line: error.line, column: error.column, message: error.description))
            return out
        }
        var checked = document
        checked.declaredSectors = document.declaredSectors.filter { sector in
            if ruleSet.sectors.isKnown(sector) && sector != .all { return true }
            out.diagnostics.append(Diagnostic(code: "unknown-sector", level: .warning, path: document.path, line: 1, column: 1,
                                              message: "unknown sector `\(sector)` in the front matter was ignored"))
            return false
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
        let result = linter.lint(checked, options: options, scratch: scratch)
        out.diagnostics += result.diagnostics
        out.result = result
        return out
    }
}

/// `--exclude` and `--include` globs for walking folders.
struct WalkOptions {
    var exclude: [String] = []
    var include: [String] = []
}

/// Sector options shared by `check` and `audit`.
enum SectorArguments {
    static func parse(_ values: [String], known catalog: SectorCatalog) throws -> [Sector] {
        let forced = values.flatMap { $0.split(separator: ",").map { Sector(String($0)) } }
        for sector in forced where !catalog.isKnown(sector) || sector == .all {
            throw CLIError.usage("unknown sector `\(sector)`; known sectors: \(catalog.definitions.map(\.id.rawValue).joined(separator: ", "))")
        }
        return forced
    }
}
