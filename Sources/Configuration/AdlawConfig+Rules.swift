import LintCore
import RuleCompiler

/// The rules a run uses after the config's `rules:` section: which are on, and at what
/// severity. Built-in checks that are not pattern rules (suppression hygiene) can be
/// disabled and re-graded the same way, by id.
public struct RuleSettings: Sendable {
    /// Every loaded rule, with the configured severities. Rules are not removed here: a
    /// checklist may depend on a rule that is not reported.
    public var ruleSet: RuleSet
    /// `rules.only` and `rules.disable`, for the run's rule filter.
    public var only: [String]
    public var disable: [String]
    /// Every severity override, pattern rules and built-in checks alike.
    public var severityOverrides: [RuleID: Severity]
    /// Built-in checks turned off by `disable:`.
    public var disabledChecks: Set<RuleID>

    public init(ruleSet: RuleSet, only: [String] = [], disable: [String] = [], severityOverrides: [RuleID: Severity] = [:],
                disabledChecks: Set<RuleID> = []) {
        self.ruleSet = ruleSet
        self.only = only
        self.disable = disable
        self.severityOverrides = severityOverrides
        self.disabledChecks = disabledChecks
    }
}

extension AdlawConfig {
    /// Resolves `rules.only`, `rules.disable` and `rules.severity` against a loaded rule set.
    /// Every selector must name a loaded rule or built-in check; each one that does not is
    /// an error at its line and column.
    /// - Parameter builtInChecks: ids of the checks that are not pattern rules.
    public func applyRules(to ruleSet: RuleSet, builtInChecks: [RuleID]) throws(ConfigError) -> RuleSettings {
        let ids = ruleSet.rules.map(\.id) + builtInChecks
        var problems: [ConfigError.Problem] = []
        func check(_ selector: Positioned<String>, key: String) {
            guard !ids.contains(where: { $0.matches(selector: selector.value) }) else { return }
            let near = EditDistance.closest(to: selector.value, in: ids.map(\.rawValue))
            problems.append(ConfigError.Problem(
                file: file, line: selector.line, column: selector.column,
                message: "`\(key)`: no rule matches `\(selector.value)`",
                hint: near.map { "did you mean `\($0)`?" } ?? "`adlaw rules list` shows the ids; areas (`food`) and globs (`food.*`) work too"))
        }
        for selector in only { check(selector, key: "rules.only") }
        for selector in disable { check(selector, key: "rules.disable") }
        var overrides: [RuleID: Severity] = [:]
        for item in severityOverrides {
            check(item.rule, key: "rules.severity")
            for id in ids where id.matches(selector: item.rule.value) { overrides[id] = item.severity }
        }
        for entry in claims {
            for selector in entry.rules { check(selector, key: "claims.rules") }
        }
        for mapping in sectorMappings {
            for sector in mapping.sectors where ruleSet.sectors.resolve(sector.value) == nil {
                let near = ruleSet.sectors.suggestion(for: sector.value)
                problems.append(ConfigError.Problem(
                    file: file, line: sector.line, column: sector.column, message: "`sectors`: unknown sector `\(sector.value)`",
                    hint: (near.map { "did you mean `\($0)`? " } ?? "") + "Sectors: \(ruleSet.sectors.listing)"))
            }
        }
        if !problems.isEmpty { throw ConfigError(problems.sorted { ($0.line, $0.column) < ($1.line, $1.column) }) }

        var copy = ruleSet
        copy.rules = ruleSet.rules.map { rule in overrides[rule.id].map(rule.withSeverity) ?? rule }
        // `only: [food]` keeps the built-in checks: they are about the suppressions themselves.
        let disabled = Set(builtInChecks.filter { id in disable.contains { id.matches(selector: $0.value) } })
        return RuleSettings(ruleSet: copy, only: only.map(\.value), disable: disable.map(\.value),
                            severityOverrides: overrides, disabledChecks: disabled)
    }
}
