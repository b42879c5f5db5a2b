import LintCore
import RuleCompiler
import Testing
import TestSupport

/// A rule's pattern over PCRE2's compiled-size limit loads in pieces when it can be split;
/// when it cannot, the error names the rule, its file, line and column, and what blocks
/// the split.
@Suite struct PatternSizeErrorTests {
    /// Distinct four-character Han terms (no real words), about three times the limit.
    static let terms = TestSupport.hanTerms(12_000, seed: 11)

    @Test func aRegexOverTheLimitWithItsAlternationFirstLoads() throws {
        let set = try TestSupport.loadRules([
            "a/big.yaml": TestSupport.ruleYAML(id: "a.big", body: "regex: '(?:保證有效|\(Self.terms.joined(separator: "|")))(?:喔)?'"),
        ])
        #expect(set.rule(RuleID("a.big")) != nil)
        #expect(TestSupport.lint("本品保證有效喔", set).findings.map(\.matchedText) == ["保證有效喔"])
    }

    @Test func aPatternThatCannotBeSplitNamesTheRuleFileLineAndColumn() throws {
        let errors = TestSupport.loadErrors([
            "a/big.yaml": TestSupport.ruleYAML(id: "a.big", body: "regex: '[a-z]*(?:保證有效|\(Self.terms.joined(separator: "|")))'"),
        ])
        let error = try #require(errors.first)
        #expect(errors.count == 1)
        #expect(error.file.hasSuffix("a/big.yaml"))
        #expect(error.line == 9 && error.column == 8)
        guard case let .patternTooLarge(key, _, notSplit, owner) = error.kind else {
            Issue.record("\(error)")
            return
        }
        #expect(key == "regex")
        #expect(owner == "rule `a.big`")
        #expect(notSplit?.contains("`[a-z]*`") == true)
        #expect(error.description.contains("rule `a.big`") && error.description.contains("cannot be split"))
        #expect(error.description.contains("a/big.yaml:9:8: error:"))
    }
}
