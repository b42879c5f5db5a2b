import Foundation
import LintCore
import Testing
import TestSupport
@testable import Extractors

@Suite struct PDFExtractorTests {
    static let hasPDFToText = PDFTextRunner(timeout: 10).executable != nil
    static var flyer: String { TestSupport.corpusFolder + "/formats/flyer.pdf" }

    @Test(.enabled(if: hasPDFToText, "pdftotext (poppler-utils) is not installed; scripts/setup.sh installs it"))
    func pagesAndLinesLocateFindingsAndTextMapsBack() throws {
        let document = try DocumentReader().read(path: Self.flyer)
        #expect(RoundTrip.mismatches(document).isEmpty, "\(RoundTrip.mismatches(document))")
        #expect(document.segments.count == 2)
        // 預防感冒 is split over lines 3 and 4 of page 1: joined without a space.
        let first = document.segments[0]
        #expect(first.text.contains("每天一杯，預防感冒，全家安心。"))
        let range = try #require(first.text.range(of: "預防感冒"))
        let offset = first.text.utf8.distance(from: first.text.startIndex, to: range.lowerBound)
        let pages = try #require(document.pageMap)
        #expect(pages.location(of: first.sourceMap.baseStart(offset), in: document.source).description == "page 1, line 3")
        let second = document.segments[1]
        #expect(pages.location(of: second.sourceMap.baseStart(0), in: document.source).description == "page 2, line 1")
    }

    @Test(.enabled(if: hasPDFToText, "pdftotext (poppler-utils) is not installed"))
    func aBrokenPDFIsAnErrorForThatFile() {
        #expect {
            try DocumentReader().read(bytes: Array("%PDF-1.4\n這不是真的 PDF".utf8), name: "broken.pdf")
        } throws: { error in
            (error as? ExtractionError)?.description.contains("pdftotext could not read it") == true
        }
    }

    @Test(.enabled(if: hasPDFToText, "pdftotext (poppler-utils) is not installed"))
    func pdfinfoSaysWhetherAPDFIsTaggedAndEachPageIsAFact() throws {
        let plain = try DocumentReader().read(path: TestSupport.corpusFolder + "/accessibility/arts-notice.pdf")
        let tagged = try DocumentReader().read(path: TestSupport.corpusFolder + "/accessibility/arts-notice-tagged.pdf")
        for (document, expected) in [(plain, false), (tagged, true)] {
            let fact = try #require(document.facts.first { $0.kind == .document })
            #expect(fact["tagged"] == .flag(expected) && fact["pages"] == .number(2))
            // Page 2 is a picture without text: its page fact is there, with no characters.
            let pages = document.facts.filter { $0.kind == .page }
            #expect(pages.map { $0["number"]?.number } == [1, 2])
            #expect(pages[0]["text-characters"]?.number ?? 0 > 20 && pages[1]["text-characters"] == .number(0))
            #expect(document.notes.isEmpty)
        }
    }

    @Test(.enabled(if: hasPDFToText, "pdftotext (poppler-utils) is not installed"))
    func withoutPDFInfoTaggingIsUnknownAndANoteSaysSo() throws {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Self.flyer)))
        let pdftotext = try #require(PDFTextRunner(timeout: 10).executable)
        let folder = TestSupport.temporaryFolder()
        defer { TestSupport.remove(folder) }
        // pdftotext alone in a folder: pdfinfo is looked for beside it and not found.
        let alone = folder.appendingPathComponent("pdftotext").path
        try FileManager.default.createSymbolicLink(atPath: alone, withDestinationPath: pdftotext)
        let document = try PDFExtractor(environment: ["PATH": "/nonexistent", "ADLAW_PDFTOTEXT": alone]).extract(bytes, path: "flyer.pdf")
        #expect(!document.segments.isEmpty)
        #expect(document.facts.first { $0.kind == .document }?["tagged"] == nil)
        #expect(document.notes.contains { $0.code == .notChecked && $0.message.contains("ADLAW_PDFINFO") })
        #expect(PDFExtractor.info("Tagged:          yes\nPages:           12\n") == ["Tagged": "yes", "Pages": "12"])
    }

    @Test func withoutPDFToTextTheMessageSaysWhatToInstall() throws {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Self.flyer)))
        #expect {
            try PDFExtractor(environment: ["PATH": "/nonexistent"]).extract(bytes, path: "flyer.pdf")
        } throws: { error in
            (error as? ExtractionError)?.description.contains("needs pdftotext from poppler-utils") == true
        }
    }
}

@Suite struct EncodingTests {
    static func iconv(_ text: String, to encoding: String) throws -> [UInt8] {
        let folder = TestSupport.temporaryFolder()
        defer { TestSupport.remove(folder) }
        let input = folder.appendingPathComponent("in.txt")
        try text.write(to: input, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/iconv")
        process.arguments = ["-f", "UTF-8", "-t", encoding, input.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return [UInt8](data)
    }

    @Test func big5IsDetectedAndDecodedAndFindingsMapToItsText() throws {
        let text = "# 元氣飲\n\n本產品每天一杯，預防感冒，全家安心。「限量」～\n"
        let document = try DocumentReader().read(bytes: try Self.iconv(text, to: "CP950"), name: "big5.md")
        #expect(document.segments.map(\.text) == ["元氣飲", "本產品每天一杯，預防感冒，全家安心。「限量」～"])
        #expect(document.notes.contains { $0.code == .encoding && $0.message.contains("Big5") })
        #expect(RoundTrip.mismatches(document).isEmpty)
        // Short Big5 (uchardet is unsure of a few characters) is still read.
        let short = try DocumentReader().read(bytes: try Self.iconv("保證有效", to: "CP950"), name: "short.txt")
        #expect(short.segments.map(\.text) == ["保證有效"])
    }

    @Test func otherEncodingsAreNamedNotGuessed() throws {
        let cases: [([UInt8], String)] = [
            (try Self.iconv("本产品保证有效，预防感冒。第二行测试文字，更多的简体中文内容。", to: "GB18030"), "GB18030"),
            (try Self.iconv("café crème brûlée, très bien", to: "ISO-8859-1"), "ISO-8859-1"),
            (Array("保證有效 and more".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }), "UTF-16 little-endian without a byte-order mark"),
        ]
        for (bytes, name) in cases {
            #expect {
                try DocumentReader().read(bytes: bytes, name: "x.txt")
            } throws: { error in
                guard let error = error as? ExtractionError, error.code == .unsupportedEncoding else { return false }
                return error.description.contains(name)
            }
        }
    }

    @Test func utf8WithAFewBadBytesIsStillUTF8() throws {
        let bytes = Array("保".utf8) + [0xFF] + Array("證有效".utf8)
        let document = try DocumentReader().read(bytes: bytes, name: "x.txt")
        #expect(document.segments.first?.text == "保\u{FFFD}證有效")
    }
}
