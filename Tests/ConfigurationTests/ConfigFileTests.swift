import AdlawConfiguration
import Foundation
import LintCore
import Testing
import TestSupport

@Suite struct ConfigFileTests {
    static func parse(_ text: String) throws(ConfigError) -> AdlawConfig {
        try ConfigFile.parse(text, file: "/repo/.adlaw.yml", directory: "/repo")
    }

    static func problems(_ text: String) -> [ConfigError.Problem] {
        do {
            _ = try parse(text)
            return []
        } catch {
            return error.problems
        }
    }

    @Test func readsEverySection() throws {
        let config = try Self.parse("""
        version: 1
        fail-on: error
        min-severity: warning
        rules:
          builtin: false
          folders: [compliance/rules]
          only: [food, "fair-trade.*"]
          disable: fair-trade.superlative
          severity:
            consumer-protection.no-return: warning
        sectors:
          - paths: ["products/food/**", "*.food.md"]
            sectors: [food]
        exclude: ["drafts/**"]
        baseline: .adlaw-baseline.json
        claims:
          - id: no1
            text: 銷售第一
            rules: [fair-trade.superlative]
            paths: ["products/**"]
            evidence: 2025 年通路調查
            approved-by: 法務 王小明
            approved-on: 2025-01-10
            expires: 2026-06-30
          - pattern: '99(\\.9)?% 抗菌'
            evidence: SGS 報告
            approved-by: 法務
            expires: 2027-01-01
        """)
        #expect(config.failOn == .error)
        #expect(config.minSeverity == .warning)
        #expect(config.builtinRules == false)
        #expect(config.ruleFolders.map(\.value) == ["compliance/rules"])
        #expect(config.only.map(\.value) == ["food", "fair-trade.*"])
        #expect(config.disable.map(\.value) == ["fair-trade.superlative"])
        #expect(config.severityOverrides.map(\.rule.value) == ["consumer-protection.no-return"])
        #expect(config.severityOverrides.first?.severity == .warning)
        #expect(config.severityOverrides.first?.rule.line == 10)
        #expect(config.sectorMappings.first?.paths.map(\.value) == ["products/food/**", "*.food.md"])
        #expect(config.exclude.map(\.value) == ["drafts/**"])
        #expect(config.baseline?.value == ".adlaw-baseline.json")
        #expect(config.claims.count == 2)
        let first = config.claims[0].claim
        #expect(first.id == "no1" && first.text == "銷售第一" && first.expires == CalendarDate(year: 2026, month: 6, day: 30))
        #expect(first.approvedOn == CalendarDate(year: 2025, month: 1, day: 10))
        #expect(first.origin.line == 17)
        #expect(config.claims[1].claim.id == #"99(\.9)?% 抗菌"#, "a claim without an id is named by its wording")
    }

    @Test func anEmptyOrCommentOnlyFileIsTheDefaults() throws {
        let config = try Self.parse("# nothing yet\n\n")
        #expect(config.failOn == nil && config.claims.isEmpty && config.version == 1)
    }

    @Test func unknownKeysAreErrorsWithPositionAndSuggestion() {
        let problems = Self.problems("version: 1\nfail_on: error\n")
        #expect(problems.count == 1)
        #expect(problems.first?.description == "/repo/.adlaw.yml:2:1: error: unknown key `fail_on`\n  hint: did you mean `fail-on`?")
        let nested = Self.problems("rules:\n  disabled: [x]\n")
        #expect(nested.first?.line == 2 && nested.first?.column == 3)
        #expect(nested.first?.message == "unknown key `rules.disabled`")
    }

    @Test func badValuesAreReportedAtTheirValue() {
        let problems = Self.problems("fail-on: sometimes\nmin-severity: fatal\nrules:\n  severity:\n    a.b: high\n")
        #expect(problems.map { "\($0.line):\($0.column)" } == ["1:10", "2:15", "5:10"])
        #expect(problems[0].hint == "use one of: error, warning, info, never")
    }

