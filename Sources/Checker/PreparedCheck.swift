import AdlawConfiguration
import Foundation
import Extractors
import LintCore
import Linting
import Workflow

/// A run's options resolved against a `Checker` once, for many runs: rule selection, the
/// triage's setup, the reader and the lint options. `Checker.run` makes one per call; the
/// batch mode keeps one for every record and the server one per request, so a small
/// document pays only for reading, linting and triage, as one file of a large run does.
///
/// ```swift
/// let prepared = try checker.prepare(options)
/// let scratch = checker.makeScratch()          // one per worker thread
/// for record in records {
///     let result = try prepared.run(.documents([record]), scratch: scratch)
/// }
/// ```
public struct PreparedCheck: Sendable {
    public let checker: Checker
    public let options: CheckOptions
    public let selection: RuleSelection
    let lintOptions: LintOptions
    let triage: Triage
    let scope: PathScope?
    let reader: DocumentReader
    /// Notes about the setup itself, on every run (a configured baseline not written yet).
    var notes: [Diagnostic] = []
    /// Files checked at a time: `options.jobs`, else the cores this process may use, asked
    /// once (Foundation reads the cgroup quota files each time: 5% of a batch record).
    let jobs: Int

    init(checker: Checker, options: CheckOptions, selection: RuleSelection, lintOptions: LintOptions, triage: Triage,
         scope: PathScope?, reader: DocumentReader) {
        self.checker = checker
        self.options = options
        self.selection = selection
        self.lintOptions = lintOptions
        self.triage = triage
        self.scope = scope
        self.reader = reader
        jobs = max(1, options.jobs ?? ProcessInfo.processInfo.activeProcessorCount)
    }

    /// Reads and checks `inputs`, then applies suppressions, claims and the baseline.
    /// - Parameters:
    ///   - sectors: sectors forced for this run instead of `options.sectors` (a batch
    ///     record's own); checked against the rule pack.
    ///   - scratch: the calling worker's scratch (`Checker.makeScratch`); the inputs are
    ///     then checked one after another on the calling thread. Nil: `options.jobs` workers,
    ///     each with its own.
    ///   - deadline: inputs not started by then are not read; each is an error diagnostic
    ///     (`limit-exceeded`), so the result is incomplete, never clean.
    /// A note naming the selected rules that did not run because the law they cite was not in
    /// force on the day checked (`--as-of` before a provision took effect), so that their
    /// silence is not read as "checked and clean".
    var notInForce: [Diagnostic] {
        let filter = selection.filter
        let skipped = checker.ruleSet.inactiveRules.map(\.id).filter { id in
            (filter.only.isEmpty || filter.only.contains { id.matches(selector: $0) })
                && !filter.disable.contains { id.matches(selector: $0) }
        }
        guard !skipped.isEmpty else { return [] }
        let day = checker.ruleSet.lawsAsOf.map { "\($0)" } ?? "the day checked"
        let shown = skipped.prefix(8).map(\.rawValue).joined(separator: ", ")
        let more = skipped.count > 8 ? " and \(skipped.count - 8) more" : ""
        let rules = skipped.count == 1 ? "1 rule did" : "\(skipped.count) rules did"
        return [Diagnostic(code: .rulesNotInForce, level: .note, path: "adlaw",
                           message: "law as of \(day): \(rules) not run because no provision they cite was in force that day: \(shown)\(more); `adlaw laws show PCODE --as-of \(day)` shows what was")]
    }

    public func run(_ inputs: CheckInputs, sectors: [String]? = nil, scratch: (any RegexScratch)? = nil,
                    deadline: ContinuousClock.Instant? = nil) throws(CheckError) -> CheckResult {
        var lintOptions = lintOptions
        if let sectors { lintOptions.sectors = try checker.forcedSectors(sectors) }
        var triage = triage
        // A server or a batch may run past midnight: claims expire by the day of the run.
        if options.today == nil { triage.today = .today() }
        var batch = DocumentBatch(linter: checker.linter, reader: reader, options: lintOptions, engine: checker.engine, jobs: jobs)
        batch.scope = scope
        batch.collectsDirectives = true
        batch.deadline = deadline

        var outcome = DocumentBatch.Outcome()
        var sources: [DocumentSource]
        switch inputs {
        case let .paths(paths):
            sources = DocumentBatch.sources(paths: paths, reader: reader, walk: options.walk, into: &outcome)
        case let .standardInput(name):
            sources = [.standardInput(name)]
        case let .staged(paths):
            sources = try DocumentBatch.stagedSources(limitedTo: paths, reader: reader, verbose: options.walk.verbose, into: &outcome)
        case let .documents(documents):
            sources = documents.map { .memory($0) }
        }
        sources = DocumentBatch.excluding(sources, scope: scope, into: &outcome)
        if let scratch { batch.run(sources, scratch: scratch, into: &outcome) } else { batch.run(sources, into: &outcome) }
        let applied = triage.apply(outcome.findings, directives: outcome.directives,
                                   checkedPaths: outcome.results.map(\.path), claimsFile: checker.config?.file)
        var result = CheckResult(documents: outcome.results, diagnostics: checker.notes + notes + notInForce + outcome.diagnostics + applied.diagnostics, triage: applied,
                                 selection: selection, ruleSet: checker.ruleSet, inputFailed: outcome.inputFailed)
        result.skipped = outcome.skipped.sorted { $0.path < $1.path }
        return result
    }
}
