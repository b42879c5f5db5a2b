import Extractors
import Foundation
import LintCore
import Linting
import PCRE2Matcher
import Testing
import TestSupport

/// Issue 15: a reviewer's comment in a Word file (`法務：「預防感冒」不能寫`) is not copy, so it
/// never blocks the document; it may still carry a suppression directive. Tracked-change
/// deletions are not copy either.
@Suite struct ReviewerNotesTests {
    static func run(_ text: String) -> String { "<w:r><w:t xml:space=\"preserve\">\(text)</w:t></w:r>" }

    func lint(_ document: ExtractedDocument) throws -> DocumentResult {
        let rules = try TestSupport.loadRules(["food/claim.yaml": TestSupport.ruleYAML(id: "food.claim", body: "terms: [預防感冒, 保證有效]")])
        return Linter(ruleSet: rules).lint(document, scratch: PCRE2Engine().makeScratch())
    }

    @Test func aLawyersCommentQuotingThePhraseIsNotLinted() throws {
        let bytes = try OfficeFixture.docx(
            body: "<w:p>\(Self.run("每天一杯，元氣滿滿。"))</w:p>",
            comments: "<w:comment w:id=\"0\" w:author=\"法務\"><w:p>\(Self.run("法務：「預防感冒」不能寫"))</w:p></w:comment>")
        let document = try DocumentReader().read(bytes: bytes, name: "企劃.docx")
        // The comment is still extracted (for directives and `adlaw extract`) ...
        #expect(document.segments.contains { $0.zone == .comment && $0.text.contains("預防感冒") })
        // ... but it is not copy.
        #expect(try lint(document).findings.isEmpty)
    }

    @Test func copyNextToTheCommentIsStillLintedAndTheCommentMayCarryADirective() throws {
        let bytes = try OfficeFixture.docx(
            body: "<w:p><w:commentRangeStart w:id=\"0\"/>\(Self.run("每天一杯，預防感冒。"))<w:commentRangeEnd w:id=\"0\"/><w:r><w:commentReference w:id=\"0\"/></w:r></w:p><w:p>\(Self.run("保證有效"))</w:p>",
            comments: "<w:comment w:id=\"0\" w:author=\"法務\"><w:p>\(Self.run("adlaw-disable food.claim —— 衛部健食字第A00000號"))</w:p></w:comment>")
        let document = try DocumentReader().read(bytes: bytes, name: "企劃.docx")
        let result = try lint(document)
        #expect(result.findings.map(\.matchedText) == ["預防感冒", "保證有效"])
        let directives = DirectiveCollector().collect(document)
        let directive = try #require(directives.first)
        #expect(directive.rules == ["food.claim"])
        #expect(directive.reason == "衛部健食字第A00000號")
        #expect(directive.problem == nil)
    }

    @Test func trackedDeletionsAndMovedAwayTextAreNotCopy() throws {
        let bytes = try OfficeFixture.docx(body: """
            <w:p>\(Self.run("每天一杯，"))<w:del w:id="1" w:author="法務"><w:r><w:delText>預防感冒</w:delText></w:r></w:del>\(Self.run("元氣滿滿。"))</w:p>
            <w:p><w:moveFrom w:id="2" w:author="法務">\(Self.run("保證有效"))</w:moveFrom>\(Self.run("好喝。"))</w:p>
            """)
        let document = try DocumentReader().read(bytes: bytes, name: "企劃.docx")
        #expect(document.segments.map(\.text) == ["每天一杯，元氣滿滿。", "好喝。"])
        #expect(try lint(document).findings.isEmpty)
    }
}
