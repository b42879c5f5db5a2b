import LintCore
import Linting
import PCRE2Matcher
import Testing
import TestSupport

@Suite struct LinterTests {
    let medical: RuleSet

    init() throws {
        medical = try TestSupport.loadRules([
            "food/efficacy.yaml": TestSupport.ruleYAML(
                id: "food.efficacy", sectors: "[food]",
                body: """
                terms: [治療, 保證有效]
                unless:
                  inside: [治療師, 物理治療]
                  preceded-by: [$negations]
                  within: 2
                """,
                examples: "  match: [可以⟦治療⟧失眠, ⟦保證有效⟧]\n  no-match: [物理治療師, 不能治療]"),
            "food/source.yaml": TestSupport.ruleYAML(
                id: "food.source", severity: "warning", sectors: "[all]",
                body: "terms: [第一品牌]\nunless:\n  sentence-has: [資料來源, 調查]",
                examples: "  match: [⟦第一品牌⟧, 榮獲⟦第一品牌⟧]\n  no-match: [第一品牌（資料來源：市調）, 調查顯示為第一品牌]"),
            "food/disclosure.yaml": TestSupport.ruleYAML(
                id: "food.disclosure", severity: "info", sectors: "[all]",
                body: "terms: [親身體驗]\nunless:\n  document-has: ['#業配']",
                examples: "  match: [⟦親身體驗⟧, 我的⟦親身體驗⟧]\n  no-match: [\"親身體驗\\n#業配\", 體驗]"),
        ])
    }

    func findings(_ text: String, sectors: [Sector] = [Sector("food")], rules: RuleSet? = nil) -> [Finding] {
        TestSupport.lint(text, rules ?? medical, sectors: sectors).findings
    }

    @Test func reportsTheOriginalTextWithExactPositions() throws {
        let text = "第一行\n😀本品可以治療失眠"
        let finding = try #require(findings(text).first)
        #expect(finding.matchedText == "治療")
        #expect(finding.start == TextPosition(line: 2, column: 6, utf16Column: 7, byteColumn: 17))
        #expect(finding.end.column == 8)
        #expect(Array(Array(text.utf8)[finding.byteRange]) == Array("治療".utf8))
    }

    @Test func exceptionsInsideAPhraseCancelTheMatch() {
        #expect(findings("物理治療師說").isEmpty)
        #expect(findings("我們的治療師推薦").isEmpty)
        // A cancelled match does not hide a real one right after it.
        #expect(findings("治療師說可以治療失眠").map(\.matchedText) == ["治療"])
    }

    @Test func aNegationShortlyBeforeCancelsButNotAcrossSentences() {
        #expect(findings("本品不能治療疾病").isEmpty)
        #expect(findings("並非保證有效").isEmpty)
        #expect(findings("本品不能。治療").map(\.matchedText) == ["治療"])
        #expect(findings("不能說的秘密：治療").map(\.matchedText) == ["治療"])
    }

    @Test func aCitedSourceInTheSentenceCancels() {
        #expect(findings("第一品牌（資料來源：2025年市調）", sectors: []).isEmpty)
        #expect(findings("第一品牌。資料來源另見官網", sectors: []).map(\.ruleID.rawValue) == ["food.source"])
    }

    @Test func aDisclosureAnywhereInTheDocumentCancels() {
        #expect(findings("親身體驗分享\n\n#業配", sectors: []).isEmpty)
        #expect(findings("親身體驗分享", sectors: []).map(\.ruleID.rawValue) == ["food.disclosure"])
    }

    @Test func normalizationSeesThroughFullWidthVariantsAndZeroWidth() {
        #expect(findings("保\u{200B}證有效").map(\.matchedText) == ["保\u{200B}證有效"])
    }

    @Test func invalidBytesNeverMatch() throws {
        let text = "保證\u{FFFD}有效 可以治療"
        let segment = TextSegment(text: text, invalidRanges: [6..<9])
        let document = ExtractedDocument(path: "a.txt", format: "text", segments: [segment], source: SourceText(text))
        let result = Linter(ruleSet: medical).lint(document, options: LintOptions(sectors: [Sector("food")]), scratch: PCRE2Engine().makeScratch())
        #expect(result.findings.map(\.matchedText) == ["治療"])
    }

    @Test func sectorRulesRunOnlyForTheirSectors() {
        #expect(findings("可以治療", sectors: []).isEmpty)
        #expect(findings("可以治療", sectors: [Sector("alcohol")]).isEmpty)
        #expect(findings("可以治療", sectors: [Sector("food")]).count == 1)
    }

