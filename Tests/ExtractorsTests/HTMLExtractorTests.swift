import Foundation
import LintCore
import Testing
@testable import Extractors

@Suite struct HTMLExtractorTests {
    static let page = """
    <!DOCTYPE html>
    <html lang="zh-Hant">
    <head>
    <meta charset="utf-8">
    <title>元氣飲｜保證有效</title>
    <meta name="description" content="每天一杯，預防感冒 &amp; 增強免疫">
    <meta property="og:title" content='國家認證第一品牌'>
    <meta property="og:description" content="醫師推薦">
    <meta name="viewport" content="width=device-width">
    <style>.x { content: "保證風格"; }</style>
    <script>var s = "根治糖尿病腳本";</script>
    </head>
    <body>
    <h1>本產品保證治癒失眠</h1>
    <p>效果<b>100%</b>&nbsp;&#x6548;果
       第二行接續，無副作用。<br>新的一行&copy 2024 &lt;限量&gt;</p>
    <!-- 註解 保證 -->
    <img src="a.png" alt="國家認證 抗癌" title="醫師 推薦">
    <ul><li>根治<a href="https://x.example/保證網址">糖尿病</a>的秘方</li><li>#限時優惠 只到今天</li></ul>
    <table><tr><td>抗癌</td><td>100%有效</td></tr></table>
    <div hidden>隱藏的保證</div>
    <p style="display: none">也是隱藏</p>
    <template><p>模板保證</p></template>
    <pre><code>程式碼 保證</code></pre>
    <blockquote>客戶說：吃了就痊癒</blockquote>
    <button aria-label="立即購買 保證回本">買</button>
    </body>
    </html>

    """

    func extract(_ text: String) throws -> ExtractedDocument {
        try HTMLExtractor().extract(Array(text.utf8), path: "page.html")
    }

    func position(of needle: String, in document: ExtractedDocument) -> TextPosition? {
        for segment in document.segments {
            guard let range = segment.text.range(of: needle) else { continue }
            let lower = segment.text.utf8.distance(from: segment.text.startIndex, to: range.lowerBound)
            return document.source.position(of: segment.sourceMap.baseStart(lower))
        }
        return nil
    }

    @Test func everyPieceMapsBackToItsSourceBytes() throws {
        let document = try extract(Self.page)
        #expect(RoundTrip.mismatches(document).isEmpty, "\(RoundTrip.mismatches(document))")
        let crlf = try HTMLExtractor().extract(Array(Self.page.replacingOccurrences(of: "\n", with: "\r\n").utf8), path: "p.html")
        #expect(RoundTrip.mismatches(crlf).isEmpty, "\(RoundTrip.mismatches(crlf))")
        #expect(crlf.segments.map(\.text) == document.segments.map(\.text))
    }

    /// gumbo drops a stray `<html>` tag (its `>` may sit inside a quoted value) from the
    /// text run around it, and a second `<html>` can put later text before earlier text in
    /// its tree: the text still maps onto its own bytes, each segment in source order.
    @Test func textAroundDroppedTagsMapsBackInOrder() throws {
        let document = try extract("<p>保證<html lang=\"a>b\">有效 <a>&lt;</a></p>\n<p>治癒</p><html lang=\"x\">根治")
        #expect(RoundTrip.mismatches(document).isEmpty, "\(RoundTrip.mismatches(document))")
        #expect(document.segments.map(\.text).contains("保證有效 <"), "\(document.segments.map(\.text))")
        for segment in document.segments {
            var offset = 0, previous = 0
            for scalar in segment.text.unicodeScalars {
                let range = segment.sourceMap.baseRange(offset..<(offset + UTF8.width(scalar)))
                #expect(range.lowerBound >= previous)
                previous = range.lowerBound
                offset += UTF8.width(scalar)
            }
        }
    }

