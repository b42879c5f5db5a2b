import LintCore
import Testing
@testable import Extractors

/// The structure facts the HTML and Markdown extractors report beside the text, as
/// `DocumentReader` completes them (pages, heading jumps, script).
@Suite struct StructureFactTests {
    func read(_ text: String, name: String) throws -> ExtractedDocument {
        try DocumentReader().read(bytes: Array(text.utf8), name: name)
    }

    func facts(_ document: ExtractedDocument, _ kind: FactKind) -> [StructureFact] {
        document.facts.filter { $0.kind == kind }
    }

    func text(_ document: ExtractedDocument, _ fact: StructureFact) -> String {
        String(decoding: document.source.bytes[fact.sourceRange], as: UTF8.self)
    }

    @Test func htmlImagesLinksAndTheirNames() throws {
        let page = try read("""
        <html lang="zh-Hant-TW"><body>
        <img src="/img/hero.jpg?v=2">
        <img src="line.png" alt="">
        <img src="a.png" alt="夏季特賣全館五折">
        <a href="/cart"><img src="cart.svg" alt="購物車"></a>
        <a href="/x" class="icon"></a>
        <p hidden><img src="hidden.png"></p>
        </body></html>
        """, name: "page.html")
        let images = facts(page, .image)
        #expect(images.count == 4, "a hidden image is no fact")
        #expect(images[0]["alt"] == nil && images[0]["source"] == .text("hero.jpg") && images[0]["decorative"] == .flag(false))
        #expect(text(page, images[0]) == #"<img src="/img/hero.jpg?v=2">"#)
        #expect(images[1]["alt"] == .text("") && images[1]["decorative"] == .flag(true))
        #expect(images[2]["alt"] == .text("夏季特賣全館五折"))
        #expect(text(page, StructureFact(kind: .image, sourceRange: images[2].propertyRanges["alt"]!)) == "夏季特賣全館五折")
        let links = facts(page, .link)
        #expect(links.map { $0["text"]?.text } == ["購物車", nil])
        #expect(links[1]["target"] == .text("/x"))
    }

    @Test func htmlLanguageHeadingsTablesAndMedia() throws {
        let page = try read("""
        <!DOCTYPE html>
        <html class="no-js"><body>
        <h1>夏季保養</h1><h3>成分</h3><h2>用法</h2>
        <table><tr><td>容量</td><td>價格</td></tr><tr><td>50ml</td><td>990元</td></tr></table>
        <table><tr><th>容量</th><th>價格</th></tr><tr><td>50ml</td><td>990元</td></tr></table>
        <table role="presentation"><tr><td>版面</td><td>排版</td></tr><tr><td>一</td><td>二</td></tr></table>
        <video src="a.mp4" controls></video>
        <video src="b.mp4" controls><track kind="captions" src="b.vtt"></video>
        <video src="c.mp4" autoplay muted loop></video>
        </body></html>
        """, name: "page.html")
        let document = try #require(facts(page, .document).first)
        #expect(document["lang"] == nil && document["script"] == .text("traditional"))
        #expect(text(page, document) == #"<html class="no-js">"#)
        let headings = facts(page, .heading)
        #expect(headings.map { $0["level"]?.number } == [1, 3, 2])
        #expect(headings.map { $0["jump"]?.number } == [nil, 2, -1])
        #expect(headings[1]["previous"] == .number(1) && headings[1]["text"] == .text("成分"))
        let tables = facts(page, .table)
        #expect(tables.map { $0["header"]?.flag } == [false, true, false])
        #expect(tables.map { $0["layout"]?.flag } == [false, false, true])
        #expect(tables[0]["rows"] == .number(2) && tables[0]["columns"] == .number(2))
        let media = facts(page, .media)
        #expect(media.map { $0["captions"]?.flag } == [false, true, false])
        #expect(media.map { $0["muted"]?.flag } == [false, false, true])
        #expect(media[0]["source"] == .text("a.mp4"))
        let pages = facts(page, .page)
        #expect(pages.count == 1 && pages[0]["images"] == .number(0))
    }

    @Test func htmlColoursFromInlineStylesOnly() throws {
        let page = try read("""
        <html lang="zh-Hant-TW"><body>
        <p style="color:#777777">淺灰的條款</p>
        <p>預設黑字</p>
        <div style="background-color:#000"><p style="color:rgb(255,255,255)">白字黑底</p></div>
        <h1 style="color:#949494;font-size:32px">大標</h1>
        </body></html>
        """, name: "page.html")
        let runs = facts(page, .text)
        #expect(runs.count == 3, "text without a colour set in the markup is not reported: \(runs.map(\.summary))")
        #expect(runs[0]["color"] == .text("#777777") && runs[0]["background"] == .text("#FFFFFF"))
        #expect(runs[0]["contrast"] == .number(4.47), "4.478 is rounded down: it never passes as 4.48")
        #expect(runs[1]["contrast"] == .number(21))
        #expect(runs[2]["large"] == .flag(true) && runs[2]["size"] == .number(24))
        // With a style sheet, a colour an unknown class could change is unknown.
        let styled = try read("""
        <html><head><style>.x { color: red }</style></head><body>
        <p class="x" style="color:#777">條款</p>
        <div class="card"><p>不知道底色</p></div>
        </body></html>
        """, name: "page.html")
        #expect(facts(styled, .text).isEmpty, "\(facts(styled, .text).map(\.summary))")
    }

