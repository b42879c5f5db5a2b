import AdlawConfiguration
import Extractors
import Foundation
import LintCore
import Linting
import PatternSearch
import PCRE2Matcher
import Workflow

/// The library entry point of a run: inputs and `CheckOptions` in, one `CheckResult` out.
/// `adlaw check`, `adlaw audit`, the server and the batch mode all go through `run`.
///
/// Making a `Checker` loads the config and compiles the rules once (or reads them from the
/// cache); a server keeps one and runs every request on it, from any thread.
///
/// ```swift
/// let checker = try Checker(options.rules)
/// let result = try checker.run(.paths(["copy/"]), options: options)
/// print(JSONReporter().render(result.report(toolVersion: AdlawVersion.current, durationSeconds: nil)))
/// ```
public final class Checker: Sendable {
    /// The config that applies (nil: none).
    public let config: AdlawConfig?
    /// Warnings about the config: files found but not used (`RulePack.ignoredConfigs`).
    public let notes: [Diagnostic]
    /// Every loaded rule, as compiled.
    public let ruleSet: RuleSet
    /// The rules with the config's severities, and its `only`/`disable`.
    public let settings: RuleSettings
    let engine: PCRE2Engine
    let linter: Linter
    let claims: ClaimMatcher?
    /// Rule ids known to the triage (the loaded rules), listed once.
    let knownRules: [RuleID]

    /// Loads the config and the rules `sources` name, and builds the prefilter.
    public init(_ sources: RuleSources) throws(CheckError) {
        config = try RulePack.loadConfig(sources.config)
        notes = RulePack.ignoredConfigs(sources.config)
        let engine = PCRE2Engine()
        self.engine = engine
        let loaded = try RulePack.loadRules(sources, config: config, engine: engine)
        ruleSet = loaded.ruleSet
        do {
            settings = try config?.applyRules(to: ruleSet, builtInChecks: BuiltInChecks.ids) ?? RuleSettings(ruleSet: ruleSet)
            claims = try config?.claimMatcher(engine: engine)
        } catch {
            throw .config(error)
        }
        let checked = settings.ruleSet
        linter = Linter(ruleSet: checked, prefilter: loaded.prefilter(for: checked))
        knownRules = ruleSet.rules.map(\.id)
    }

    /// Loads a checker for `options.rules` and runs it once.
    public static func run(_ inputs: CheckInputs, options: CheckOptions) throws(CheckError) -> CheckResult {
        try Checker(options.rules).run(inputs, options: options)
    }

    /// Reads and checks `inputs`, then applies suppressions, claims and the baseline.
    /// `options.rules` is not read here: the rules are those the checker was made with.
    public func run(_ inputs: CheckInputs, options: CheckOptions) throws(CheckError) -> CheckResult {
        try prepare(options).run(inputs)
    }

    /// Resolves `options` once for many runs (see `PreparedCheck`): rule selection, the
    /// triage's setup, the reader and the lint options.
    public func prepare(_ options: CheckOptions) throws(CheckError) -> PreparedCheck {
        let selection = try RuleSelection(settings: settings, config: config, options: options)
        let scope = config.map { PathScope(config: $0, sectors: ruleSet.sectors) }
        var reader = DocumentReader(maxFileSize: options.maxFileSize)
        if let budget = options.memoryBudget {
            reader = DocumentReader(extractors: DocumentReader.makeExtractors(limits: ExtractionLimits(memory: budget)),
                                    maxFileSize: options.maxFileSize)
            reader.memory = budget
        }
        var lintOptions = LintOptions(sectors: try forcedSectors(options.sectors), inferSectors: options.inferSectors,
                                      includeChecklists: selection.includeChecklists, filter: selection.filter)
        lintOptions.channels = try channels(options.channels)
        lintOptions.configChannels = try channels(config?.channels.map(\.value) ?? [], source: config.map { "`channel` in \($0.file)" })
        if let name = options.publisher {
            guard let publisher = Publisher(named: name) else {
                throw .usage("unknown publisher `\(name)`; use \(Publisher.accepted)")
            }
            lintOptions.publisher = publisher
        }
        lintOptions.configPublisher = config?.publisher
        if let name = options.kind {
            guard let kind = DocumentKind(named: name) else { throw .usage("unknown kind `\(name)`; use \(DocumentKind.accepted)") }
            lintOptions.kind = kind
        }
        lintOptions.configKind = config?.kind
        var notes: [Diagnostic] = []
        let triage = try makeTriage(options, selection: selection, notes: &notes)
        var prepared = PreparedCheck(checker: self, options: options, selection: selection, lintOptions: lintOptions, triage: triage,
                                     scope: scope, reader: reader)
        prepared.notes = notes
        return prepared
    }

