@testable import Checker
import Foundation
import LintCore
import PatternSearch
import PCRE2Matcher
import Testing
import TestSupport

/// A rule whose phrases compile to about three times PCRE2's limit is held in pieces
/// (`PatternSplitter`): it loads, reports the same spans, its `unless` lists (themselves
/// split) and the clause scope of safe harbours still apply, the prefilter knows its
/// literals, and the rule-set cache gives it back in pieces with the same findings.
@Suite struct SplitRuleTests {
    /// Fewer than the 4,096 literals the prefilter's analysis keeps, but long: about three
    /// times the limit in all.
    static let claims = TestSupport.hanTerms(3_900, seed: 7, length: 12)
    static let insides = TestSupport.hanTerms(12_000, seed: 8)
    static let sources = TestSupport.hanTerms(12_000, seed: 9)

    static func files() -> [String: String] {
        let body = """
        terms: [\((claims + ["保證有效", "根治"]).joined(separator: ", "))]
        unless:
          inside: [\((insides + ["保證有效期限"]).joined(separator: ", "))]
          preceded-by: [$negations]
          sentence-has: [\((sources + ["臨床報告"]).joined(separator: ", "))]
        """
        return [
            "laws.yaml": TestSupport.lawsYAML, "sectors.yaml": TestSupport.sectorsYAML,
            "lexicons/negations.yaml": TestSupport.negationsYAML,
            "lexicons/polarity.yaml": "negators: [$negations, 沒有]\nwithin: 8\n",
            "a/split.yaml": TestSupport.ruleYAML(id: "a.split", body: body, examples: """
              match: [本品⟦保證有效⟧, 可以⟦根治⟧，沒有臨床報告]
              no-match: [保證有效期限內, 不能根治, 可以根治，臨床報告指出]
            """),
        ]
    }

    static let texts = [
        "本品保證有效。", "保證有效期限內都可以退。", "不能根治。", "可以根治，臨床報告指出。", "可以根治，沒有臨床報告。",
        "前文\(claims[3_000])後文，\(claims[17])。", "\(claims[3_899])\(insides[3])。", "說\(claims[2_000])，\(sources[6_000])。",
    ]

    static func sources(_ folder: URL, cache: URL?) -> RuleSources {
        var sources = RuleSources()
        sources.builtinFolder = folder.path
        sources.config = .none
        sources.cacheDirectory = cache?.path
        return sources
    }

    @Test func aRuleThreeTimesOverTheLimitFindsTheSameSpansAndExceptions() throws {
        let folder = TestSupport.temporaryFolder("split-rules")
        defer { TestSupport.remove(folder) }
        try TestSupport.write(Self.files(), in: folder)
        let ruleSet = try Checker(Self.sources(folder, cache: nil)).ruleSet
        let rule = try #require(ruleSet.rule(RuleID("a.split")))
        let match = try #require(rule.compiledPatterns.first { $0.label == "match" }?.regex as? PCRE2Regex)
        #expect(match.pieceCount >= 4)
        #expect(match.compiledSizes.reduce(0, +) > 2 * PCRE2Engine.compiledSizeLimit)
        #expect(match.compiledSizes.allSatisfy { $0 <= PCRE2Engine.defaultSplitAbove })
        #expect(rule.compiledPatterns.filter { ($0.regex as? PCRE2Regex)?.pieceCount ?? 1 > 1 }.count >= 3)

        // The examples pass (spans, `inside`, `preceded-by`, `sentence-has` and a safe
        // harbour negated in its clause).
        let found = Self.texts.map { TestSupport.lint($0, ruleSet).findings.filter { $0.ruleID == rule.id }.map(\.matchedText) }
        #expect(found == [["保證有效"], [], [], [], ["根治"], [Self.claims[3_000], Self.claims[17]], [Self.claims[3_899]], []])

        // The prefilter analyses the whole pattern: its literals are the rule's terms.
        let prefilter = Prefilter(ruleSet: ruleSet)
        let analysis = try #require(prefilter.analysis(of: match))
        #expect(analysis.failure == nil)
        let literals = Set(try #require(analysis.requirement).literals)
        #expect(literals.contains(Array("保證有效".utf8)) && literals.contains(Array(Self.claims[3_000].utf8)))
    }

    @Test func theCacheGivesASplitRuleBackInPieces() throws {
        let folder = TestSupport.temporaryFolder("split-rules")
        let cache = TestSupport.temporaryFolder("split-cache")
        let inputs = TestSupport.temporaryFolder("split-inputs")
        defer { for url in [folder, cache, inputs] { TestSupport.remove(url) } }
        try TestSupport.write(Self.files(), in: folder)
        var files: [String: String] = [:]
        for (index, text) in Self.texts.enumerated() { files["t\(index).txt"] = text }
        try TestSupport.write(files, in: inputs)

        func sources(_ cache: URL?) -> RuleSources { Self.sources(folder, cache: cache) }
        let fresh = try Checker(sources(nil))
        _ = try Checker(sources(cache))
        let cached = try Checker(sources(cache))
        #expect(cached.linter.prefilter?.newlyAnalysed == 0)
        let rule = try #require(cached.ruleSet.rule(RuleID("a.split")))
        let pieces = rule.compiledPatterns.map { ($0.regex as? PCRE2Regex)?.pieceCount ?? 0 }
        let freshRule = try #require(fresh.ruleSet.rule(RuleID("a.split")))
        #expect(pieces == freshRule.compiledPatterns.map { ($0.regex as? PCRE2Regex)?.pieceCount ?? 0 })
        #expect(pieces.contains { $0 >= 4 })

        var options = CheckOptions()
        options.rules = sources(nil)
        options.jobs = 1
        let a = try fresh.run(.paths([inputs.path]), options: options)
        let b = try cached.run(.paths([inputs.path]), options: options)
        #expect(a.documents.count == Self.texts.count)
        #expect(a.documents.map(\.findings) == b.documents.map(\.findings))
        #expect(a.documents.reduce(0) { $0 + $1.findings.count } >= 5)
    }
}
