import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import LintCore
import Reporters
import Testing

/// The audit report, checked structurally by parsing the HTML as XML.
@Suite struct AuditReportTests {
    static let hostile = "<script>alert('x')</script>保證有效 & \"引號\""

    static func finding(_ text: String, severity: Severity, rule: String, line: Int) -> Finding {
        let source = SourceText("前文。\(text)後文。")
        let start = "前文。".utf8.count
        let range = start..<(start + text.utf8.count)
        return Finding(ruleID: RuleID(rule), ruleName: "規則名稱", severity: severity, message: "「\(text)」有風險",
                       references: [LegalReference(law: "公平交易法", article: "第21條", pcode: "J0150002", penalty: "新臺幣5萬元以上2,500萬元以下罰鍰")],
                       suggestion: "改寫為有依據的描述", path: "campaign/\(line).md", byteRange: range,
                       start: TextPosition(line: line, column: 4, utf16Column: 4, byteColumn: 10), end: source.position(of: range.upperBound),
                       matchedText: text, zone: .body, logicalLocation: line == 3 ? "slide 2 ¶1" : nil,
                       snippet: source.snippet(for: range), segmentIndex: 0)
    }

    static let report: AuditReport = {
        let findings = [
            finding(hostile, severity: .error, rule: "fair-trade.superlative", line: 1),
            finding("第一品牌", severity: .warning, rule: "fair-trade.superlative", line: 2),
            finding("環保", severity: .info, rule: "fair-trade.green-claim", line: 3),
        ]
        let descriptor = RuleDescriptor(id: RuleID("fair-trade.superlative"), name: "無依據之最高級用語", severity: .warning,
                                        rationale: "公平交易法第21條<理由>", references: findings[0].references, suggestion: nil)
        let checklist = ChecklistResult(
            ruleID: RuleID("plan.sweepstakes"), element: "抽獎活動", path: "campaign/plan.md", triggerText: "抽獎", line: 4, logicalLocation: nil,
            items: [ChecklistItemResult(label: "載明活動期間", met: true, evidence: ["活動期間"], figures: ["活動期間：三月"]),
                    ChecklistItemResult(label: "公布得獎名單", met: false, evidence: [], figures: [])])
        return AuditReport(
            title: "春季<活動>", generatedAt: "2026-11-25T12:00:00+08:00", toolVersion: "0.1.0", rulePackVersion: "2026.11.25",
            rulesLoaded: 120,
            verdict: Verdict(level: .block, ruleID: RuleID("fair-trade.superlative"), reason: "campaign/1.md：第1行"),
            files: [AuditFile(path: "campaign/1.md", format: "markdown", sectors: [Sector("food")], sectorSource: "inferred",
                              verdict: Verdict(level: .block, ruleID: RuleID("fair-trade.superlative"), reason: "r"), findingCount: 1, readable: true),
                    AuditFile(path: "campaign/broken.docx", format: "-", sectors: [], sectorSource: "none",
                              verdict: Verdict(level: .needsReview, ruleID: nil, reason: "無法讀取"), findingCount: 0, readable: false)],
            findings: findings, checklists: [checklist], rules: [descriptor.id: descriptor],
            unreadable: [Diagnostic(code: .malformed, level: .error, path: "campaign/broken.docx", message: "the file is malformed")])
    }()

    /// Element names with their class attributes, and every text node, from the parsed HTML.
    final class Collector: NSObject, XMLParserDelegate {
        var elements: [(name: String, attributes: [String: String])] = []
        var text = ""
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            elements.append((name, attributes))
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
    }

    func parse(_ html: String) throws -> Collector {
        // The DOCTYPE has no DTD; XMLParser accepts it as is.
        let parser = XMLParser(data: Data(html.utf8))
        let collector = Collector()
        parser.delegate = collector
        #expect(parser.parse(), "the report is not well-formed: \(String(describing: parser.parserError))")
        return collector
    }

    @Test func everyFindingAndChecklistItemIsPresent() throws {
        let html = AuditHTMLReporter().render(Self.report)
        let parsed = try parse(html)
        let articles = parsed.elements.filter { $0.name == "article" }
        #expect(articles.count == 3)
        #expect(articles.map { $0.attributes["data-rule"] } == ["fair-trade.superlative", "fair-trade.superlative", "fair-trade.green-claim"])
        #expect(parsed.elements.filter { $0.name == "mark" }.count == 3)
        #expect(parsed.elements.filter { $0.name == "li" && $0.attributes["class"] == "item open" }.count == 1)
        #expect(parsed.elements.filter { $0.name == "li" && $0.attributes["class"] == "item met" }.count == 1)
        #expect(parsed.text.contains("整體結論：不得刊登"))
        #expect(parsed.text.contains("slide 2 ¶1"))
        #expect(parsed.text.contains("罰則：新臺幣5萬元以上2,500萬元以下罰鍰"))
        #expect(parsed.text.contains("建議改寫："))
        #expect(parsed.text.contains("規則包 2026.11.25（120 條規則）"))
        #expect(parsed.text.contains("campaign/broken.docx"))
        #expect(parsed.text.contains("文件所載：活動期間：三月"))
    }

    @Test func hostileCopyIsEscapedNotExecuted() throws {
        let html = AuditHTMLReporter().render(Self.report)
        let parsed = try parse(html)
        #expect(!parsed.elements.contains { $0.name == "script" })
        #expect(parsed.text.contains(Self.hostile))
        #expect(html.contains("&lt;script&gt;alert"))
        #expect(parsed.text.contains("春季<活動>"))
    }

    @Test func theReportHasNoExternalReferences() throws {
        let html = AuditHTMLReporter().render(Self.report)
        let parsed = try parse(html)
        #expect(!parsed.elements.contains { ["script", "link", "img", "iframe", "object", "embed"].contains($0.name) })
        for element in parsed.elements {
            for key in ["src", "href", "action", "data"] {
                // Links to the law text are the one exception: followed by a reader, never loaded.
                if element.name == "a", key == "href", element.attributes[key]?.hasPrefix("https://law.moj.gov.tw/") == true { continue }
                #expect(element.attributes[key] == nil, "\(element.name) has \(key)")
            }
        }
        #expect(parsed.elements.contains { $0.name == "a" && $0.attributes["class"] == "law-link" })
        #expect(!html.contains("url("))
        #expect(!html.contains("@import"))
        #expect(html.contains("@page { size: A4"))
        #expect(parsed.elements.contains { $0.name == "svg" })
    }

    @Test func markdownNeutralisesCopyAndListsTheSameContent() {
        let md = AuditMarkdownReporter().render(Self.report)
        #expect(md.hasPrefix("# 廣告法規審閱報告：春季\\<活動\\>"))
        #expect(md.contains("\\<script\\>alert('x')\\</script\\>"))
        #expect(md.contains("## 整體結論：不得刊登"))
        #expect(md.contains("- [x] 載明活動期間"))
        #expect(md.contains("- [ ] 公布得獎名單"))
        #expect(md.contains("| 公平交易法 | 第21條 | 1 | 1 | 1 |"))
        #expect(md.components(separatedBy: "\n- **").count - 1 == 3)
    }
}
