import LintCore
import Linting
import PCRE2Matcher
import Testing
import TestSupport

/// Health writing that sells nothing (hospital education, news) read as an article: its
/// health claims are reported at info with why, never dropped, and the verdict still asks a
/// reviewer to confirm it is not an ad.
@Suite struct DocumentKindTests {
    static let sectors = TestSupport.sectorsYAML + """

    article:
      selling: {terms: [購買, 本產品], regex: ['\\d+\\s*元']}
      signals:
        byline: [記者]
        institution: {regex: ['\\p{Han}{2,4}醫院']}
        generic-subject: [民眾, 患者]
      min-signals: 2
      rules: [health.*]
      suffix: （讀來為衛教或報導）
    """

    let set: RuleSet

    init() throws {
        set = try TestSupport.loadRules([
            "sectors.yaml": Self.sectors,
            "health/cure.yaml": TestSupport.ruleYAML(id: "health.cure", severity: "error", body: "terms: [治好失眠]",
                                                     examples: "  match: [⟦治好失眠⟧, 能⟦治好失眠⟧]\n  no-match: [失眠, 好眠]"),
            "other/first.yaml": TestSupport.ruleYAML(id: "other.first", severity: "warning", body: "terms: [第一品牌]",
                                                     examples: "  match: [⟦第一品牌⟧, 是⟦第一品牌⟧]\n  no-match: [品牌, 第一]"),
        ])
    }

    static let article = "記者王明報導，北城醫院提醒民眾，規律作息可以治好失眠，第一品牌之說不可信。"

    @Test func anArticleWithNoSellingSignalHasItsClaimsAtInfo() throws {
        let result = TestSupport.lint(Self.article, set)
        #expect(result.kind.kind == .article && result.kind.source == .inferred)
        #expect(result.kind.downgraded == 1)
        let cure = try #require(result.findings.first { $0.ruleID == RuleID("health.cure") })
        #expect(cure.severity == .info)
        #expect(cure.message.hasSuffix("（讀來為衛教或報導）"))
        // Rules not listed keep their severity.
        #expect(result.findings.first { $0.ruleID == RuleID("other.first") }?.severity == .warning)
        let note = try #require(result.diagnostics.first { $0.code == .readAsArticle })
        #expect(note.level == .note && note.message.contains("--kind ad") && note.message.contains("記者"))
    }

    @Test func oneSellingSignalOrTooFewArticleSignalsKeepItAnAd() throws {
        for text in [Self.article + "現在購買享優惠。", Self.article + "每盒 990 元。", "北城醫院：規律作息可以治好失眠。"] {
            let result = TestSupport.lint(text, set)
            #expect(result.kind.kind == .ad, "\(text)")
            #expect(result.findings.first { $0.ruleID == RuleID("health.cure") }?.severity == .error, "\(text)")
            #expect(!result.diagnostics.contains { $0.code == .readAsArticle })
        }
    }

    static func weighted(_ weights: String) -> String {
        TestSupport.sectorsYAML + """

        article:
          selling: [購買]
          signals:
            byline: [記者]
            institution: {regex: ['\\p{Han}{2,4}醫院']}
            generic-subject: [民眾]
            address: [您]
          \(weights)
          min-signals: 2
          rules: [health.*]
          suffix: （讀來為衛教或報導）
        """
    }

    static let cure = TestSupport.ruleYAML(id: "health.cure", severity: "error", body: "terms: [治好失眠]",
                                           examples: "  match: [⟦治好失眠⟧, 能⟦治好失眠⟧]\n  no-match: [失眠, 好眠]")

