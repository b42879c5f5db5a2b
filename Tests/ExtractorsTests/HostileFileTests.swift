import Foundation
import LintCore
import Testing
@testable import Extractors

/// Hostile and broken files: each is refused with a clear error naming the file and the
/// problem, and nothing hangs or crashes.
@Suite struct HostileFileTests {
    func error(_ bytes: [UInt8], name: String, limits: ExtractionLimits = ExtractionLimits()) -> ExtractionError? {
        do {
            _ = try DocumentReader(extractors: DocumentReader.makeExtractors(limits: limits)).read(bytes: bytes, name: name)
            return nil
        } catch {
            return error
        }
    }

    func plainDocx() throws -> [UInt8] {
        try OfficeFixture.docx(body: "<w:p><w:r><w:t>保證有效</w:t></w:r></w:p>")
    }

    @Test func zipBombsAreStoppedByDeclaredSizeRatioAndActualBytes() throws {
        let zeros = Data(count: 8 << 20)
        let bomb = try OfficeFixture.zipData([
            ("_rels/.rels", Data(OfficeFixture.rootRels("word/document.xml").utf8)),
            ("word/document.xml", zeros),
        ])
        // The declared size is past the part limit.
        let declared = error(bomb, name: "bomb.docx", limits: ExtractionLimits(maxPartSize: 4 << 20))
        #expect(declared?.code == .limitExceeded && declared?.description.contains("word/document.xml inflates to 8388608 bytes") == true)
        // Within the size limit, but compressed about 1000:1.
        let ratio = error(bomb, name: "bomb.docx")
        #expect(ratio?.code == .limitExceeded && ratio?.description.contains("compressed more than 200:1") == true)
        // Headers that lie: the sizes say 1000 bytes; the counting while inflating stops it.
        var lying = bomb
        Self.patchUncompressedSizes(&lying, to: 1000)
        let lied = error(lying, name: "bomb.docx", limits: ExtractionLimits(maxPartSize: 4 << 20, maxCompressionRatio: 1_000_000))
        #expect(lied?.code == .limitExceeded && lied?.description.contains("although its header says 1000 bytes") == true, "\(String(describing: lied))")
    }

    @Test func tooManyEntriesAreRefused() throws {
        var parts: [(String, String)] = [("_rels/.rels", OfficeFixture.rootRels("word/document.xml"))]
        for i in 0..<50 { parts.append(("junk/\(i).xml", "<x/>")) }
        let many = try OfficeFixture.zip(parts, compression: .none)
        #expect(error(many, name: "many.docx", limits: ExtractionLimits(maxArchiveEntries: 20))?.description.contains("more than 20 entries") == true)
    }

    @Test func doctypeAndEntitiesAreRefused() throws {
        for declaration in ["<!DOCTYPE w:document [<!ENTITY a \"保證\">]>", "<!doctype x>", "<!ENTITY % p SYSTEM \"file:///etc/passwd\">"] {
            let bytes = try OfficeFixture.zip([
                ("_rels/.rels", OfficeFixture.rootRels("word/document.xml")),
                ("word/document.xml", "<?xml version=\"1.0\"?>\(declaration)<w:document \(OfficeFixture.w)><w:body><w:p><w:r><w:t>&a;</w:t></w:r></w:p></w:body></w:document>"),
            ])
            let refused = error(bytes, name: "xxe.docx")
            #expect(refused?.code == .malformed && refused?.description.contains("declares a DOCTYPE or ENTITY") == true)
        }
    }

    @Test func deepNestingIsRefusedWithoutRecursion() throws {
        let deep = String(repeating: "<w:sdt><w:sdtContent>", count: 100_000) + "<w:p><w:r><w:t>深</w:t></w:r></w:p>"
            + String(repeating: "</w:sdtContent></w:sdt>", count: 100_000)
        // Stored, not deflated: 4 MB of repeated tags would otherwise trip the ratio limit first.
        let bytes = try OfficeFixture.zip([("_rels/.rels", OfficeFixture.rootRels("word/document.xml")),
                                           ("word/document.xml", "<w:document \(OfficeFixture.w)><w:body>\(deep)</w:body></w:document>")],
                                          compression: .none)
        let refused = error(bytes, name: "deep.docx")
        #expect(refused?.code == .limitExceeded && refused?.description.contains("nested more than 1000 deep in part word/document.xml") == true)
        // Within the limit it is read.
        let ok = try OfficeFixture.docx(body: String(repeating: "<w:sdt><w:sdtContent>", count: 300) + "<w:p><w:r><w:t>深</w:t></w:r></w:p>" + String(repeating: "</w:sdtContent></w:sdt>", count: 300))
        #expect(error(ok, name: "ok.docx") == nil)
    }

