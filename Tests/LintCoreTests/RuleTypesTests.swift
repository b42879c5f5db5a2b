import LintCore
import Testing

@Suite struct RuleTypesTests {
    @Test func messageTemplatesFillPlaceholdersAndKeepUnknownOnes() {
        let template = MessageTemplate("「{match}」缺少{missing}；{other}")
        #expect(template.placeholders == ["match", "missing", "other"])
        #expect(template.render(["match": "啤酒", "missing": "「禁止酒駕」"]) == "「啤酒」缺少「禁止酒駕」；{other}")
    }

    @Test func ruleIDSelectorsMatchIDsAreasAndGlobs() {
        let id = RuleID("food.medical-efficacy")
        #expect(id.area == "food")
        #expect(id.matches(selector: "food"))
        #expect(id.matches(selector: "food.medical-efficacy"))
        #expect(id.matches(selector: "food.*"))
        #expect(id.matches(selector: "*.medical-*"))
        #expect(!id.matches(selector: "foo"))
        #expect(!id.matches(selector: "cosmetics.*"))
    }

    @Test func severitiesAreOrderedByRisk() {
        #expect(Severity.info < .warning && Severity.warning < .error)
    }

    @Test func comparisonsHold() {
        #expect(NumericCondition.Comparison.greaterThan.holds(6, 5))
        #expect(!NumericCondition.Comparison.greaterThan.holds(5, 5))
        #expect(NumericCondition.Comparison.atLeast.holds(5, 5))
        #expect(NumericCondition.Comparison.lessThan.holds(4, 5))
        #expect(NumericCondition.Comparison.atMost.holds(5, 5))
    }
}
