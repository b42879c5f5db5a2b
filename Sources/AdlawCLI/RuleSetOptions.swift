import ArgumentParser
import Checker
import AdlawConfiguration
import Foundation
import LintCore
import Linting
import PCRE2Matcher

/// Where rules come from: the built-in rule pack, plus `--rules` folders that add rules or
/// override built-in ones with the same id.
public struct RuleSetOptions: ParsableArguments {
    public init() {}

    @Option(name: .customLong("rules"), help: ArgumentHelp("An extra rule folder (repeatable); its rules add to or override the built-in ones.", valueName: "dir"))
    var ruleFolders: [String] = []

    @Flag(name: .customLong("no-builtin-rules"), help: "Do not load the built-in rule pack.")
    var noBuiltinRules = false

    @Option(name: .customLong("as-of"), help: ArgumentHelp("Check against the law in force on this day, YYYY-MM-DD (default: today): citations, penalties and which rules apply follow the law's fact table.", valueName: "date"))
    var asOf: String?

    @OptionGroup var configOptions: ConfigOptions

    @Flag(name: .customLong("no-cache"), help: "Do not read or write the cache of compiled rules and their literal analysis (ADLAW_CACHE_DIR, else $XDG_CACHE_HOME/adlaw or ~/.cache/adlaw).")
    var noCache = false

    /// The rule sources these options name.
    public func sources() throws(CLIError) -> RuleSources {
        var sources = RuleSources()
        sources.builtin = !noBuiltinRules
        sources.folders = ruleFolders
        sources.config = try configOptions.choice()
        sources.cacheDirectory = noCache ? nil : CacheFolder.defaultDirectory()
        sources.lawsAsOf = try lawsAsOf()
        return sources
    }

    /// The day to resolve citations for: `--as-of`, else today.
    func lawsAsOf() throws(CLIError) -> CalendarDate {
        guard let asOf else { return .today() }
        guard let day = CalendarDate(asOf) else {
            throw .usage("--as-of `\(asOf)` is not a date; write YYYY-MM-DD, e.g. --as-of 2026-01-01")
        }
        return day
    }

    /// Loads the rule folders of the applicable config and the options.
    func load(engine: PCRE2Engine) throws(CLIError) -> RuleSet {
        try load(engine: engine, config: configOptions.load())
    }

    func load(engine: PCRE2Engine, config: AdlawConfig?) throws(CLIError) -> RuleSet {
        try RulePack.load(sources(), config: config, engine: engine)
    }
}

/// Rule selection shared by `check` and `test`.
public struct RuleSelectionOptions: ParsableArguments {
    public init() {}

    @Option(name: .customLong("only"), help: ArgumentHelp("Run only these rules: an id, an area (`food`) or a glob (`food.*`); repeatable.", valueName: "id"))
    public var only: [String] = []

    @Option(name: .customLong("disable"), help: ArgumentHelp("Do not run these rules (id, area or glob); repeatable.", valueName: "id"))
    public var disable: [String] = []

    /// The filter for `ruleSet`; selectors that select nothing are a usage error.
    func filter(for ruleSet: RuleSet) throws(CLIError) -> RuleFilter {
        try RuleSelection.validate(only: only, disable: disable, in: ruleSet.rules, inactive: ruleSet.inactiveRules.map(\.id))
        return RuleFilter(only: only, disable: disable)
    }
}

extension Severity: ExpressibleByArgument {}