    @Test func markdownImagesLinksHeadingsAndHTML() throws {
        let document = try read("""
        # 手工皂

        ![](soap.jpg) ![IMG_1.JPG](b.jpg)

        [![購物車](cart.svg)](/cart) [](/share) [更多](/more) <https://example.com>

        ### 規格

        | 品項 | 重量 |
        |---|---|
        | 皂 | 100g |

        <video src="v.mp4" controls></video>

        文字 <img src="inline.png"> 文字
        """, name: "page.md")
        let images = facts(document, .image)
        #expect(images.map { $0["alt"]?.text } == [nil, "IMG_1.JPG", "購物車", nil])
        #expect(text(document, images[0]) == "![](soap.jpg)")
        #expect(text(document, images[3]) == #"<img src="inline.png">"#)
        let links = facts(document, .link)
        #expect(links.map { $0["text"]?.text } == ["購物車", nil, "更多"], "a bare URL is not a link fact")
        #expect(text(document, links[1]) == "[](/share)")
        #expect(facts(document, .heading).map { $0["jump"]?.number } == [nil, 2])
        #expect(facts(document, .table).first?["header"] == .flag(true))
        #expect(facts(document, .media).first?["captions"] == .flag(false))
        #expect(facts(document, .page).first?["images"] == .number(4))
        #expect(facts(document, .document).isEmpty)
    }

    @Test func wordPicturesHeadingsAndTables() throws {
        func picture(_ docPr: String) -> String {
            "<w:p><w:r><w:drawing><wp:inline><wp:docPr id=\"1\" \(docPr)/><a:graphic xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\"><a:graphicData><pic:pic xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"
        }
        func row(_ cells: [String], header: Bool = false) -> String {
            (header ? "<w:tr><w:trPr><w:tblHeader/></w:trPr>" : "<w:tr>") + cells.map { "<w:tc><w:p><w:r><w:t>\($0)</w:t></w:r></w:p></w:tc>" }.joined() + "</w:tr>"
        }
        let body = """
        <w:p><w:pPr><w:pStyle w:val="1"/></w:pPr><w:r><w:t>週年慶</w:t></w:r></w:p>
        \(picture(#"name="Picture 1""#))
        \(picture(#"name="Picture 2" descr="DSC_0457.JPG""#))
        \(picture(#"name="Picture 3" descr="書店門口的布條""#))
        <w:p><w:pPr><w:pStyle w:val="31"/></w:pPr><w:r><w:t>活動辦法</w:t></w:r></w:p>
        <w:p><w:r><w:t>辦法請</w:t></w:r><w:hyperlink r:id="rId9"><w:r><w:t>點此</w:t></w:r></w:hyperlink></w:p>
        <w:tbl>\(row(["書種", "折扣"]))\(row(["小說", "九折"]))</w:tbl>
        <w:tbl>\(row(["方案", "年費"], header: true))\(row(["一般", "免費"]))</w:tbl>
        <w:p><w:r><w:t>完</w:t></w:r></w:p>
        """
        let document = try DocumentReader().read(bytes: try OfficeFixture.docx(body: body), name: "flyer.docx")
        let images = facts(document, .image)
        #expect(images.map { $0["alt"]?.text } == [nil, "DSC_0457.JPG", "書店門口的布條"])
        #expect(images.map { $0["source"]?.text } == ["Picture 1", "Picture 2", "Picture 3"])
        #expect(text(document, images[2]) == "書店門口的布條", "a description is the picture's text")
        #expect(images[0].sourceRange.isEmpty && images[0].location?.description == "word/document.xml ¶2 (image)")
        let headings = facts(document, .heading)
        #expect(headings.map { $0["level"]?.number } == [1, 3])
        #expect(headings[1]["jump"] == .number(2) && headings[1]["text"] == .text("活動辦法"))
        let links = facts(document, .link)
        #expect(links.count == 1 && links[0]["text"] == .text("點此") && text(document, links[0]) == "點此")
        #expect(links[0].location?.description == "word/document.xml ¶6" && links[0].location?.character == 4)
        let tables = facts(document, .table)
        #expect(tables.map { $0["header"]?.flag } == [false, true])
        #expect(tables[0]["rows"] == .number(2) && tables[0]["columns"] == .number(2) && tables[0]["layout"] == .flag(false))
        #expect(text(document, tables[0]) == "書種", "a table is shown at its first cell")
        #expect(facts(document, .page).count == 1)
    }