    @Test func groupWeightsAddUpAndANegativeWeightCountsAgainstAnArticle() throws {
        let set = try TestSupport.loadRules(["sectors.yaml": Self.weighted("weights: {byline: 2, address: -1}"),
                                             "health/cure.yaml": Self.cure])
        let cases: [(String, DocumentKind)] = [
            ("記者王明報導，規律作息可以治好失眠。", .article),          // byline alone: 2
            ("北城醫院：規律作息可以治好失眠。", .ad),                  // institution alone: 1
            ("北城醫院提醒民眾，規律作息可以治好失眠。", .article),      // 1 + 1
            ("記者王明報導，您規律作息就可以治好失眠。", .ad),          // 2 - 1
            ("記者王明報導，北城醫院說您規律作息就可以治好失眠。", .article), // 2 + 1 - 1
            ("記者王明報導，購買前規律作息可以治好失眠。", .ad),        // a selling signal vetoes any weight
        ]
        for (text, kind) in cases {
            let result = TestSupport.lint(text, set)
            #expect(result.kind.kind == kind, "\(text)")
            #expect(result.findings.first { $0.ruleID == RuleID("health.cure") }?.severity == (kind == .article ? .info : .error), "\(text)")
        }
        let outweighed = TestSupport.lint("記者王明報導，北城醫院說您規律作息就可以治好失眠。", set)
        #expect(outweighed.kind.evidence.contains("您（address，-1）"))
    }

    @Test func weightsNameAGroupOfSignalsAndAreNeverZero() throws {
        for weights in ["weights: {nosuch: 2}", "weights: {byline: 0}", "weights: {byline: two}", "weights: [byline]"] {
            #expect(throws: (any Error).self, "\(weights)") {
                try TestSupport.loadRules(["sectors.yaml": Self.weighted(weights), "health/cure.yaml": Self.cure])
            }
        }
    }

    @Test func theOptionThenFrontMatterThenConfigOverrideTheCopy() throws {
        let engine = PCRE2Engine()
        let linter = Linter(ruleSet: set)
        var options = LintOptions()
        options.kind = .ad
        var result = linter.lint(TestSupport.document(Self.article), options: options, scratch: engine.makeScratch())
        #expect(result.kind.source == .option && result.findings.first { $0.ruleID == RuleID("health.cure") }?.severity == .error)

        var document = TestSupport.document(Self.article)
        document.metadata["kind"] = "ad"
        result = linter.lint(document, scratch: engine.makeScratch())
        #expect(result.kind.kind == .ad && result.kind.source == .frontMatter)

        options = LintOptions()
        options.configKind = .ad
        result = linter.lint(TestSupport.document(Self.article), options: options, scratch: engine.makeScratch())
        #expect(result.kind.kind == .ad && result.kind.source == .config)

        // Declared as an article: read so even with a price.
        document = TestSupport.document("每盒 990 元，可以治好失眠。")
        document.metadata["kind"] = "article"
        result = linter.lint(document, scratch: engine.makeScratch())
        #expect(result.kind.source == .frontMatter && result.findings.first?.severity == .info)
        #expect(result.diagnostics.contains { $0.code == .readAsArticle && $0.message.contains("--kind auto") })

        // --kind auto ignores a front matter that says article.
        options = LintOptions()
        options.kind = .auto
        result = linter.lint(document, options: options, scratch: engine.makeScratch())
        #expect(result.kind.kind == .ad && result.findings.first?.severity == .error)

        document.metadata["kind"] = "brochure"
        result = linter.lint(document, scratch: engine.makeScratch())
        #expect(result.diagnostics.contains { $0.code == .unknownKind })
    }

    @Test func theAuditVerdictIsNotPublishBecauseClaimsWereDowngraded() throws {
        let result = TestSupport.lint("記者王明報導，北城醫院提醒民眾，規律作息可以治好失眠。", set)
        #expect(result.findings.allSatisfy { $0.severity == .info })
        let report = CampaignAudit.build(title: "衛教", generatedAt: "2026-12-07", toolVersion: "0.1.0", ruleSet: set, rules: [],
                                         results: [result], open: result.findings, diagnostics: [])
        #expect(report.verdict.level == .needsReview)
        #expect(report.files.first?.readAsArticle == 1)
        #expect(report.files.first?.verdict.reason.contains("kind: ad") == true)
    }
}
