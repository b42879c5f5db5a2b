import LintCore
@testable import Linting
import Testing

/// `RuleID.quicklyMatches(selector:)` (the article reading's per-finding test) gives
/// `matches(selector:)`'s answer for every id and selector, ASCII or not.
@Suite struct SelectorMatchTests {
    static let ids = ["claims.medical-efficacy", "food.body-shape", "food", "pet.symptom-outcome", "fair-trade.superlative",
                      "a.b.c", "ab", "x.", ".x", "健康.食品", "food.減肥", "K.x", "\u{212A}.x", "e\u{301}.x", "\u{E9}.x"]
    static let selectors = ["claims.*", "food", "food.body-shape", "food.*", "*", "*.*", "pet.*", "fair-trade", "a", "a.b",
                            "a.*.c", "a?b", "?", "??", "x", ".x", "*.x", "food.body-shap?", "f*d.b*-shape", "*shape",
                            "健康", "健康.*", "food.減*", "K", "\u{212A}", "\u{E9}", "e\u{301}", "\u{E9}.*", "", "**", "claims.*.x"]

    @Test func theQuickTestAgreesWithMatchesSelector() {
        for id in Self.ids.map({ RuleID($0) }) {
            for selector in Self.selectors {
                #expect(id.quicklyMatches(selector: selector) == id.matches(selector: selector), "\(id) \(selector)")
            }
        }
    }

    @Test func theArticleCoverageAgrees() {
        let article = ArticleDefinition(selling: nil, signals: [], minSignals: 1,
                                        rules: ["claims.*", "food.body-shape", "pet", "cosmetics.symptom-outcome"], suffix: "")
        for id in (Self.ids + ["pet.x", "cosmetics.symptom-outcome", "cosmetics.symptom-outcome-story"]).map({ RuleID($0) }) {
            #expect(article.quicklyCovers(id) == article.covers(id), "\(id)")
        }
    }
}
