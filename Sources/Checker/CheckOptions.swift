import AdlawConfiguration
import Extractors
import LintCore

/// Everything a run can be asked to do differently: the one options type of `check`,
/// `audit`, the server and the batch mode. The CLI fills it from arguments, the server from
/// a request; `Checker` reads `rules` when it loads and the rest on every run.
public struct CheckOptions: Sendable {
    // MARK: Rules and config (read once, when a `Checker` is made)

    /// Where rules and the config come from.
    public var rules = RuleSources()

    // MARK: Which rules are reported (decided in `RuleSelection`)

    /// Run only these rules: ids, areas (`food`) or globs (`food.*`). Empty: the config's
    /// `rules.only`, else every rule.
    public var only: [String] = []
    /// Do not run these rules; added to the config's `rules.disable`.
    public var disable: [String] = []
    /// Report only findings at or above this; nil: the config's `min-severity`, else info.
    public var minSeverity: Severity?
    /// Run the campaign-plan checklists (`adlaw audit` always does).
    public var includeChecklists = false

    // MARK: What a document is checked as (decided per document by the Linter)

    /// Sectors forced for every document (`--sector`); they win over front matter, the
    /// config's `sectors:` globs and inference. Checked against the rule pack's sectors.
    public var sectors: [String] = []
    /// Infer sectors from the copy when nothing else gives them.
    public var inferSectors = true
    /// How the copy is sold (`--channel`: `online`, `store`), for every document; wins over
    /// front matter `channel:`, the config's `channel:` and the copy's own words. Checked
    /// against the rule pack's channels.
    /// `--kind`: `ad`, `article` or `auto`, for every document; wins over front matter
    /// `kind:` and the config's `kind:`.
    public var kind: String?
    public var channels: [String] = []
    /// Who publishes the copy (`--publisher`: `government`, `private`), for every document;
    /// wins over front matter `publisher:` and the config's `publisher:`.
    public var publisher: String?

    // MARK: Inputs

    /// `--exclude` and `--include` globs for walked folders.
    public var walk = WalkOptions()
    /// Larger files are refused with a message, never read.
    public var maxFileSize = DocumentReader.defaultMaxFileSize
    /// The memory budget of every file; nil: about ten times its size (`MemoryBudget()`).
    public var memoryBudget: MemoryBudget?
    /// Documents checked at a time; nil: one per CPU core. The result never depends on it.
    public var jobs: Int?

    // MARK: Triage

    /// A baseline file; nil: the config's `baseline:`, if any.
    public var baseline: String?
    /// The run writes a new baseline: the old one is read only if it exists.
    public var writesBaseline = false
    /// The day claims are checked for expiry; nil: today.
    public var today: CalendarDate?

    public init() {}
}

/// `--exclude` and `--include` globs for walking folders.
public struct WalkOptions: Sendable, Hashable {
    public var exclude: [String]
    public var include: [String]
    /// Name every file and folder left out in a note of its own (`--verbose`).
    public var verbose: Bool

    public init(exclude: [String] = [], include: [String] = [], verbose: Bool = false) {
        self.exclude = exclude
        self.include = include
        self.verbose = verbose
    }
}

/// Where the rules and the config of a run come from.
public struct RuleSources: Sendable, Hashable {
    /// Load the built-in rule pack (unless the config says `rules.builtin: false`).
    public var builtin = true
    /// The built-in pack's folder; nil: found by `RulesLocator`.
    public var builtinFolder: String?
    /// Extra rule folders (`--rules`), after the built-in pack and the config's folders.
    public var folders: [String] = []
    /// Which `.adlaw.yml` applies.
    public var config = ConfigChoice.nearest
    /// The cache folder for the compiled rule set and the prefilter; nil: no cache.
    public var cacheDirectory: String?
    /// The day to check against: citations, penalties and which rules run follow the law in
    /// force that day (the law fact table, docs/laws.md). nil: the newest text in force;
    /// the CLI passes today unless `--as-of` names a day.
    public var lawsAsOf: CalendarDate?

    public init() {}
}

/// Which config file applies to a run.
public enum ConfigChoice: Sendable, Hashable {
    /// The `.adlaw.yml` in the current folder or the nearest folder above it.
    case nearest
    /// This file.
    case file(String)
    /// None (`--no-config`).
    case none
}