    @Test func powerPointPicturesTablesAndFontSizes() throws {
        let run = { (size: Int, text: String) in "<a:r><a:rPr lang=\"zh-TW\" sz=\"\(size)\"/><a:t>\(text)</a:t></a:r>" }
        let pictures = """
        <p:pic><p:nvPicPr><p:cNvPr id="4" name="圖片 3"/><p:cNvPicPr/><p:nvPr/></p:nvPicPr></p:pic>
        <p:pic><p:nvPicPr><p:cNvPr id="5" name="圖片 4" descr="明亮的教室"/><p:cNvPicPr/><p:nvPr/></p:nvPicPr></p:pic>
        """
        let table = """
        <p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="6" name="表格 5"/><p:cNvGraphicFramePr/><p:nvPr/></p:nvGraphicFramePr><a:graphic><a:graphicData><a:tbl><a:tblPr firstRow="0"/><a:tblGrid><a:gridCol w="1"/><a:gridCol w="1"/></a:tblGrid><a:tr h="1"><a:tc><a:txBody><a:p><a:r><a:t>方案</a:t></a:r></a:p></a:txBody></a:tc><a:tc><a:txBody><a:p><a:r><a:t>學費</a:t></a:r></a:p></a:txBody></a:tc></a:tr><a:tr h="1"><a:tc><a:txBody><a:p><a:r><a:t>單堂</a:t></a:r></a:p></a:txBody></a:tc><a:tc><a:txBody><a:p><a:r><a:t>六百元</a:t></a:r></a:p></a:txBody></a:tc></a:tr></a:tbl></a:graphicData></a:graphic></p:graphicFrame>
        """
        let slides: [(file: String, shapes: String, notes: String?)] = [
            ("slide1.xml", OfficeFixture.shape("內容 2", paragraphs: [run(2400, "每週六開課"), run(2400, "已繳費用") + run(1100, "不予退還"), "<a:r><a:t>沿用版面字級，報名請</a:t></a:r><a:r><a:rPr><a:hlinkClick r:id=\"rId2\"/></a:rPr><a:t>按這裡</a:t></a:r>"]), "講者備忘"),
            ("slide2.xml", pictures + table, nil),
        ]
        let deck = try DocumentReader().read(bytes: try OfficeFixture.pptx(slides: slides, order: ["slide1.xml", "slide2.xml"]), name: "deck.pptx")
        let sizes = facts(deck, .text)
        #expect(sizes.map { $0["size"]?.number } == [24, 11], "the smallest size a paragraph sets; an inherited size is unknown")
        #expect(sizes.map { $0["large"]?.flag } == [true, false])
        #expect(text(deck, sizes[1]) == "已繳費用不予退還")
        let links = facts(deck, .link)
        #expect(links.map { $0["text"]?.text } == ["按這裡"] && text(deck, links[0]) == "按這裡")
        #expect(links[0].location?.description == "slide 1, shape \"內容 2\", ¶3" && links[0].location?.character == 11)
        let images = facts(deck, .image)
        #expect(images.map { $0["alt"]?.text } == [nil, "明亮的教室"])
        #expect(images.allSatisfy { $0.location?.slide == 2 })
        let tables = facts(deck, .table)
        #expect(tables.count == 1 && tables[0]["header"] == .flag(false) && tables[0]["columns"] == .number(2) && tables[0]["rows"] == .number(2))
        let pages = facts(deck, .page)
        #expect(pages.map { $0["number"]?.number } == [1, 2])
        #expect(pages.map { $0["images"]?.number } == [0, 2])
    }

