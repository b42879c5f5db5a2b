import Configuration
import Extractors
import Foundation
import LintCore
import Linting
import PCRE2Matcher
import Workflow

/// What `check` and `audit` share: the config, the rules with their settings and
/// selection, the documents read and linted, and the triage of the findings
/// (suppressions, substantiated claims, the baseline).
struct LintSession {
    /// The choices of one command line.
    struct Request {
        var paths: [String]
        var stdinFilename: String?
        var sectors: [String]
        var inferSectors = true
        var includeChecklists = false
        var minSeverity: Severity?
        var walk = WalkOptions()
        var staged = false
        var baseline: String?
        /// Set when the run writes a new baseline: the old one is read only if it exists.
        var writesBaseline = false
        var maxFileSize = DocumentReader.defaultMaxFileSize
        /// Files checked at a time (nil: one per CPU core).
        var jobs: Int?
        /// The command's name, for messages (`check`, `audit`).
        var command: String
    }

    let config: AdlawConfig?
    let fullSet: RuleSet
    let settings: RuleSettings
    /// The rules whose findings are reported.
    let reported: [Rule]
    let minSeverity: Severity
    let outcome: DocumentBatch.Outcome
    let triage: Triage.Outcome

    /// Loads the config and rules, reads and lints the inputs, and triages the findings.
    init(_ request: Request, rules: RuleSetOptions, selection: RuleSelectionOptions) throws {
        config = try rules.configOptions.load()
        let engine = PCRE2Engine()
        fullSet = try rules.load(engine: engine, config: config)
        do {
            settings = try config?.applyRules(to: fullSet, builtInChecks: BuiltInChecks.ids) ?? RuleSettings(ruleSet: fullSet)
        } catch {
            throw CLIError.config(error)
        }
        minSeverity = request.minSeverity ?? config?.minSeverity ?? .info
        // `--only` replaces the config's `only`; `--disable` adds to its `disable`.
        _ = try selection.filter(for: fullSet, minSeverity: minSeverity)
        let filter = RuleFilter(only: selection.only.isEmpty ? settings.only : selection.only,
                                disable: settings.disable + selection.disable, minSeverity: minSeverity)
        reported = settings.ruleSet.rules.filter { filter.includes($0) && (request.includeChecklists || $0.pattern.kind != .checklist) }
        let forced = try SectorArguments.parse(request.sectors, known: fullSet.sectors)
        let scope = config.map { PathScope(config: $0) }
        let reader = DocumentReader(maxFileSize: request.maxFileSize)
        let options = LintOptions(sectors: forced, inferSectors: request.inferSectors,
                                  includeChecklists: request.includeChecklists, filter: filter)
        var batch = DocumentBatch(ruleSet: settings.ruleSet, reader: reader, options: options, engine: engine)
        batch.scope = scope
        batch.collectsDirectives = true
        if let jobs = request.jobs { batch.jobs = max(1, jobs) }
        batch.prefilterCache = rules.prefilterCache()
        let triage = try Self.makeTriage(request, config: config, engine: engine, fullSet: fullSet, reported: reported,
                                         settings: settings, minSeverity: minSeverity)

        var outcome = DocumentBatch.Outcome()
        var sources: [DocumentSource]
        if request.staged {
            if request.paths.contains("-") {
                throw CLIError.usage("--staged reads the git index; it cannot be combined with `-` (standard input)")
            }
            sources = try DocumentBatch.stagedSources(limitedTo: request.paths, reader: reader)
        } else {
            sources = try DocumentBatch.sources(paths: request.paths, stdinFilename: request.stdinFilename, reader: reader,
                                                walk: request.walk, command: request.command, into: &outcome)
        }
        sources = DocumentBatch.excluding(sources, scope: scope, into: &outcome)
        batch.run(sources, into: &outcome)
        self.outcome = outcome
        self.triage = triage.apply(outcome.findings, directives: outcome.directives,
                                   checkedPaths: outcome.results.map(\.path), claimsFile: config?.file)
    }

    /// Diagnostics of reading, linting and triage.
    var diagnostics: [Diagnostic] { outcome.diagnostics + triage.diagnostics }

    /// The rules described in reports: the reported rules and the built-in checks that are on.
    var describedRules: [RuleDescriptor] {
        reported.map(\.descriptor) + BuiltInChecks.all.filter { !settings.disabledChecks.contains($0.id) }.map { check in
            var check = check
            check.severity = settings.severityOverrides[check.id] ?? check.severity
            return check
        }
    }

    /// Suppressions, claims and the baseline, set up from the config and the options.
    private static func makeTriage(_ request: Request, config: AdlawConfig?, engine: PCRE2Engine, fullSet: RuleSet,
                                   reported: [Rule], settings: RuleSettings, minSeverity: Severity) throws -> Triage {
        var triage = Triage(knownRules: fullSet.rules.map(\.id), selectedRules: Set(reported.map(\.id)), today: .today())
        triage.disabledChecks = settings.disabledChecks
        triage.severityOverrides = settings.severityOverrides
        triage.minSeverity = minSeverity
        do { triage.claims = try config?.claimMatcher(engine: engine) } catch { throw CLIError.config(error) }
        let baselinePath = request.baseline ?? config?.baselinePath
        // When a new baseline is written, the old one is read (if it exists) only to be replaced.
        if let baselinePath, !request.writesBaseline || FileManager.default.fileExists(atPath: baselinePath) {
            do { triage.baseline = try Baseline.load(path: PathDisplay.relative(baselinePath)) } catch {
                if !request.writesBaseline { throw CLIError.input(error.description) }
            }
        }
        return triage
    }
}
