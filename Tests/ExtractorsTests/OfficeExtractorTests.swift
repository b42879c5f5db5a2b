import Foundation
import LintCore
import Testing
@testable import Extractors

@Suite struct OfficeExtractorTests {
    static func run(_ text: String, bold: Bool = false) -> String {
        "<w:r>\(bold ? "<w:rPr><w:b/></w:rPr>" : "")<w:t xml:space=\"preserve\">\(text)</w:t></w:r>"
    }

    static let body = """
    <w:p w14:paraId="1A2B3C4D"><w:pPr><w:pStyle w:val="1"/></w:pPr>\(run("產品企劃：元氣飲"))</w:p>
    <w:p>\(run("本產品"))\(run("保", bold: true))<w:proofErr w:type="spellStart"/>\(run("證治"))<w:proofErr w:type="spellEnd"/>\(run("癒失眠，效果100%。"))</w:p>
    <w:p>\(run("第二段"))<w:r><w:tab/></w:r>\(run("國家認證"))<w:r><w:br/></w:r>\(run("換行後：醫師推薦"))<w:del><w:r><w:delText>已刪除的根治</w:delText></w:r></w:del><w:r><w:instrText> HYPERLINK "x" </w:instrText></w:r></w:p>
    <w:p><w:pPr><w:numPr><w:ilvl w:val="0"/></w:numPr></w:pPr>\(run("清單：抗癌"))<w:hyperlink r:id="rId9">\(run("官網連結"))</w:hyperlink></w:p>
    <w:tbl><w:tr><w:tc><w:p>\(run("儲存格保證"))</w:p></w:tc></w:tr></w:tbl>
    <w:p>\(run("前文"))<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:inline><wp:docPr id="1" name="圖 1" descr="圖說：國家認證"/><w:txbxContent><w:p>\(run("文字方塊保證有效"))</w:p></w:txbxContent></wp:inline></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p>\(run("文字方塊保證有效"))</w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>\(run("後文"))</w:p>
    <w:p/>
    <w:p><w:moveFrom>\(run("移走的舊文"))</w:moveFrom>\(run("&amp; 實體 &lt;保證&gt;"))</w:p>
    """

    func word() throws -> ExtractedDocument {
        let bytes = try OfficeFixture.docx(
            body: Self.body,
            header: "<w:p>\(Self.run("頁首：保證有效"))</w:p>",
            comments: "<w:comment w:id=\"0\" w:author=\"審閱\"><w:p>\(Self.run("註解：這句要改"))</w:p></w:comment>",
            footnotes: "<w:footnote w:type=\"separator\" w:id=\"-1\"><w:p>\(Self.run("分隔線"))</w:p></w:footnote><w:footnote w:id=\"1\"><w:p>\(Self.run("腳註：資料來源"))</w:p></w:footnote>")
        return try DocumentReader().read(bytes: bytes, name: "企劃.docx")
    }

