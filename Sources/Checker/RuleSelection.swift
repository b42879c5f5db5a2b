import AdlawConfiguration
import LintCore
import Linting
import Workflow

/// Which rules a run reports, decided in one place from the config's `rules:` section and
/// the options: `only` (the options' replace the config's), `disable` (added together),
/// the minimum severity and whether campaign-plan checklists run. Rules that a selected
/// checklist depends on still run; only the selected rules are reported.
public struct RuleSelection: Sendable {
    /// The filter the Linter applies to every document.
    public let filter: RuleFilter
    public let minSeverity: Severity
    public let includeChecklists: Bool
    /// The rules whose findings are reported, with the config's severities.
    public let reported: [Rule]
    /// Built-in checks (suppression hygiene) that are on, with the config's severities.
    public let builtInChecks: [RuleDescriptor]
    /// The rules described in reports: the reported rules, then the built-in checks that are on.
    public let described: [RuleDescriptor]
    /// The rules as an audit needs them, worked out once for every document the run checks.
    public let auditIndex: CampaignAudit.RuleIndex

    public init(settings: RuleSettings, config: AdlawConfig?, options: CheckOptions) throws(CheckError) {
        minSeverity = options.minSeverity ?? config?.minSeverity ?? .info
        try Self.validate(only: options.only, disable: options.disable, in: settings.ruleSet.rules,
                          inactive: settings.ruleSet.inactiveRules.map(\.id))
        filter = RuleFilter(only: options.only.isEmpty ? settings.only : options.only,
                            disable: settings.disable + options.disable, minSeverity: minSeverity)
        includeChecklists = options.includeChecklists
        let filter = filter
        let includeChecklists = includeChecklists
        reported = settings.ruleSet.rules.filter { filter.includes($0) && (includeChecklists || $0.pattern.kind != .checklist) }
        builtInChecks = BuiltInChecks.all.filter { !settings.disabledChecks.contains($0.id) }.map { check in
            var check = check
            check.severity = settings.severityOverrides[check.id] ?? check.severity
            return check
        }
        described = reported.map(\.descriptor) + builtInChecks
        auditIndex = CampaignAudit.RuleIndex(ruleSet: settings.ruleSet, rules: described)
    }

    /// Selectors given on the command line (or in a request) must each select a rule: a
    /// typo would otherwise silently turn a rule off or select nothing. A rule that does not
    /// run on the day checked (its law not yet in force, `inactive`) still counts as a rule.
    public static func validate(only: [String], disable: [String], in rules: [Rule], inactive: [RuleID] = []) throws(CheckError) {
        let unmatched = RuleFilter(only: only, disable: disable).unmatchedSelectors(in: rules).filter { selector in
            !inactive.contains { $0.matches(selector: selector) }
        }
        if let selector = unmatched.first {
            let option = only.contains(selector) ? "--only" : "--disable"
            throw .usage("no rule matches `\(selector)` (given to \(option))\(RuleID.didYouMean(selector, among: rules.map(\.id) + inactive)) `adlaw rules list` shows the ids; areas (`food`) and globs (`food.*`) work too")
        }
    }
}
