import LintCore
import PCRE2Matcher
import Testing
import Workflow

/// Approved claims: a finding on the approved wording does not count until the claim
/// expires; then it fails again, shown with the claim.
@Suite struct ClaimTests {
    static func claim(_ id: String, text: String? = nil, pattern: String? = nil, rules: [String] = [], paths: [String] = [],
                      expires: String = "2026-06-30") -> SubstantiatedClaim {
        SubstantiatedClaim(id: id, text: text, pattern: pattern, rules: rules, paths: paths, evidence: "2025 年通路調查",
                           approvedBy: "法務 王小明", approvedOn: nil, expires: CalendarDate(expires)!,
                           origin: SourceOrigin(file: ".adlaw.yml", line: 3))
    }

    static func run(_ text: String, claims: [SubstantiatedClaim], today: CalendarDate = CalendarDate(year: 2026, month: 1, day: 1),
                    name: String = "copy.md", coveredPaths: Set<String> = []) throws -> Triage.Outcome {
        let linted = try Fixture.lint(text, name: name)
        var triage = Fixture.triage(linted, today: today)
        triage.claims = try ClaimMatcher(claims: claims, engine: PCRE2Engine()) { globs, path in
            globs.contains { coveredPaths.contains("\($0)|\(path)") }
        }
        return triage.apply(linted.findings, directives: [], checkedPaths: [name], claimsFile: ".adlaw.yml")
    }

    @Test func aMatchingClaimSubstantiatesTheFinding() throws {
        let outcome = try Self.run("本店是全台第一品牌。\n", claims: [Self.claim("no1", text: "全台第一品牌")])
        #expect(outcome.open.isEmpty)
        guard case let .substantiated(claim)? = outcome.waived.first?.waiver else { Issue.record("not substantiated"); return }
        #expect(claim.id == "no1" && claim.evidence == "2025 年通路調查")
        #expect(outcome.claims.first?.matches == 1)
        #expect(outcome.diagnostics.isEmpty)
    }

    @Test func theClaimMustOverlapTheFlaggedText() throws {
        // The approved wording is elsewhere on the line: the finding is not on the claim.
        let outcome = try Self.run("全台第一品牌，喝了就能治療失眠。\n", claims: [Self.claim("no1", text: "全台第一品牌")])
        #expect(outcome.open.map(\.ruleID.rawValue) == ["claims.medical"])
        #expect(outcome.waived.map(\.finding.ruleID.rawValue) == ["claims.first-brand"])
    }

    @Test func textIsComparedAsRulesSeeIt() throws {
        // 臺 in the copy, 台 in the claim: the variant is folded as rule terms are.
        let outcome = try Self.run("臺灣第一品牌\n", claims: [Self.claim("no1", text: "台灣第一品牌")])
        #expect(outcome.open.isEmpty && outcome.waived.count == 1)
    }

    @Test func rulesAndPathsLimitAClaim() throws {
        let wrongRule = try Self.run("全台第一品牌\n", claims: [Self.claim("no1", text: "第一品牌", rules: ["returns"])])
        #expect(wrongRule.open.count == 1)
        let areaRule = try Self.run("全台第一品牌\n", claims: [Self.claim("no1", text: "第一品牌", rules: ["claims.*"])])
        #expect(areaRule.open.isEmpty)
        let otherPath = try Self.run("全台第一品牌\n", claims: [Self.claim("no1", text: "第一品牌", paths: ["products/**"])])
        #expect(otherPath.open.count == 1)
        let coveredPath = try Self.run("全台第一品牌\n", claims: [Self.claim("no1", text: "第一品牌", paths: ["products/**"])],
                                       coveredPaths: ["products/**|copy.md"])
        #expect(coveredPath.open.isEmpty)
    }

    @Test func patternsMatchVariableWording() throws {
        let claim = Self.claim("sales", pattern: "(全台|全國)第一品牌")
        #expect(try Self.run("全國第一品牌\n", claims: [claim]).open.isEmpty)
        #expect(try Self.run("亞洲第一品牌\n", claims: [claim]).open.count == 1)
    }

    @Test func anExpiredClaimFailsAgainAndIsShownWithTheFinding() throws {
        let outcome = try Self.run("全台第一品牌\n", claims: [Self.claim("no1", text: "第一品牌", expires: "2025-12-31")])
        #expect(outcome.open.count == 1)
        #expect(outcome.expiredClaims.first?.claim.id == "no1")
        #expect(outcome.claims.first?.expired == true)
        #expect(outcome.diagnostics.first?.code == .claimExpired)
        #expect(outcome.diagnostics.first?.line == 3)
    }

    @Test func theExpiryDayItselfIsStillValidAndSoonIsAWarning() throws {
        let lastDay = try Self.run("全台第一品牌\n", claims: [Self.claim("no1", text: "第一品牌", expires: "2026-01-01")])
        #expect(lastDay.open.isEmpty)
        #expect(lastDay.diagnostics.first?.code == .claimExpiring)
        #expect(lastDay.diagnostics.first?.message.contains("in 0 days") == true)
    }

    @Test func aPatternThatDoesNotCompileNamesItsClaim() {
        #expect(throws: ClaimMatcher.PatternError.self) {
            try ClaimMatcher(claims: [Self.claim("bad", pattern: "(第一")], engine: PCRE2Engine()) { _, _ in true }
        }
    }
}