    /// A worker's PCRE2 match data and JIT stack, for `PreparedCheck.run(_:sectors:scratch:)`
    /// on that worker's thread.
    public func makeScratch() -> any RegexScratch { engine.makeScratch() }

    /// Sectors forced for the run, each written as a sector's id, name or alias (`食品`), or
    /// `none` (`all` is not a sector one can check as). Values may be comma-separated.
    public func forcedSectors(_ values: [String]) throws(CheckError) -> [Sector] {
        var forced: [Sector] = []
        for written in values.flatMap({ $0.split(whereSeparator: { $0 == "," || $0 == "，" || $0 == "、" }).map(String.init) }) {
            guard let sector = ruleSet.sectors.resolve(written) else {
                throw .usage(ruleSet.sectors.unknownSectorMessage(written, in: "given to --sector"))
            }
            if !forced.contains(sector) { forced.append(sector) }
        }
        return forced
    }

    /// Sales channels (`--channel`, or the config's `channel:` when `source` names it), each
    /// one the rule pack knows. Values may be comma-separated.
    public func channels(_ values: [String], source: String? = nil) throws(CheckError) -> [Channel] {
        let named = values.flatMap { $0.split(separator: ",").map { Channel(String($0)) } }
        for channel in named where !ruleSet.sectors.isKnown(channel) {
            throw .usage("unknown channel `\(channel)`\(source.map { " in \($0)" } ?? ""); known channels: \(ruleSet.sectors.channels.map(\.id.rawValue).joined(separator: ", "))")
        }
        return named
    }

    /// Suppressions, claims and the baseline, set up from the config and the options.
    private func makeTriage(_ options: CheckOptions, selection: RuleSelection,
                            notes: inout [Diagnostic]) throws(CheckError) -> Triage {
        var triage = Triage(knownRules: knownRules, selectedRules: Set(selection.reported.map(\.id)),
                            today: options.today ?? .today())
        triage.disabledChecks = settings.disabledChecks
        triage.severityOverrides = settings.severityOverrides
        triage.minSeverity = selection.minSeverity
        triage.claims = claims
        let baselinePath = options.baseline ?? config?.baselinePath
        // The config's baseline before it is first written (`adlaw init` names it): no finding
        // is accepted yet, so every one counts; a note says how to write it.
        if options.baseline == nil, !options.writesBaseline, let config, let baselinePath,
           !FileManager.default.fileExists(atPath: baselinePath) {
            let shown = PathDisplay.relative(baselinePath)
            notes.append(Diagnostic(code: .baselineMissing, level: .note, path: PathDisplay.relative(config.file),
                                   line: config.baseline?.line, column: config.baseline?.column,
                                   message: "the baseline \(shown) does not exist yet, so every finding counts; to accept today's findings, run `adlaw check --write-baseline \(shown) .` and commit it"))
            return triage
        }
        // When a new baseline is written, the old one is read (if it exists) only to be replaced.
        if let baselinePath, !options.writesBaseline || FileManager.default.fileExists(atPath: baselinePath) {
            do { triage.baseline = try Baseline.load(path: PathDisplay.relative(baselinePath)) } catch {
                if !options.writesBaseline { throw .input(error.description) }
            }
        }
        return triage
    }
}

/// adlaw's version, shown by `--version`, in reports and in cache keys.
public enum AdlawVersion {
    public static let current = "0.1.0"
}
