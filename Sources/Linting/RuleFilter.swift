import LintCore

/// Which rules a run reports: `--only`, `--disable` and `--min-severity`. Rules that a
/// selected checklist depends on still run; only the selected rules are reported.
public struct RuleFilter: Sendable, Hashable {
    /// Ids, areas or globs; empty means every rule.
    public var only: [String]
    public var disable: [String]
    public var minSeverity: Severity

    public init(only: [String] = [], disable: [String] = [], minSeverity: Severity = .info) {
        self.only = only
        self.disable = disable
        self.minSeverity = minSeverity
    }

    public static let all = RuleFilter()

    public func includes(_ rule: Rule) -> Bool {
        rule.severity >= minSeverity
            && (only.isEmpty || only.contains { rule.id.matches(selector: $0) })
            && !disable.contains { rule.id.matches(selector: $0) }
    }

    /// Selectors that select no rule in `rules` (a typo the user should hear about).
    public func unmatchedSelectors(in rules: [Rule]) -> [String] {
        (only + disable).filter { selector in !rules.contains { $0.id.matches(selector: selector) } }
    }
}
