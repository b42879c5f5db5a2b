import Extractors
import LintCore
import Linting
import PCRE2Matcher
import Testing
import TestSupport

/// Suppressions written as spreadsheet cell comments, read through the real xlsx extractor:
/// the comment covers its cell, and only its cell.
@Suite struct DirectiveNoteTests {
    static let main = "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""

    static func workbook(comment: String) throws -> ExtractedDocument {
        let parts: [(String, String)] = [
            ("_rels/.rels", OfficeFixture.rootRels("xl/workbook.xml")),
            ("xl/workbook.xml", "<workbook \(main)><sheets><sheet name=\"文案\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"),
            ("xl/_rels/workbook.xml.rels", OfficeFixture.rels([("rId1", "worksheet", "worksheets/sheet1.xml")])),
            ("xl/worksheets/sheet1.xml", "<worksheet \(main)><sheetData><row r=\"2\"><c r=\"B2\" t=\"inlineStr\"><is><t>每天一杯，預防感冒</t></is></c><c r=\"C2\" t=\"inlineStr\"><is><t>長期飲用預防感冒</t></is></c></row></sheetData></worksheet>"),
            ("xl/worksheets/_rels/sheet1.xml.rels", OfficeFixture.rels([("rId1", "comments", "../comments1.xml")])),
            ("xl/comments1.xml", "<comments \(main)><commentList><comment ref=\"B2\" authorId=\"0\"><text><r><t>\(comment)</t></r></text></comment></commentList></comments>"),
        ]
        return try DocumentReader().read(bytes: try OfficeFixture.zip(parts), name: "文案表.xlsx")
    }

    @Test func aCellCommentSuppressesFindingsInItsCellOnly() throws {
        let document = try Self.workbook(comment: "adlaw-disable test.cold -- 衛部健食字第A00000號")
        let directives = DirectiveCollector().collect(document)
        #expect(directives.count == 1)
        let directive = try #require(directives.first)
        #expect(directive.kind == .location && directive.reason == "衛部健食字第A00000號" && directive.problem == nil)
        let rules = try TestSupport.loadRules(["test/cold.yaml": TestSupport.ruleYAML(id: "test.cold", body: "terms: [預防感冒]")])
        let findings = Linter(ruleSet: rules).lint(document, scratch: PCRE2Engine().makeScratch()).findings
        let cells = findings.filter { $0.zone != .comment }.map { ($0.location?.cell ?? "?", directive.covers($0)) }
        #expect(cells.map(\.0) == ["B2", "C2"])
        #expect(cells.map(\.1) == [true, false])
    }

    @Test func aCommentThatIsNotADirectiveIsIgnored() throws {
        #expect(DirectiveCollector().collect(try Self.workbook(comment: "主管：這句要改")).isEmpty)
    }
}