    @Test func yamlSyntaxErrorsHaveALineAndColumn() {
        let problems = Self.problems("rules:\n  only: [food\nfail-on: error\n")
        #expect(problems.count == 1)
        #expect(problems.first?.message.hasPrefix("YAML syntax error") == true)
        #expect((problems.first?.line ?? 0) >= 2)
    }

    @Test func claimsNeedEvidenceAnApproverAndARealExpiryDate() {
        #expect(Self.problems("claims:\n  - text: 第一\n    approved-by: 法務\n    expires: 2026-01-01\n").first?.message == "missing required key `claims.evidence`")
        let badDate = Self.problems("claims:\n  - text: 第一\n    evidence: 報告\n    approved-by: 法務\n    expires: 2026-02-30\n")
        #expect(badDate.first?.message == "`claims.expires` must be a date, YYYY-MM-DD (got `2026-02-30`)")
        #expect(badDate.first?.line == 5 && badDate.first?.column == 14)
        let both = Self.problems("claims:\n  - text: 第一\n    pattern: 第一\n    evidence: 報告\n    approved-by: 法務\n    expires: 2026-01-01\n")
        #expect(both.first?.message == "a claim has `text:` or `pattern:`, not both")
        let neither = Self.problems("claims:\n  - evidence: 報告\n    approved-by: 法務\n    expires: 2026-01-01\n")
        #expect(neither.first?.line == 2 && neither.first?.column == 5)
    }

    @Test func duplicateClaimIdsAreRejected() {
        let text = "claims:\n  - text: 第一\n    evidence: a\n    approved-by: b\n    expires: 2026-01-01\n  - text: 第一\n    evidence: c\n    approved-by: d\n    expires: 2026-01-01\n"
        #expect(Self.problems(text).first?.message == "duplicate claim id `第一` (first at line 2)")
    }

    @Test func anUnsupportedVersionIsAnError() {
        #expect(Self.problems("version: 2\n").first?.message == "unsupported config version 2")
    }

    @Test func theInitTemplateIsAValidConfigWithTheDefaults() throws {
        let config = try Self.parse(ConfigTemplate.text)
        #expect(config.failOn == .warning && config.minSeverity == .info && config.builtinRules == true)
        #expect(config.claims.isEmpty && config.exclude.isEmpty && config.sectorMappings.isEmpty)
    }

    @Test func theLocatorFindsTheNearestConfigUpwards() throws {
        let root = TestSupport.temporaryFolder("adlaw-config")
        defer { TestSupport.remove(root) }
        try TestSupport.write([".adlaw.yml": "fail-on: error\n", "team/.adlaw.yml": "fail-on: info\n", "team/a/b/copy.md": "x"], in: root)
        let locator = ConfigLocator()
        #expect(locator.find(from: root.appendingPathComponent("team/a/b").path) == root.appendingPathComponent("team/.adlaw.yml").standardizedFileURL.path)
        #expect(locator.find(from: root.path) == root.appendingPathComponent(".adlaw.yml").standardizedFileURL.path)
        // A folder named .adlaw.yml is not a config.
        let other = TestSupport.temporaryFolder("adlaw-config")
        defer { TestSupport.remove(other) }
        try FileManager.default.createDirectory(at: other.appendingPathComponent("x/.adlaw.yml"), withIntermediateDirectories: true)
        #expect(locator.find(from: other.appendingPathComponent("x").path) == nil || !locator.find(from: other.appendingPathComponent("x").path)!.hasPrefix(other.path))
    }

    @Test func calendarDatesRejectDaysThatDoNotExist() {
        #expect(CalendarDate("2024-02-29") != nil)
        #expect(CalendarDate("2025-02-29") == nil)
        #expect(CalendarDate("2025-13-01") == nil)
        #expect(CalendarDate("2025-1-01") == nil)
        #expect(CalendarDate("2025-01-31")!.days(until: CalendarDate("2025-03-01")!) == 29)
    }
}
