import LintCore
import Testing

@Suite struct SourceTextTests {
    @Test func countsColumnsInCharactersUTF16AndBytes() {
        let text = "第一行\n🔥限時！本產品「保證治癒」失眠"
        let source = SourceText(text)
        let bytes = Array(text.utf8)
        let target = Array("保證".utf8)
        let offset = (0..<bytes.count).first { Array(bytes[$0..<min(bytes.count, $0 + target.count)]) == target }!
        let position = source.position(of: offset)
        #expect(position.line == 2)
        #expect(position.column == 9)       // 🔥限時！本產品「 = 8 characters
        #expect(position.utf16Column == 10) // the emoji is two UTF-16 units
        #expect(position.byteColumn == 26)  // 4 + 7 * 3 bytes
    }

    @Test func handlesCRLFAndLoneCRLineEnds() {
        let source = SourceText("a\r\nb\rc\nd")
        #expect(source.lineStarts == [0, 3, 5, 7])
        #expect(source.position(of: 5).line == 3)
        #expect(source.lineContentRange(0) == 0..<1)
    }

    @Test func countsEachInvalidByteAsOneColumn() {
        let source = SourceText(bytes: [0x61, 0xFF, 0xFE, 0x62])
        #expect(source.position(of: 3).column == 4)
    }

    @Test func positionsOfManyOffsetsOnOneLineAreIncremental() {
        let line = String(repeating: "廣告", count: 5000)
        let source = SourceText(line)
        let offsets = stride(from: 0, to: line.utf8.count, by: 300).map { $0 }
        let positions = source.positions(of: offsets)
        for offset in offsets { #expect(positions[offset]?.column == offset / 3 + 1) }
    }

    @Test func snippetCutsLongLinesAroundTheSpan() {
        let text = String(repeating: "甲", count: 500) + "保證有效" + String(repeating: "乙", count: 500)
        let source = SourceText(text)
        let start = 500 * 3
        let snippet = source.snippet(for: start..<(start + 12), context: 10)
        #expect(snippet.highlighted == "保證有效")
        #expect(snippet.before == String(repeating: "甲", count: 10))
        #expect(snippet.after == String(repeating: "乙", count: 10))
        #expect(snippet.truncatedStart && snippet.truncatedEnd)
    }

    @Test func snippetMarksSpansThatContinueOnTheNextLine() {
        let source = SourceText("第一行保證\n有效")
        let snippet = source.snippet(for: 9..<22)
        #expect(snippet.highlighted == "保證")
        #expect(snippet.continuesOnNextLine)
    }

    /// A source read from a string's own storage (long text) and one read from a copy of
    /// its bytes give the same bytes, lines, positions and snippets; short and empty
    /// strings (stored inline) too.
    @Test func stringBackedSourceMatchesByteBackedSource() {
        let texts = ["", "a", "保證\n有效", "第一行\r\n🔥限時！本產品「保證治癒」失眠\r第三行\t有效\n" + String(repeating: "廣告", count: 200)]
        for text in texts {
            let fromString = SourceText(text)
            let fromBytes = SourceText(bytes: Array(text.utf8))
            #expect(Array(fromString.bytes) == Array(text.utf8))
            #expect(fromString.lineStarts == fromBytes.lineStarts)
            let offsets = Array(0...text.utf8.count)
            #expect(fromString.positions(of: offsets) == fromBytes.positions(of: offsets))
            for offset in stride(from: 0, to: text.utf8.count, by: 7) {
                let range = offset..<min(text.utf8.count, offset + 9)
                #expect(fromString.snippet(for: range, context: 5) == fromBytes.snippet(for: range, context: 5))
            }
        }
    }

    /// The bytes are the source's own: they do not change when the string they were made
    /// from is changed or let go, and reading them a byte at a time gives what the buffer
    /// gives, for inline (short), heap and sliced strings. (`SourceBytes` keeps no pointer
    /// past the closure it got it in; this checks the value semantics that rely on it.)
    @Test func bytesStayTheSourcesOwnAfterTheStringChanges() {
        let long = "第一行\n" + String(repeating: "保證有效", count: 64)
        for original in ["", "短", "abc\r\n", long, String(long.dropFirst(4).prefix(50))] {
            var text = original
            let expected = Array(text.utf8)
            let source = SourceText(text)
            text.append("追加的文字")
            text = ""
            #expect(Array(source.bytes) == expected)
            #expect(source.bytes.indices.map { source.bytes[$0] } == expected)
            #expect(source.bytes.withUnsafeBufferPointer { Array($0) } == expected)
            #expect(source.lineStarts == SourceText(bytes: expected).lineStarts)
        }
    }
}