    @Test func wordParagraphsAreJoinedAcrossRunsAndLocated() throws {
        let document = try word()
        let lines = document.segments.map { "\($0.logicalLocation ?? "-") [\($0.zone)] \($0.text)" }
        #expect(lines == [
            "word/document.xml ¶1 [heading] 產品企劃：元氣飲",
            "word/document.xml ¶2 [paragraph] 本產品保證治癒失眠，效果100%。",
            "word/document.xml ¶3 [paragraph] 第二段\t國家認證\n換行後：醫師推薦",
            "word/document.xml ¶4 [list-item] 清單：抗癌官網連結",
            "word/document.xml ¶5 [table-cell] 儲存格保證",
            "word/document.xml ¶6 [paragraph] 前文後文",
            "word/document.xml ¶6 (image) [alt-text] 圖說：國家認證",
            "word/document.xml ¶7 [text-box] 文字方塊保證有效",
            "word/document.xml ¶9 [paragraph] & 實體 <保證>",
            "word/header1.xml ¶1 [header-footer] 頁首：保證有效",
            "word/footnotes.xml ¶1 [footnote] 腳註：資料來源",
            "word/comments.xml ¶1 [comment] 註解：這句要改",
        ])
        #expect(document.segments[0].location?.paraId == "1A2B3C4D")
        let link = try #require(document.segments[3].inlineZones.first)
        #expect(link.zone == .linkText && String(decoding: Array(document.segments[3].text.utf8)[link.range], as: UTF8.self) == "官網連結")
    }

    @Test func everyPieceMapsBackToItsLineOfTheTextView() throws {
        for document in [try word(), try deck(), try workbook()] {
            for segment in document.segments {
                let range = segment.sourceMap.baseRange(0..<segment.text.utf8.count)
                #expect(Array(document.source.bytes[range]) == Array(segment.text.utf8))
                // Each piece starts its own line of the view, so its column is 1.
                #expect(document.source.position(of: range.lowerBound).column == 1)
            }
        }
    }

    func deck() throws -> ExtractedDocument {
        let s = OfficeFixture.self
        let slide1 = s.shape("標題 1", placeholder: "title", paragraphs: ["<a:r><a:t>投影片一：</a:t></a:r><a:r><a:rPr b=\"1\"/><a:t>保證瘦身</a:t></a:r>"])
            + s.shape("TextBox 2", paragraphs: ["<a:r><a:t>第一段</a:t></a:r>", "<a:r><a:t>第二段</a:t></a:r><a:br/><a:r><a:rPr><a:hlinkClick r:id=\"rId3\"/></a:rPr><a:t>立即購買</a:t></a:r>"])
            + "<p:pic><p:nvPicPr><p:cNvPr id=\"4\" name=\"圖片 3\" descr=\"前後對照圖\"/></p:nvPicPr></p:pic>"
            + "<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id=\"5\" name=\"表格 4\"/></p:nvGraphicFramePr><a:graphic><a:graphicData><a:tbl><a:tr><a:tc><a:txBody><a:p><a:r><a:t>抗癌</a:t></a:r></a:p></a:txBody></a:tc></a:tr></a:tbl></a:graphicData></a:graphic></p:graphicFrame>"
        let slide10 = s.shape("Title", placeholder: "ctrTitle", paragraphs: ["<a:r><a:t>第十號檔案但排第二</a:t></a:r>"])
        let slide2 = s.shape("內容", placeholder: "body", paragraphs: ["<a:r><a:t>最後一張</a:t></a:r>"])
        let bytes = try OfficeFixture.pptx(slides: [("slide1.xml", slide1, "講者備註：宣稱治癒"), ("slide10.xml", slide10, nil), ("slide2.xml", slide2, nil)],
                                           order: ["slide1.xml", "slide10.xml", "slide2.xml"])
        return try DocumentReader().read(bytes: bytes, name: "提案.pptx")
    }

    @Test func slidesComeInPresentationOrderWithShapesAndNotes() throws {
        let lines = try deck().segments.map { "\($0.logicalLocation ?? "-") [\($0.zone)] \($0.text)" }
        #expect(lines == [
            "slide 1, shape \"標題 1\", ¶1 [title] 投影片一：保證瘦身",
            "slide 1, shape \"TextBox 2\", ¶1 [text-box] 第一段",
            "slide 1, shape \"TextBox 2\", ¶2 [text-box] 第二段\n立即購買",
            "slide 1, shape \"圖片 3\", alt text [alt-text] 前後對照圖",
            "slide 1, shape \"表格 4\", ¶1 [table-cell] 抗癌",
            "slide 1, notes, ¶1 [speaker-notes] 講者備註：宣稱治癒",
            "slide 2, shape \"Title\", ¶1 [title] 第十號檔案但排第二",
            "slide 3, shape \"內容\", ¶1 [paragraph] 最後一張",
        ])
        let link = try #require(try deck().segments[2].inlineZones.first)
        #expect(link.zone == .linkText)
    }

    func workbook() throws -> ExtractedDocument {
        let main = "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
        let parts: [(String, String)] = [
            ("_rels/.rels", OfficeFixture.rootRels("xl/workbook.xml")),
            ("xl/workbook.xml", "<workbook \(main)><sheets><sheet name=\"文案\" sheetId=\"1\" r:id=\"rId1\"/><sheet name=\"Q1 備用\" sheetId=\"2\" r:id=\"rId2\"/></sheets></workbook>"),
            ("xl/_rels/workbook.xml.rels", OfficeFixture.rels([("rId1", "worksheet", "worksheets/sheet1.xml"), ("rId2", "worksheet", "worksheets/sheet2.xml"), ("rId3", "sharedStrings", "sharedStrings.xml")])),
            ("xl/sharedStrings.xml", "<sst \(main)><si><t>標題</t></si><si><t>內文</t></si><si><r><t>永久有效，</t></r><r><rPr><b/></rPr><t>保證回春</t></r><rPh><t>ふりがな</t></rPh></si></sst>"),
            ("xl/worksheets/sheet1.xml", "<worksheet \(main)><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c></row><row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>夏季檔期</t></is></c><c r=\"B2\" t=\"s\"><v>2</v></c><c r=\"C2\"><v>1999</v></c><c r=\"D2\" t=\"str\"><f>A2&amp;B2</f><v>公式結果</v></c></row></sheetData></worksheet>"),
            ("xl/worksheets/_rels/sheet1.xml.rels", OfficeFixture.rels([("rId1", "comments", "../comments1.xml")])),
            ("xl/comments1.xml", "<comments \(main)><commentList><comment ref=\"B2\" authorId=\"0\"><text><r><t>主管：這句違法</t></r></text></comment></commentList></comments>"),
            ("xl/worksheets/sheet2.xml", "<worksheet \(main)><sheetData><row r=\"3\"><c r=\"AA3\" t=\"inlineStr\"><is><t>備用文案</t></is></c></row></sheetData></worksheet>"),
        ]
        return try DocumentReader().read(bytes: try OfficeFixture.zip(parts), name: "文案表.xlsx")
    }

    @Test func spreadsheetCellsAreLocatedBySheetAndCellWithTheirHeader() throws {
        let document = try workbook()
        let lines = document.segments.map { "\($0.logicalLocation ?? "-") [\($0.zone)] \($0.text)" }
        #expect(lines == [
            "文案!A1 [cell] 標題", "文案!B1 [cell] 內文", "文案!A2 [cell] 夏季檔期", "文案!B2 [cell] 永久有效，保證回春",
            "文案!D2 [cell] 公式結果", "文案!B2 (comment) [comment] 主管：這句違法", "'Q1 備用'!AA3 [cell] 備用文案",
        ])
        let cell = try #require(document.segments[3].location)
        #expect(cell.header == "內文" && cell.row == 2 && cell.column == 2 && cell.sheet == "文案" && cell.cell == "B2")
        #expect(document.segments[6].location?.column == 27)
    }
}
