import Foundation
import LintCore
import Testing
@testable import Extractors

@Suite struct MarkdownExtractorTests {
    static let post = """
    ---
    sector: food
    channel: 部落格
    ---
    # 產品介紹：最有效的保健食品

    本產品保證
    治癒失眠，效果*100%*有效。AT&amp;T &copy; 2024 \\*注意\\*
    請見[官方網站保證有效](https://example.com "標題")與 <https://example.com>
    ![國家認證 抗癌](img.png) 還有 `保證程式碼` 結尾。

    - 第一項：**根治**糖尿病
       三個空白的續行保證
    - 第二項 #限時優惠 #保證有效

    > 客戶說：吃了就痊癒

    | 功效 | 說明 |
    |------|------|
    | 抗癌 | 100% 有效 \\| 保證 |

    <div class="hero">
      <p>HTML 區塊裡的&nbsp;保證有效</p>
    </div>

    <!-- 註解 保證 -->

    ```
    code 保證
    ```

    腳註[^1]。

    [^1]: 腳註內容保證有效。

    """

    func extract(_ text: String, path: String = "post.md") throws -> ExtractedDocument {
        try MarkdownExtractor().extract(Array(text.utf8), path: path)
    }

    /// The 1-based line and column of the source bytes a piece of a segment maps to.
    func position(of needle: String, in document: ExtractedDocument) -> (start: TextPosition, end: TextPosition)? {
        for segment in document.segments {
            guard let range = segment.text.range(of: needle) else { continue }
            let lower = segment.text.utf8.distance(from: segment.text.startIndex, to: range.lowerBound)
            let upper = lower + needle.utf8.count
            let base = segment.sourceMap.baseRange(lower..<upper)
            return (document.source.position(of: base.lowerBound), document.source.position(of: base.upperBound))
        }
        return nil
    }

    @Test func everyPieceMapsBackToItsSourceBytes() throws {
        let document = try extract(Self.post)
        let mismatches = RoundTrip.mismatches(document)
        #expect(mismatches.isEmpty, "\(mismatches)")
        #expect(document.segments.count == 13)
    }

    @Test func roundTripHoldsWithCRLFAndBOM() throws {
        let crlf = Self.post.replacingOccurrences(of: "\n", with: "\r\n")
        let document = try MarkdownExtractor().extract([0xEF, 0xBB, 0xBF] + Array(crlf.utf8), path: "post.md")
        #expect(RoundTrip.mismatches(document).isEmpty, "\(RoundTrip.mismatches(document))")
        let plain = try extract(Self.post)
        #expect(document.segments.map(\.text) == plain.segments.map(\.text))
        #expect(position(of: "治癒失眠", in: document)?.start.line == 8)
    }

    @Test func segmentsHaveTheirZonesAndText() throws {
        let document = try extract(Self.post)
        let pairs = document.segments.map { "\($0.zone): \($0.text)" }
        #expect(pairs.contains("heading: 產品介紹：最有效的保健食品"))
        #expect(pairs.contains("alt-text: 國家認證 抗癌"))
        #expect(pairs.contains("list-item: 第一項：根治糖尿病三個空白的續行保證"))
        #expect(pairs.contains("quote: 客戶說：吃了就痊癒"))
        #expect(pairs.contains("table-cell: 抗癌"))
        #expect(pairs.contains("table-cell: 100% 有效 | 保證"))
        #expect(pairs.contains("paragraph: HTML 區塊裡的\u{A0}保證有效"))
        #expect(pairs.contains("footnote: 腳註內容保證有效。"))
        let paragraph = try #require(document.segments.first { $0.text.hasPrefix("本產品") })
        #expect(paragraph.zone == .paragraph)
        #expect(paragraph.text.hasPrefix("本產品保證治癒失眠，效果*100%*有效。AT&T © 2024 *注意*請見官方網站保證有效"))
        let link = try #require(paragraph.inlineZones.first { $0.zone == .linkText })
        let bytes = Array(paragraph.text.utf8)
        #expect(String(decoding: bytes[link.range], as: UTF8.self) == "官方網站保證有效")
    }

    @Test func aPhraseSplitAcrossLinesIsJoinedWithoutASpace() throws {
        let document = try extract(Self.post)
        let found = try #require(position(of: "保證治癒", in: document))
        #expect(found.start.line == 7 && found.start.column == 4)
        #expect(found.end.line == 8 && found.end.column == 3)
        // Latin words across a line break keep a space.
        let latin = try extract("Best\nchoice 保證\n有效\n")
        #expect(latin.segments.map(\.text) == ["Best choice 保證有效"])
    }