    @Test func officeColoursWhereTheFileSetsBoth() throws {
        func run(_ text: String, _ properties: String) -> String { "<w:r><w:rPr>\(properties)</w:rPr><w:t>\(text)</w:t></w:r>" }
        let body = """
        <w:p>\(run("淺灰小字", "<w:color w:val=\"AAAAAA\"/><w:sz w:val=\"18\"/>"))\(run("同色", "<w:color w:val=\"AAAAAA\"/><w:sz w:val=\"18\"/>"))\(run("自動", "<w:color w:val=\"auto\"/>"))</w:p>
        <w:p><w:pPr><w:shd w:val="clear" w:fill="FFD700"/></w:pPr>\(run("白字金底", "<w:color w:val=\"FFFFFF\"/><w:b/><w:sz w:val=\"28\"/>"))</w:p>
        <w:p>\(run("黃底標示", "<w:color w:val=\"000000\"/><w:highlight w:val=\"yellow\"/>"))</w:p>
        <w:tbl><w:tblPr><w:tblStyle w:val="GridTable4"/></w:tblPr><w:tr><w:tc><w:p>\(run("樣式表格", "<w:color w:val=\"FFFFFF\"/>"))</w:p></w:tc></w:tr></w:tbl>
        <w:tbl><w:tr><w:tc><w:tcPr><w:shd w:fill="003366"/></w:tcPr><w:p>\(run("深藍儲存格", "<w:color w:val=\"FFFFFF\"/>"))</w:p></w:tc></w:tr></w:tbl>
        """
        let document = try DocumentReader().read(bytes: try OfficeFixture.docx(body: body), name: "flyer.docx")
        let runs = facts(document, .text)
        #expect(runs.map { text(document, $0) } == ["淺灰小字同色", "白字金底", "黃底標示", "深藍儲存格"],
                "adjacent runs of one look join; auto colour and a styled table's cell are unknown")
        #expect(runs[0]["contrast"] == .number(2.32) && runs[0]["size"] == .number(9) && runs[0]["large"] == .flag(false))
        #expect(runs[1]["background"] == .text("#FFD700") && runs[1]["large"] == .flag(true))
        #expect(runs[2]["background"] == .text("#FFFF00") && runs[2]["large"] == nil, "no size set: large is unknown")
        #expect(runs[3]["background"] == .text("#003366"))
        #expect(runs[0].location?.character == 1 && runs[0].location?.description == "word/document.xml ¶1")
    }

    @Test func slideColoursFromRunShapeAndSlide() throws {
        let solid = { (color: String) in "<a:solidFill><a:srgbClr val=\"\(color)\"/></a:solidFill>" }
        func box(_ name: String, fill: String, runs: String) -> String {
            "<p:sp><p:nvSpPr><p:cNvPr id=\"2\" name=\"\(name)\"/><p:cNvSpPr txBox=\"1\"/><p:nvPr/></p:nvSpPr><p:spPr>\(fill)</p:spPr><p:txBody><a:bodyPr/><a:p>\(runs)</a:p></p:txBody></p:sp>"
        }
        let run = { (color: String, text: String) in "<a:r><a:rPr lang=\"zh-TW\" sz=\"2000\">\(color)</a:rPr><a:t>\(text)</a:t></a:r>" }
        let shapes = box("白底", fill: solid("FFFFFF"), runs: run(solid("A0A0A0"), "淺灰"))
            + box("主題色", fill: solid("FFFFFF"), runs: run("<a:solidFill><a:schemeClr val=\"tx1\"/></a:solidFill>", "主題字"))
            + box("調亮", fill: "<a:solidFill><a:srgbClr val=\"000000\"><a:lumMod val=\"50000\"/></a:srgbClr></a:solidFill>", runs: run(solid("FFFFFF"), "白字"))
            + box("透明", fill: "<a:noFill/>", runs: run(solid("333333"), "深灰"))
        let slide = "<p:bg><p:bgPr>\(solid("F0F0F0"))<a:effectLst/></p:bgPr></p:bg>"
        let xml = "<?xml version=\"1.0\"?><p:sld \(OfficeFixture.p)><p:cSld>\(slide)<p:spTree>\(shapes)</p:spTree></p:cSld></p:sld>"
        var parts: [(String, String)] = [("_rels/.rels", OfficeFixture.rootRels("ppt/presentation.xml"))]
        parts.append(("ppt/presentation.xml", "<?xml version=\"1.0\"?><p:presentation \(OfficeFixture.p)><p:sldIdLst><p:sldId id=\"256\" r:id=\"rId10\"/></p:sldIdLst></p:presentation>"))
        parts.append(("ppt/_rels/presentation.xml.rels", OfficeFixture.rels([("rId10", "slide", "slides/slide1.xml")])))
        parts.append(("ppt/slides/slide1.xml", xml))
        let deck = try DocumentReader().read(bytes: try OfficeFixture.zip(parts), name: "deck.pptx")
        let coloured = facts(deck, .text).filter { $0["contrast"] != nil }
        #expect(coloured.map { text(deck, $0) } == ["淺灰", "深灰"], "a theme colour or a changed colour is unknown")
        #expect(coloured[0]["background"] == .text("#FFFFFF") && coloured[0]["contrast"] == .number(2.61) && coloured[0]["large"] == .flag(true))
        #expect(coloured[1]["background"] == .text("#F0F0F0"), "a shape without fill shows the slide's background")
    }

    @Test func plainTextHasNoFacts() throws {
        #expect(try read("![](a.png) <img src=x>", name: "copy.txt").facts.isEmpty)
    }

    @Test func contrastRatios() {
        #expect(CSSColor.contrast(.black, .white) == 21)
        #expect(abs(CSSColor.contrast(CSSColor(red: 0x76, green: 0x76, blue: 0x76), .white) - 4.54) < 0.01)
    }
}