    @Test func visibleTextAttributesAndMetaAreExtracted() throws {
        let pairs = try extract(Self.page).segments.map { "\($0.zone): \($0.text)" }
        #expect(pairs == [
            "title: 元氣飲｜保證有效",
            "meta: 每天一杯，預防感冒 & 增強免疫",
            "meta: 國家認證第一品牌",
            "meta: 醫師推薦",
            "heading: 本產品保證治癒失眠",
            "paragraph: 效果100%\u{A0}效果第二行接續，無副作用。\n新的一行© 2024 <限量>",
            "alt-text: 國家認證 抗癌",
            "alt-text: 醫師 推薦",
            "list-item: 根治糖尿病的秘方",
            "list-item: #限時優惠 只到今天",
            "table-cell: 抗癌",
            "table-cell: 100%有效",
            "quote: 客戶說：吃了就痊癒",
            "alt-text: 立即購買 保證回本",
            "paragraph: 買",
        ])
    }

    @Test func entitiesAreDecodedAndLocatedOnTheirRawText() throws {
        let document = try extract(Self.page)
        // `&#x6548;` decodes to 效 and is reported where the entity is written.
        let paragraph = try #require(document.segments.first { $0.zone == .paragraph && $0.text.hasPrefix("效果100%") })
        let bytes = Array(paragraph.text.utf8)
        let index = try #require(paragraph.text.range(of: "效果第二行"))
        let offset = paragraph.text.utf8.distance(from: paragraph.text.startIndex, to: index.lowerBound)
        let raw = paragraph.sourceMap.baseRange(offset..<(offset + 3))
        #expect(String(decoding: document.source.bytes[raw], as: UTF8.self) == "&#x6548;")
        #expect(bytes.count > 0)
        #expect(position(of: "第二行", in: document).map { "\($0.line):\($0.column)" } == "16:4")
        #expect(position(of: "國家認證 抗癌", in: document).map { "\($0.line):\($0.column)" } == "18:23")
        #expect(position(of: "預防感冒", in: document).map { "\($0.line):\($0.column)" } == "6:40")
    }

    @Test func scriptsStylesCommentsCodeAndHiddenTextAreSkipped() throws {
        let all = try extract(Self.page).segments.map(\.text).joined(separator: "\n")
        for skipped in ["保證風格", "根治糖尿病腳本", "註解", "隱藏", "模板", "程式碼", "保證網址", "width=device-width"] {
            #expect(!all.contains(skipped), "\(skipped) should not be extracted")
        }
    }

    @Test func linkTextIsAnInlineZone() throws {
        let document = try extract(Self.page)
        let item = try #require(document.segments.first { $0.text == "根治糖尿病的秘方" })
        let bytes = Array(item.text.utf8)
        #expect(item.inlineZones.map { String(decoding: bytes[$0.range], as: UTF8.self) } == ["糖尿病"])
        #expect(item.inlineZones.first?.zone == .linkText)
    }

    @Test func brokenAndDeeplyNestedMarkupIsReadWithoutRecursion() throws {
        let nested = String(repeating: "<div><span>", count: 400) + "保證有效" + String(repeating: "</span></div>", count: 400)
        #expect(try extract(nested).segments.map(\.text) == ["保證有效"])
        // Deeper than the limit: refused before gumbo (quadratic in depth) sees it.
        let deep = "<p>前言</p>\n" + String(repeating: "<div><span>", count: 30_000) + "保證有效"
        #expect {
            try extract(deep)
        } throws: { error in
            guard let error = error as? ExtractionError, case let .limitExceeded(_, what) = error else { return false }
            return what.contains("nested more than 1000 deep") && what.contains("line 2, column 5501")
        }
        // Unclosed paragraphs and list items are closed by the parser, not nested.
        let flat = String(repeating: "<li>項目<p>段落", count: 5_000)
        #expect(try extract(flat).segments.count == 10_000)
        let broken = try extract("<p>未關閉<b>粗體<table><td>儲存格</table> 後文 &bogus; &amp")
        #expect(RoundTrip.mismatches(broken).isEmpty, "\(RoundTrip.mismatches(broken))")
        #expect(broken.segments.map(\.text).joined(separator: "|").contains("儲存格"))
    }

    @Test func invalidBytesMapBack() throws {
        let bytes = Array("<p>保證".utf8) + [0xFF] + Array("有效&#0;".utf8) + [0xE4, 0xBD] + Array("</p>".utf8)
        let document = try HTMLExtractor().extract(bytes, path: "x.html")
        #expect(RoundTrip.mismatches(document).isEmpty, "\(RoundTrip.mismatches(document))")
        #expect(document.segments.first?.text == "保證\u{FFFD}有效\u{FFFD}\u{FFFD}")
        #expect(document.segments.first?.invalidRanges == [6..<9, 18..<21])
    }

    /// gumbo reads a control character as U+FFFD; a truncated character whose next byte is
    /// U+FFFD's own lead byte (0xEF) is still one replaced unit. Both map onto their bytes.
    @Test func controlCharactersAndTruncatedCharactersBeforeFullWidthPunctuation() throws {
        let bytes = Array("<p>禁止".utf8) + [0x0F] + Array("酒駕 12%".utf8) + [0xEF, 0x92] + Array("，活血</p>".utf8)
        let document = try HTMLExtractor().extract(bytes, path: "x.html")
        #expect(RoundTrip.mismatches(document).isEmpty, "\(RoundTrip.mismatches(document))")
        #expect(document.segments.first?.text == "禁止\u{FFFD}酒駕 12%\u{FFFD}，活血")
        // Only the truncated character is invalid UTF-8; the control character is valid.
        #expect(document.segments.first?.invalidRanges.count == 1)
    }
}
