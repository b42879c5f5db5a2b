import Foundation
import Checker
import LintCore
import Reporters
import Workflow

/// `GET /v1/rules` and `GET /v1/rules/{id}`: the loaded rules, and one rule explained as
/// `adlaw explain` explains it.
enum RulesJSON {
    static func list(_ rules: [Rule]) -> [[String: Any]] {
        rules.map { rule in
            ["id": rule.id.rawValue, "name": rule.name, "severity": rule.severity.rawValue,
             "sectors": rule.sectors.map(\.rawValue), "zones": rule.zones.map(\.rawValue), "kind": rule.pattern.kind.rawValue,
             "references": rule.references.map(reference), "suggestion": rule.suggestion as Any? ?? NSNull(), "tags": rule.tags]
        }
    }

    static func explain(_ id: String, in checker: Checker) -> [String: Any]? {
        let ruleID = RuleID(id)
        let overrides = checker.settings.severityOverrides
        if let check = BuiltInChecks.descriptor(ruleID) {
            return ["id": id, "name": check.name, "severity": (overrides[ruleID] ?? check.severity).rawValue,
                    "text": RuleExplainer(style: .text).render(check, examples: [], configuredSeverity: overrides[ruleID]),
                    "markdown": RuleExplainer(style: .markdown).render(check, examples: [], configuredSeverity: overrides[ruleID])]
        }
        guard let rule = checker.settings.ruleSet.rule(ruleID) else { return nil }
        var entry = list([rule])[0]
        entry["rationale"] = rule.rationale
        entry["text"] = RuleExplainer(style: .text).render(rule.descriptor, examples: rule.examples, configuredSeverity: overrides[ruleID])
        entry["markdown"] = RuleExplainer(style: .markdown).render(rule.descriptor, examples: rule.examples, configuredSeverity: overrides[ruleID])
        return entry
    }

    static func reference(_ reference: LegalReference) -> [String: Any] {
        var out: [String: Any] = ["law": reference.law, "article": reference.article, "pcode": reference.pcode]
        if let authority = reference.authority { out["authority"] = authority }
        if let penalty = reference.penalty { out["penalty"] = penalty }
        if let url = reference.url { out["url"] = url }
        return out
    }
}
