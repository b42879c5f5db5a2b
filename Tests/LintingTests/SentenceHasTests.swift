import Testing
import LintCore
import Linting
import TestSupport

/// `unless: sentence-has:` decides per sentence; many matches in one long sentence share the
/// decision (the runner scans that sentence once), and the next sentence is decided afresh.
@Suite struct SentenceHasTests {
    let set: RuleSet

    init() throws {
        set = try TestSupport.loadRules([
            "a/b.yaml": TestSupport.ruleYAML(id: "a.b", body: "terms: [感冒]\nunless:\n  sentence-has: [諮詢醫師]",
                                             examples: "  match: [⟦感冒⟧了, 又⟦感冒⟧]\n  no-match: [感冒請諮詢醫師, 諮詢醫師]"),
        ])
    }

    @Test func everyMatchOfALongSentenceFollowsItsException() {
        // 900 matches: under the cap of 1,000 findings per rule and file (Linter.maxFindingsPerRule).
        let long = String(repeating: "感冒有", count: 900)
        #expect(TestSupport.lint(long + "請諮詢醫師", set).findings.isEmpty)
        #expect(TestSupport.lint(long, set).findings.count == 900)
    }

    @Test func eachSentenceIsDecidedOnItsOwn() {
        let result = TestSupport.lint("感冒時請諮詢醫師。感冒多喝水！又感冒，再感冒\n感冒請諮詢醫師", set)
        #expect(result.findings.map(\.matchedText) == ["感冒", "感冒", "感冒"])
        #expect(result.findings.map(\.start.column) == [10, 17, 21])
    }
}
