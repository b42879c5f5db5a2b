import Foundation
import LintCore
import Reporters
import Testing

/// Golden-output tests: Chinese text, full-width punctuation, an emoji and CRLF.
@Suite struct ReporterTests {
    static let text = "標題\r\n🔥限時！本產品「保證治癒」失眠，A級效果\r\n"

    static func finding(_ needle: String, rule: String = "food.medical-efficacy", severity: Severity = .error) -> Finding {
        let source = SourceText(text)
        let bytes = Array(text.utf8), target = Array(needle.utf8)
        let start = (0..<bytes.count).first { Array(bytes[$0..<min(bytes.count, $0 + target.count)]) == target }!
        let range = start..<(start + target.count)
        return Finding(
            ruleID: RuleID(rule), ruleName: "食品宣稱醫療效能", severity: severity,
            message: "「\(needle)」屬醫療效能詞句",
            references: [LegalReference(law: "食品安全衛生管理法", article: "第28條第2項", pcode: "L0040001",
                                        penalty: "新臺幣60萬元以上500萬元以下罰鍰")],
            suggestion: "改用「幫助入睡」", path: "docs/文案.md", byteRange: range,
            start: source.position(of: range.lowerBound), end: source.position(of: range.upperBound),
            matchedText: needle, zone: .body, logicalLocation: nil, snippet: source.snippet(for: range), segmentIndex: 0)
    }

    static let report = LintReport(
        toolVersion: "0.1.0",
        files: [FileReport(path: "docs/文案.md", format: "markdown", sectors: [Sector("food")], sectorSource: "inferred",
                           inferredFrom: [Sector("food"): ["膠囊"]], findingCount: 2)],
        findings: [finding("保證治癒"), finding("效果", rule: "fair-trade.efficacy", severity: .warning)],
        diagnostics: [Diagnostic(code: .invalidUTF8, level: .note, path: "docs/文案.md", line: 3, column: 1, message: "invalid bytes")],
        rulesLoaded: 12, durationSeconds: 0.0123)

    @Test func humanOutputPlacesCaretsByDisplayWidth() {
        let output = HumanReporter(color: false).render(Self.report)
        let expected = """
        docs/文案.md:2:9: error: 「保證治癒」屬醫療效能詞句 [food.medical-efficacy]
         2 | 🔥限時！本產品「保證治癒」失眠，A級效果
           |                 ^^^^^^^^
           = law: 食品安全衛生管理法 第28條第2項；新臺幣60萬元以上500萬元以下罰鍰
           = suggestion: 改用「幫助入睡」

        docs/文案.md:2:19: warning: 「效果」屬醫療效能詞句 [fair-trade.efficacy]
         2 | 🔥限時！本產品「保證治癒」失眠，A級效果
           |                                    ^^^^
           = law: 食品安全衛生管理法 第28條第2項；新臺幣60萬元以上500萬元以下罰鍰
           = suggestion: 改用「幫助入睡」

        2 findings (1 error, 1 warning) in 1 of 1 file (12 rules, 0.012s)

        """
        #expect(output == expected)
    }

    @Test func humanOutputIsColouredOnlyWhenAsked() {
        #expect(!HumanReporter(color: false).render(Self.report).contains("\u{1B}["))
        #expect(HumanReporter(color: true).render(Self.report).contains("\u{1B}[31merror:\u{1B}[0m"))
    }

    @Test func lineOutputHasOneFindingPerLine() {
        let output = LineReporter().render(Self.report)
        #expect(output == """
        docs/文案.md:2:9:error:food.medical-efficacy:「保證治癒」屬醫療效能詞句
        docs/文案.md:2:19:warning:fair-trade.efficacy:「效果」屬醫療效能詞句

        """)
    }

    @Test func jsonOutputFollowsTheDocumentedSchema() throws {
        let output = JSONReporter().render(Self.report)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        #expect(object["version"] as? Int == 1)
        let findings = try #require(object["findings"] as? [[String: Any]])
        let first = findings[0]
        #expect(first["ruleId"] as? String == "food.medical-efficacy")
        #expect(first["line"] as? Int == 2)
        #expect(first["column"] as? Int == 9)
        #expect(first["endColumn"] as? Int == 13)
        #expect(first["byteOffset"] as? Int == 33)
        #expect(first["byteLength"] as? Int == 12)
        #expect(first["matchedText"] as? String == "保證治癒")
        let references = try #require(first["references"] as? [[String: Any]])
        #expect(references[0]["pcode"] as? String == "L0040001")
        let summary = try #require(object["summary"] as? [String: Any])
        #expect((summary["findingsBySeverity"] as? [String: Int]) == ["error": 1, "warning": 1, "info": 0])
        #expect(summary["rulesLoaded"] as? Int == 12)
        let files = try #require(object["files"] as? [[String: Any]])
        #expect((files[0]["inferredFrom"] as? [String: [String]]) == ["food": ["膠囊"]])
        #expect((object["diagnostics"] as? [[String: Any]])?.first?["code"] as? String == "invalid-utf8")
        // Deterministic: the same report renders byte-identically.
        #expect(JSONReporter().render(Self.report) == output)
    }
}
