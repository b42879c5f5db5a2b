import Extractors
import LintCore
import Testing

@Suite struct TextDecodingTests {
    @Test func stripsAUTF8ByteOrderMark() throws {
        let decoded = try TextDecoding.decode([0xEF, 0xBB, 0xBF] + Array("保證".utf8), path: "a.txt")
        #expect(decoded.text == "保證")
        #expect(decoded.encoding == "utf-8-bom")
        #expect(Array(decoded.source.bytes) == Array("保證".utf8))
    }

    @Test(arguments: [true, false])
    func decodesUTF16WithAByteOrderMark(bigEndian: Bool) throws {
        var bytes: [UInt8] = bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]
        for unit in "保證😀有效".utf16 {
            bytes += bigEndian ? [UInt8(unit >> 8), UInt8(unit & 0xFF)] : [UInt8(unit & 0xFF), UInt8(unit >> 8)]
        }
        let decoded = try TextDecoding.decode(bytes, path: "a.txt")
        #expect(decoded.text == "保證😀有效")
        #expect(decoded.encoding == (bigEndian ? "utf-16be" : "utf-16le"))
    }

    @Test func replacesInvalidBytesAndMapsTheRestBack() throws {
        // "保" 0xFF "證" 0xC3 (truncated sequence) "效"
        let bytes = Array("保".utf8) + [0xFF] + Array("證".utf8) + [0xC3] + Array("效".utf8)
        let decoded = try TextDecoding.decode(bytes, path: "a.txt")
        #expect(decoded.text == "保\u{FFFD}證\u{FFFD}效")
        #expect(decoded.invalidSourceOffsets == [3, 7])
        #expect(decoded.invalidRanges == [3..<6, 9..<12])
        // "證" (text bytes 6..<9) maps to source bytes 4..<7, "效" to 8..<11.
        #expect(decoded.map.baseRange(6..<9) == 4..<7)
        #expect(decoded.map.baseRange(12..<15) == 8..<11)
        let note = try #require(TextDecoding.invalidBytesNote(decoded, path: "a.txt"))
        #expect(note.code == .invalidUTF8)
        #expect(note.line == 1 && note.column == 2)
        #expect(note.message.contains("2 invalid UTF-8 bytes"))
    }

    @Test func refusesBinaryFiles() {
        #expect(throws: ExtractionError.binary(path: "x.bin")) {
            try TextDecoding.decode([0x50, 0x4B, 0x03, 0x04, 0x00, 0x00], path: "x.bin")
        }
    }
}

@Suite struct FrontMatterTests {
    @Test func readsSectorsAndMetadata() throws {
        let text = "---\nsector: food\nchannel: 官網\nproduct: 紅棗飲\n---\n# 標題\n"
        let front = try #require(FrontMatter.read(text, path: "a.md"))
        #expect(front.sectors == [Sector("food")])
        #expect(front.metadata["channel"] == "官網")
        #expect(front.length == "---\nsector: food\nchannel: 官網\nproduct: 紅棗飲\n---\n".utf8.count)
    }

    @Test func readsSectorLists() throws {
        let front = try #require(FrontMatter.read("---\nsectors: [food, cosmetics]\n---\n", path: "a.md"))
        #expect(front.sectors == [Sector("food"), Sector("cosmetics")])
    }

    @Test func ignoresTextWithoutAClosingFence() {
        #expect(FrontMatter.read("---\nsector: food\n沒有結尾", path: "a.md") == nil)
        #expect(FrontMatter.read("沒有前言", path: "a.md") == nil)
    }

    @Test func reportsInvalidYAMLAndKeepsGoing() throws {
        let front = try #require(FrontMatter.read("---\nsector: [food\n---\n正文", path: "a.md"))
        #expect(front.sectors.isEmpty)
        #expect(front.notes.first?.code == .frontMatter)
    }
}

@Suite struct PlainTextExtractorTests {
    @Test func segmentStartsAfterTheFrontMatterAndMapsBackExactly() throws {
        let text = "---\nsector: food\n---\n每天一杯，預防感冒。\n"
        let document = try PlainTextExtractor(format: "markdown", extensions: ["md"]).extract(Array(text.utf8), path: "a.md")
        #expect(document.declaredSectors == [Sector("food")])
        let segment = try #require(document.segments.first)
        #expect(segment.text == "每天一杯，預防感冒。\n")
        // Round trip: every byte of the segment maps to the same bytes of the source.
        let segmentBytes = Array(segment.text.utf8)
        let range = segment.sourceMap.baseRange(0..<segmentBytes.count)
        #expect(Array(document.source.bytes[range]) == segmentBytes)
        #expect(document.source.position(of: range.lowerBound).line == 4)
    }

    @Test func notesInvalidBytes() throws {
        let document = try PlainTextExtractor().extract(Array("保證".utf8) + [0xFF], path: "a.txt")
        #expect(document.notes.map(\.code) == [.invalidUTF8])
        #expect(document.segments[0].invalidRanges == [6..<9])
    }
}
