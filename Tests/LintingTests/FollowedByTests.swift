import Foundation
import LintCore
import Linting
import PCRE2Matcher
import RuleCompiler
import Testing
import TestSupport

/// `unless: followed-by`: a phrase shortly after the match, past sentence, line and segment
/// ends, cancels it (a footnote source under a ranking claim).
@Suite struct FollowedByTests {
    let rules: RuleSet

    init() throws {
        rules = try TestSupport.loadRules([
            "fair/rank.yaml": TestSupport.ruleYAML(
                id: "fair.rank", severity: "warning",
                body: """
                terms: [銷售第一]
                unless:
                  followed-by:
                    regex: ['[*※]\\s*資料來源']
                  followed-within: 20
                """,
                examples: "  match: [⟦銷售第一⟧, 全台⟦銷售第一⟧]\n  no-match: [\"銷售第一*\\n*資料來源：市調\", 銷售]"),
        ])
    }

    func matched(_ text: String) -> [String] {
        TestSupport.lint(text, rules).findings.map(\.matchedText)
    }

    @Test func aFootnoteOnALaterLineCancels() {
        #expect(matched("除濕機銷售第一名*\n大水箱。\n*資料來源：市調").isEmpty)
        #expect(matched("除濕機銷售第一名。※資料來源：市調").isEmpty)
    }

    @Test func theDistanceIsCountedFromTheMatchsEnd() {
        // 19 characters between the match and the footnote: within 20.
        #expect(matched("銷售第一" + String(repeating: "字", count: 19) + "*資料來源").isEmpty)
        // 21 characters: too far, the claim stands.
        #expect(matched("銷售第一" + String(repeating: "字", count: 21) + "*資料來源") == ["銷售第一"])
    }

    @Test func aPhraseBeforeTheMatchDoesNotCount() {
        #expect(matched("*資料來源：市調\n本店銷售第一") == ["銷售第一"])
    }

    @Test func eachMatchIsJudgedOnWhatFollowsIt() {
        let text = "銷售第一" + String(repeating: "字", count: 25) + "銷售第一名*\n*資料來源：市調"
        #expect(matched(text) == ["銷售第一"])
    }

    @Test func theSearchContinuesIntoTheNextSegment() {
        let claim = "本店銷售第一"
        let note = "*資料來源：市調"
        func lint(_ segments: [String]) -> [Finding] {
            let document = ExtractedDocument(path: "copy.md", format: "markdown",
                                             segments: segments.map { TextSegment(text: $0) },
                                             source: SourceText(segments.joined(separator: "\n\n")))
            return Linter(ruleSet: rules).lint(document, options: LintOptions(), scratch: PCRE2Engine().makeScratch()).findings
        }
        #expect(lint([claim, note]).isEmpty)
        #expect(lint([claim, String(repeating: "字", count: 30), note]).map(\.matchedText) == ["銷售第一"])
    }

    @Test func theRuleSetCacheKeepsTheException() throws {
        let data = try JSONEncoder().encode(rules)
        let decoder = JSONDecoder()
        decoder.userInfo = RegexDecodingContext(engine: PCRE2Engine()).userInfo
        let decoded = try decoder.decode(RuleSet.self, from: data)
        #expect(decoded.rules.first?.exceptions.followedBy?.within == 20)
        #expect(TestSupport.lint("銷售第一*\n*資料來源：市調", decoded).findings.isEmpty)
        #expect(TestSupport.lint("銷售第一", decoded).findings.map(\.matchedText) == ["銷售第一"])
    }
}
