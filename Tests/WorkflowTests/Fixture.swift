import Extractors
import Foundation
import LintCore
import Linting
import PCRE2Matcher
import RuleCompiler
import TestSupport
import Workflow

/// Real documents linted with the fixed rule pack in Tests/Fixtures/rules
/// (claims.medical, claims.first-brand, returns.no-return).
enum Fixture {
    static let rulesFolder = TestSupport.packageRoot.appendingPathComponent("Tests/Fixtures/rules").path

    static func ruleSet() throws -> RuleSet {
        try RuleSetLoader(engine: PCRE2Engine()).load(folders: [rulesFolder])
    }

    struct Linted {
        var document: ExtractedDocument
        var findings: [Finding]
        var directives: [SuppressionDirective]
        var ruleSet: RuleSet
    }

    /// Extracts `text` as the format of `name`, lints it for the food sector and collects
    /// its directives.
    static func lint(_ text: String, name: String = "copy.md") throws -> Linted {
        let ruleSet = try ruleSet()
        let document = try DocumentReader().read(bytes: Array(text.utf8), name: name)
        let result = Linter(ruleSet: ruleSet).lint(document, options: LintOptions(sectors: [Sector("food")]),
                                                  scratch: PCRE2Engine().makeScratch())
        return Linted(document: document, findings: result.findings, directives: DirectiveCollector().collect(document),
                      ruleSet: ruleSet)
    }

    static func triage(_ linted: Linted, today: CalendarDate = CalendarDate(year: 2026, month: 1, day: 1)) -> Triage {
        Triage(knownRules: linted.ruleSet.rules.map(\.id), selectedRules: Set(linted.ruleSet.rules.map(\.id)), today: today)
    }
}
