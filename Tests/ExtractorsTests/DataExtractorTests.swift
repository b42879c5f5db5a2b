import Foundation
import LintCore
import Testing
@testable import Extractors

@Suite struct DataExtractorTests {
    static let csv = "平台,內文,備註\r\n臉書,\"每天兩顆，改善便秘，\"\"保證\"\"有效\",主打\r\nLINE,\"降血糖\r\n好幫手\",\r\n" + "IG,壞\u{FFFD}字,\n"

    @Test func csvFieldsMapBackAndCarryTheirHeader() throws {
        var bytes = Array(Self.csv.utf8)
        // An invalid byte in place of U+FFFD's three bytes.
        if let index = (0..<(bytes.count - 2)).first(where: { bytes[$0] == 0xEF && bytes[$0 + 1] == 0xBF && bytes[$0 + 2] == 0xBD }) {
            bytes.replaceSubrange(index..<(index + 3), with: [0xFF])
        }
        let document = try DocumentReader().read(bytes: bytes, name: "sheet.csv")
        #expect(RoundTrip.mismatches(document).isEmpty, "\(RoundTrip.mismatches(document))")
        let lines = document.segments.map { "\($0.logicalLocation ?? "-") \($0.text)" }
        #expect(lines == ["A1 平台", "B1 內文", "C1 備註", "A2 [平台] 臉書", "B2 [內文] 每天兩顆，改善便秘，\"保證\"有效",
                          "C2 [備註] 主打", "A3 [平台] LINE", "B3 [內文] 降血糖\r\n好幫手", "A4 [平台] IG", "B4 [內文] 壞\u{FFFD}字"])
        let field = try #require(document.segments[4].location)
        #expect(field.kind == .field && field.row == 2 && field.column == 2 && field.header == "內文" && field.cell == "B2")
        // The quoted field starts at line 2, column 4 (after 臉書,").
        let start = document.source.position(of: document.segments[4].sourceMap.baseStart(0))
        #expect(start.line == 2 && start.column == 5)
    }

    @Test func tsvAndUnterminatedQuotes() throws {
        let tsv = try DocumentReader().read(bytes: Array("標題\t內文\n夏季\t\"未結束的引號\n下一行".utf8), name: "a.tsv")
        #expect(tsv.segments.map(\.text) == ["標題", "內文", "夏季", "未結束的引號\n下一行"])
        #expect(tsv.notes.contains { $0.code == .unterminatedQuote && $0.line == 2 })
        #expect(RoundTrip.mismatches(tsv).isEmpty)
    }

    static let json = """
    {"campaign":"冬季","posts":[{"title":"每天兩顆","body":"改善便秘，\\u4fdd\\u8b49\\"有效\\"\\n第二行 \\ud83d\\ude00 \\/"},
      {"a~b/c":["x",1,true,null,-2.5e3,{"deep":"值"}]}], "": "空鍵"}
    """

    @Test func jsonStringValuesAreLocatedByPointerAndMapBack() throws {
        let document = try DocumentReader().read(bytes: Array(Self.json.utf8), name: "a.json")
        #expect(RoundTrip.mismatches(document).isEmpty, "\(RoundTrip.mismatches(document))")
        let lines = document.segments.map { "\($0.logicalLocation ?? "-") \($0.text)" }
        #expect(lines == ["/campaign 冬季", "/posts/0/title 每天兩顆", "/posts/0/body 改善便秘，保證\"有效\"\n第二行 😀 /",
                          "/posts/1/a~0b~1c/0 x", "/posts/1/a~0b~1c/5/deep 值", "/ 空鍵"])
        // Escapes map back to their own bytes.
        let body = document.segments[2]
        let index = try #require(body.text.range(of: "保"))
        let offset = body.text.utf8.distance(from: body.text.startIndex, to: index.lowerBound)
        let raw = body.sourceMap.baseRange(offset..<(offset + 3))
        #expect(String(decoding: document.source.bytes[raw], as: UTF8.self) == "\\u4fdd")
        let emoji = try #require(body.text.range(of: "😀"))
        let emojiOffset = body.text.utf8.distance(from: body.text.startIndex, to: emoji.lowerBound)
        #expect(String(decoding: document.source.bytes[body.sourceMap.baseRange(emojiOffset..<(emojiOffset + 4))], as: UTF8.self) == "\\ud83d\\ude00")
    }

    @Test func malformedJSONNamesLineAndColumn() {
        for (text, line, column) in [("{\"a\": \"x\",\n  \"b\" 1}", 2, 7), ("[1, 2", 1, 6), ("{\"a\": \"未結束}", 1, 7), ("{\"a\": tru}", 1, 7), ("[] x", 1, 4)] {
            #expect {
                try DocumentReader().read(bytes: Array(text.utf8), name: "bad.json")
            } throws: { error in
                guard let error = error as? ExtractionError, case let .malformed(_, l, c, _) = error else { return false }
                return l == line && c == column
            }
        }
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect {
            try DocumentReader().read(bytes: Array(deep.utf8), name: "deep.json")
        } throws: { error in
            (error as? ExtractionError)?.description.contains("nested more than 1000 deep") == true
        }
    }
}