    @Test func sectorsComeFromOptionThenFrontMatterThenInference() throws {
        let engine = PCRE2Engine()
        let linter = Linter(ruleSet: medical)
        var document = TestSupport.document("益生菌膠囊，可以治療")
        var result = linter.lint(document, scratch: engine.makeScratch())
        #expect(result.sectors.source == .inferred)
        #expect(result.sectors.evidence[Sector("food")] == ["益生菌", "膠囊"])
        #expect(result.diagnostics.contains { $0.code == .sectorsInferred && $0.message.contains("food（益生菌、膠囊）") })
        #expect(result.findings.count == 1)

        document.declaredSectors = [Sector("alcohol")]
        result = linter.lint(document, scratch: engine.makeScratch())
        #expect(result.sectors.source == .frontMatter)
        #expect(result.findings.isEmpty)

        result = linter.lint(document, options: LintOptions(sectors: [Sector("food")]), scratch: engine.makeScratch())
        #expect(result.sectors.source == .option)
        #expect(result.findings.count == 1)

        result = linter.lint(TestSupport.document("好喝的口味"), scratch: engine.makeScratch())
        #expect(result.sectors.sectors == [Sector("food")]) // two different weak signals
        // a sector inferred from weak signals only is a guess, and the note says so
        #expect(result.diagnostics.contains { $0.code == .sectorsInferred && $0.message.contains("food inferred from weak signals only: a guess") })
        result = linter.lint(TestSupport.document("好喝"), scratch: engine.makeScratch())
        #expect(result.sectors.source == .none)
        // one weak signal infers nothing, but the note names the sector it hints at
        #expect(result.diagnostics.contains { $0.code == .sectorsNone && $0.message.contains("one weak signal hinted at food（好喝）") })
        result = linter.lint(document, options: LintOptions(sectors: [Sector("food")]), scratch: engine.makeScratch())
        #expect(!result.diagnostics.contains { $0.message.contains("a guess") })
    }

    @Test func findingsAreOrderedByPositionThenRule() {
        let result = findings("第一品牌可以治療，親身體驗", sectors: [Sector("food")])
        #expect(result.map(\.ruleID.rawValue) == ["food.source", "food.efficacy", "food.disclosure"])
    }

    @Test func zonesLimitWhereARuleRuns() throws {
        let set = try TestSupport.loadRules([
            "a/alt.yaml": TestSupport.ruleYAML(id: "a.alt", body: "zones: [alt-text]\nterms: [保證有效]"),
        ])
        let segments = [TextSegment(text: "保證有效", zone: .body), TextSegment(text: "保證有效", zone: .altText)]
        let document = ExtractedDocument(path: "a.html", format: "html", segments: segments, source: SourceText("保證有效"))
        let result = Linter(ruleSet: set).lint(document, scratch: PCRE2Engine().makeScratch())
        #expect(result.findings.map(\.zone) == [.altText])
    }

    @Test func aCatastrophicRuleIsStoppedWithADiagnosticAndTheRunGoesOn() throws {
        let set = try TestSupport.loadRules([
            "a/slow.yaml": TestSupport.ruleYAML(id: "a.slow", body: "regex: '(?:a+)+$'",
                                                examples: "  match: [⟦aaa⟧, ⟦a⟧]\n  no-match: [b, 中文]"),
            "a/fine.yaml": TestSupport.ruleYAML(id: "a.fine", body: "terms: [保證有效]"),
        ])
        let text = String(repeating: "a", count: 20_000) + "b\n保證有效"
        let result = TestSupport.lint(text, set)
        #expect(result.findings.map(\.ruleID.rawValue) == ["a.fine"])
        let diagnostic = try #require(result.diagnostics.first { $0.code == .matchLimit })
        #expect(diagnostic.ruleID == RuleID("a.slow"))
        #expect(diagnostic.path == "copy.txt")
    }
}

@Suite struct NumberParserTests {
    @Test(arguments: [
        ("5000000", 5_000_000.0), ("5,000,000", 5_000_000), ("600萬", 6_000_000), ("1.2億", 120_000_000),
        ("5百萬", 5_000_000), ("五百萬", 5_000_000), ("一千萬", 10_000_000), ("1億2000萬", 120_000_000),
        ("1萬5000", 15_000), ("三千五百", 3_500), ("十五", 15), ("NT$3,000元", 3_000), ("兩萬", 20_000),
    ])
    func parses(_ text: String, _ expected: Double) {
        #expect(NumberParser.parse(text) == expected)
    }

    @Test func rejectsTextWithoutDigits() {
        #expect(NumberParser.parse("價值不菲") == nil)
    }
}