    @Test func codeCommentsAndURLsAreNotCopy() throws {
        let document = try extract(Self.post)
        let all = document.segments.map(\.text).joined(separator: "\n")
        for skipped in ["code 保證", "註解", "example.com", "保證程式碼", "img.png", "標題", "sector", "部落格", "[^1]"] {
            #expect(!all.contains(skipped), "\(skipped) should not be extracted")
        }
    }

    @Test func frontMatterIsMetadata() throws {
        let document = try extract(Self.post)
        #expect(document.declaredSectors == [Sector("food")])
        #expect(document.metadata["channel"] == "部落格")
        #expect(position(of: "產品介紹", in: document)?.start.line == 5)
    }

    @Test func listContinuationLinesAreLocatedExactly() throws {
        // cmark reports the continuation line one column early; the extractor finds it.
        let document = try extract(Self.post)
        let found = try #require(position(of: "三個空白", in: document))
        #expect(found.start.line == 13 && found.start.column == 4)
    }

    /// cmark-gfm's table extension splits the lines before a header row into a paragraph
    /// with no position and inline positions relative to it, and places header cells inside
    /// quotes and list items by the wrong column: every piece is still found exactly.
    @Test(arguments: [
        ("intro\n\n第一行保證\nline two *有效* here\n功效 | 說明\n--- | ---\n抗癌 | 根治\n", ""),
        ("> 第一行保證\n> line two *有效* here\n> 功效 | 說明\n> --|--\n> 抗癌 | 根治\n", "> "),
        ("x\n\n- 第一行保證\n  line two *有效* here\n  功效 | 說明\n  --|--\n  抗癌 | 根治\n", "  "),
    ])
    func textBeforeATableHeaderIsLocatedExactly(source: String, indent: String) throws {
        let document = try extract(source)
        #expect(RoundTrip.mismatches(document).isEmpty, "\(RoundTrip.mismatches(document))")
        #expect(!document.notes.contains { $0.code == .approximateLocation }, "\(document.notes)")
        let texts = document.segments.map(\.text)
        #expect(texts.contains("第一行保證line two 有效 here"), "\(texts)")
        #expect(texts.contains("功效") && texts.contains("說明") && texts.contains("根治"), "\(texts)")
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        let second = try #require(lines.firstIndex { $0.contains("line two") })
        let found = try #require(position(of: "有效", in: document))
        #expect(found.start.line == second + 1 && found.start.column == indent.count + 11)
        let header = try #require(position(of: "說明", in: document))
        #expect(header.start.line == second + 2)
    }

    @Test func hashtagsAreAnInlineZone() throws {
        let document = try DocumentReader().read(bytes: Array(Self.post.utf8), name: "post.md")
        let item = try #require(document.segments.first { $0.text.hasPrefix("第二項") })
        let bytes = Array(item.text.utf8)
        let tags = item.inlineZones.filter { $0.zone == .hashtag }.map { String(decoding: bytes[$0.range], as: UTF8.self) }
        #expect(tags == ["#限時優惠", "#保證有效"])
    }

    @Test func invalidBytesBecomeReplacementCharactersThatMapBack() throws {
        var bytes = Array("第一段保證\n有效\n\n第二".utf8)
        bytes.insert(0xFF, at: 3)
        bytes += [0xC3] + Array("段落".utf8)
        let document = try MarkdownExtractor().extract(bytes, path: "bad.md")
        #expect(RoundTrip.mismatches(document).isEmpty, "\(RoundTrip.mismatches(document))")
        #expect(document.segments.map(\.text) == ["第\u{FFFD}一段保證有效", "第二\u{FFFD}段落"])
        #expect(document.segments[0].invalidRanges == [3..<6])
        #expect(document.notes.contains { $0.code == .invalidUTF8 })
    }

    @Test func deepNestingDoesNotExhaustTheStack() throws {
        let quotes = String(repeating: "> ", count: 20_000) + "保證有效\n"
        let quoted = try extract(quotes)
        #expect(quoted.segments.map(\.text) == ["保證有效"])
        // Up to the guard's limit of openers per paragraph, brackets are read; past it the
        // file is refused (cmark-gfm's link openers are quadratic), never a crash.
        let brackets = String(repeating: "[", count: 9_000) + "保證" + String(repeating: "]", count: 9_000) + "\n"
        let bracketed = try extract(brackets)
        #expect(RoundTrip.mismatches(bracketed).isEmpty)
        let tooMany = String(repeating: "[", count: 50_000) + "保證" + String(repeating: "]", count: 50_000) + "\n"
        #expect {
            _ = try extract(tooMany)
        } throws: { error in
            guard case .limitExceeded = error as? ExtractionError else { return false }
            return true
        }
        let lists = (0..<2_000).map { String(repeating: "  ", count: $0) + "- 第\($0)層" }.joined(separator: "\n")
        #expect(try extract(lists).segments.count == 2_000)
    }
}