    @Test func truncatedAndDamagedArchivesAreMalformed() throws {
        let whole = try plainDocx()
        for cut in [whole.count / 2, whole.count - 10, 30] {
            let truncated = Array(whole.prefix(cut))
            let failure = error(truncated, name: "cut.docx")
            #expect(failure?.code == .malformed || failure?.code == .unsupportedFormat, "cut at \(cut): \(String(describing: failure))")
        }
        // Damaged compressed data behind a valid directory.
        var damaged = whole
        if let start = Self.dataStart(of: "word/document.xml", in: damaged) {
            for i in start..<(start + 8) { damaged[i] ^= 0xFF }
        }
        #expect(error(damaged, name: "bad.docx")?.code == .malformed)
        // Broken XML inside a sound archive: the part, line and column are named.
        let brokenXML = try OfficeFixture.zip([("_rels/.rels", OfficeFixture.rootRels("word/document.xml")),
                                               ("word/document.xml", "<w:document \(OfficeFixture.w)><w:body><w:p>\n<w:r></w:p>")])
        let broken = error(brokenXML, name: "broken.docx")
        #expect(broken?.description.contains("part word/document.xml is not well-formed XML at line 2") == true, "\(String(describing: broken))")
    }

    @Test func wrongExtensionsAreNamed() throws {
        let deck = try OfficeFixture.pptx(slides: [("slide1.xml", OfficeFixture.shape("t", paragraphs: ["<a:r><a:t>x</a:t></a:r>"]), nil)], order: ["slide1.xml"])
        #expect(error(deck, name: "plan.docx")?.description.contains("is a PowerPoint presentation (.pptx), not a Word document (.docx)") == true)
        #expect(error(Array("純文字，不是 Word".utf8), name: "plan.docx")?.description.contains("not a valid .docx file") == true)
        #expect(error(try plainDocx(), name: "post.md")?.description.contains("a ZIP archive") == true)
        #expect(error([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0], name: "old.xlsx")?.description.contains("legacy or password-protected") == true)
        #expect(error(Array("%PDF-1.4\n".utf8), name: "a.pptx")?.description.contains("a PDF file") == true)
    }

    /// Rewrites the uncompressed-size fields of every local header and central-directory
    /// record, as a hostile archive would.
    static func patchUncompressedSizes(_ bytes: inout [UInt8], to size: UInt32) {
        func put(_ offset: Int) {
            for k in 0..<4 { bytes[offset + k] = UInt8((size >> (8 * UInt32(k))) & 0xFF) }
        }
        var i = 0
        while i + 46 <= bytes.count {
            if bytes[i] == 0x50 && bytes[i + 1] == 0x4B && bytes[i + 2] == 0x03 && bytes[i + 3] == 0x04 { put(i + 22) }
            if bytes[i] == 0x50 && bytes[i + 1] == 0x4B && bytes[i + 2] == 0x01 && bytes[i + 3] == 0x02 { put(i + 24) }
            i += 1
        }
    }

    /// Offset of a stored entry's data (after its local header).
    static func dataStart(of name: String, in bytes: [UInt8]) -> Int? {
        let nameBytes = Array(name.utf8)
        var i = 0
        while i + 30 < bytes.count {
            if bytes[i] == 0x50 && bytes[i + 1] == 0x4B && bytes[i + 2] == 0x03 && bytes[i + 3] == 0x04 {
                let nameLength = Int(bytes[i + 26]) | Int(bytes[i + 27]) << 8
                let extraLength = Int(bytes[i + 28]) | Int(bytes[i + 29]) << 8
                if Array(bytes[(i + 30)..<(i + 30 + nameLength)]) == nameBytes { return i + 30 + nameLength + extraLength }
            }
            i += 1
        }
        return nil
    }
}
