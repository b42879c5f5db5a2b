import Foundation
@testable import PatternSearch
import LintCore
import PCRE2Matcher
import RuleCompiler
import Testing
import TestSupport

/// The literal analyses kept in the rule-set cache: what is written is read back unchanged,
/// and a prefilter given them analyses nothing and is the prefilter made from scratch.
@Suite struct LiteralAnalysisArchiveTests {
    static let ruleSet: RuleSet? = try? RuleSetLoader(engine: PCRE2Engine()).load(folders: [TestSupport.rulesFolder])

    @Test func everyAnalysisOfTheShippedRulesComesBack() throws {
        let ruleSet = try #require(Self.ruleSet)
        let fresh = Prefilter(ruleSet: ruleSet)
        var results = fresh.targets.map { LiteralRequirementResult(requirement: $0.requirement, failure: $0.failure) }
        #expect(results.count > 100)
        #expect(results.contains { $0.requirement?.view == .stripped })
        #expect(results.contains { $0.requirement?.maxBefore == nil })
        // Every shipped pattern has a requirement; a pattern without one keeps its reason.
        results.append(LiteralRequirementResult(LiteralAnalysis.requirement(pattern: ".+", caseless: true)))
        #expect(results.last?.failure != nil)
        // A literal that is not UTF-8 (no analysis makes one today) is kept as bytes.
        results.append(LiteralRequirementResult(requirement: LiteralRequirement(literals: [[0xE6, 0xB2], Array("治療".utf8)], maxBefore: 2,
                                                                                  literalMaxBefore: [1, 2], view: .stripped), failure: nil))
        let data = try JSONEncoder().encode(results)
        #expect(try JSONDecoder().decode([LiteralRequirementResult].self, from: data) == results)
    }

    @Test func aPrefilterGivenTheAnalysesAnalysesNothingAndIsTheSame() throws {
        let ruleSet = try #require(Self.ruleSet)
        let fresh = Prefilter(ruleSet: ruleSet)
        #expect(fresh.newlyAnalysed > 0)
        var known: [ObjectIdentifier: LiteralRequirementResult] = [:]
        for target in fresh.targets {
            known[try #require(Prefilter.identity(of: target.regex))] = LiteralRequirementResult(requirement: target.requirement, failure: target.failure)
        }
        let cached = Prefilter(ruleSet: ruleSet) { Prefilter.identity(of: $0).flatMap { known[$0] } }
        #expect(cached.newlyAnalysed == 0)
        #expect(cached.targets.map(\.requirement) == fresh.targets.map(\.requirement))
        // A pattern the caller knows nothing of is analysed.
        let first = try #require(fresh.targets.first.flatMap { Prefilter.identity(of: $0.regex) })
        let partial = Prefilter(ruleSet: ruleSet) { Prefilter.identity(of: $0) == first ? nil : Prefilter.identity(of: $0).flatMap { known[$0] } }
        #expect(partial.newlyAnalysed == 1)
    }

    @Test func impossibleAnalysesAreRefused() throws {
        for broken in [#"{"l":[],"b":[]}"#, #"{"d":["YQ=="],"b":[-2]}"#, #"{"l":["a"],"b":[0,1]}"#, #"{"l":["YQ=="],"b":[]}"#, #"{"l":[""],"b":[0]}"#, #"{"l":["YQ=="],"b":[-2]}"#, #"{}"#] {
            #expect(throws: DecodingError.self, "\(broken)") { try JSONDecoder().decode(LiteralRequirementResult.self, from: Data(broken.utf8)) }
        }
    }
}
