@testable import Annotator
import Checker
import Extractors
import Foundation
import LintCore
import Testing
import TestSupport
import ZIPFoundation

/// `adlaw annotate`: comments on the exact phrase, across runs, nothing else changed.
/// The test with a real client (LibreOffice opening the copy) is `scripts/e2e/annotate_libreoffice.sh`.
@Suite struct AnnotatorTests {
    static func checker() throws -> (Checker, CheckOptions) {
        var options = CheckOptions()
        options.rules.builtinFolder = TestSupport.rulesFolder
        options.rules.config = .none
        options.rules.cacheDirectory = CLI.cacheFolder
        options.jobs = 1
        return (try Checker(options.rules), options)
    }

    static func findings(_ bytes: [UInt8], name: String, sectors: [String] = []) throws -> [Finding] {
        var (checker, options) = try checker()
        options.sectors = sectors
        return try checker.run(.documents([InMemoryDocument(name: name, bytes: bytes)]), options: options).open
    }

    /// A package with these parts (stored as given).
    static func package(_ parts: [(String, String)]) throws -> [UInt8] {
        let archive = try Archive(data: Data(), accessMode: .create)
        for (name, text) in parts {
            let data = Data(text.utf8)
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return Array(archive.data!)
    }

    static func parts(_ bytes: Data) throws -> [String: String] {
        let archive = try Archive(data: bytes, accessMode: .read)
        var out: [String: String] = [:]
        for entry in archive {
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            out[entry.path] = String(decoding: data, as: UTF8.self)
        }
        return out
    }

    static let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

    /// 預防感冒 split over three runs (plain, bold, italic), a reviewer's comment already there.
    static func wordDocument() throws -> [UInt8] {
        try package([
            ("[Content_Types].xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/></Types>
            """),
            ("_rels/.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>
            """),
            ("word/_rels/document.xml.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/></Relationships>
            """),
            ("word/document.xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:document xmlns:w="\(w)"><w:body>
            <w:p><w:r><w:t>新品企劃</w:t></w:r></w:p>
            <w:p><w:pPr><w:jc w:val="left"/></w:pPr><w:r><w:t xml:space="preserve">每天一杯，預</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>防感</w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t>冒 &amp; 元氣</w:t></w:r></w:p>
            <w:p><w:commentRangeStart w:id="0"/><w:r><w:t>本商品網路限定，恕不退換。</w:t></w:r><w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r></w:p>
            </w:body></w:document>
            """),
            ("word/comments.xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:comments xmlns:w="\(w)"><w:comment w:id="0" w:author="王小明" w:initials="WX"><w:p><w:r><w:t>請法務看一下</w:t></w:r></w:p></w:comment></w:comments>
            """),
        ])
    }

    /// The text between each adlaw comment's range markers, by comment id.
    static func anchoredText(_ document: String) throws -> [Int: String] {
        var out: [Int: String] = [:]
        let starts = try Regex(#"<w:commentRangeStart w:id="(\d+)"/>"#)
        for match in document.matches(of: starts) {
            let id = Int(match.output[1].substring!)!
            guard let end = document.range(of: "<w:commentRangeEnd w:id=\"\(id)\"/>", range: match.range.upperBound..<document.endIndex) else { continue }
            let inside = String(document[match.range.upperBound..<end.lowerBound])
            var text = ""
            for t in inside.matches(of: try Regex(#"<w:t(?: [^>]*)?>([^<]*)</w:t>"#)) { text += t.output[1].substring! }
            out[id] = text.replacingOccurrences(of: "&amp;", with: "&")
        }
        return out
    }

    @Test func wordCommentsSitExactlyOnThePhraseAcrossRuns() throws {
        let original = try Self.wordDocument()
        let findings = try Self.findings(original, name: "plan.docx", sectors: ["food"])
        #expect(findings.map(\.matchedText) == ["預防感冒", "恕不退換"])
        let result = try OfficeAnnotator(date: nil).annotate(original, path: "plan.docx", findings: findings)
        #expect(result.exact == 2)
        #expect(result.approximate.isEmpty)
        let parts = try Self.parts(result.bytes)
        let document = try #require(parts["word/document.xml"])
        let anchored = try Self.anchoredText(document)
        #expect(anchored[1] == "預防感冒")
        #expect(anchored[2] == "恕不退換")
        #expect(anchored[0] == "本商品網路限定，恕不退換。")  // the reviewer's range, untouched
        // The split runs keep their formatting: 預 plain, 防感 bold, 冒 italic.
        #expect(document.contains("<w:r><w:rPr><w:b/></w:rPr><w:t>防感</w:t></w:r>"))
        #expect(document.contains("<w:r><w:rPr><w:i/></w:rPr><w:t xml:space=\"preserve\">冒</w:t></w:r><w:commentRangeEnd w:id=\"1\"/>"))
        let comments = try #require(parts["word/comments.xml"])
        #expect(comments.contains("w:author=\"王小明\""))
        #expect(comments.contains("請法務看一下"))
        #expect(comments.contains("<w:comment w:id=\"1\" w:author=\"adlaw\""))
        #expect(comments.contains("法規：食品安全衛生管理法 第28條第2項；廣告主：新臺幣60萬元以上500萬元以下罰鍰"))
        #expect(comments.contains("建議："))
        #expect(comments.contains("消費者保護法 第19條第1項、第5項"))
        // Every other part is as it was.
        let before = try Self.parts(Data(original))
        for (name, text) in before where !["word/document.xml", "word/comments.xml"].contains(name) { #expect(parts[name] == text) }
        // The copy reads as the same text, paragraph by paragraph.
        let reread = try WordExtractor().extract(Array(result.bytes), path: "plan.docx")
        let source = try WordExtractor().extract(original, path: "plan.docx")
        let body = { (d: ExtractedDocument) in d.segments.filter { $0.zone != .comment }.map(\.text) }
        #expect(body(reread) == body(source))
    }

    @Test func aDocumentWithoutCommentsGetsTheCommentsPart() throws {
        let bytes = Array(try Data(contentsOf: TestSupport.packageRoot.appendingPathComponent("Corpus/formats/campaign-plan.docx")))
        let findings = try Self.findings(bytes, name: "campaign-plan.docx")
        #expect(!findings.isEmpty)
        let result = try OfficeAnnotator(date: "2026-12-06T09:00:00Z").annotate(bytes, path: "campaign-plan.docx", findings: findings)
        let parts = try Self.parts(result.bytes)
        #expect(result.exact == findings.count)
        let anchored = try Self.anchoredText(try #require(parts["word/document.xml"]))
        #expect(anchored.keys.sorted() == Array(0..<findings.count))
        for (id, finding) in findings.enumerated() { #expect(anchored[id] == finding.matchedText) }
        #expect(parts["[Content_Types].xml"]?.contains("/word/comments.xml") == true)
        #expect(parts["word/_rels/document.xml.rels"]?.contains("relationships/comments\" Target=\"comments.xml\"") == true)
        #expect(parts["word/comments.xml"]?.contains("w:date=\"2026-12-06T09:00:00Z\"") == true)
        // Annotating is deterministic.
        let again = try OfficeAnnotator(date: "2026-12-06T09:00:00Z").annotate(bytes, path: "campaign-plan.docx", findings: findings)
        #expect(again.bytes == result.bytes)
    }

    @Test func slideCommentsByAdlawOnTheirSlides() throws {
        let bytes = Array(try Data(contentsOf: TestSupport.packageRoot.appendingPathComponent("Corpus/formats/pitch-deck.pptx")))
        let findings = try Self.findings(bytes, name: "pitch-deck.pptx")
        #expect(findings.count >= 2)
        let result = try OfficeAnnotator(date: nil).annotate(bytes, path: "pitch-deck.pptx", findings: findings)
        let parts = try Self.parts(result.bytes)
        let authors = try #require(parts["ppt/commentAuthors.xml"])
        #expect(authors.contains("name=\"adlaw\""))
        #expect(authors.contains("lastIdx=\"\(findings.count)\""))
        let comments = parts.filter { $0.key.hasPrefix("ppt/comments/comment") }
        #expect(!comments.isEmpty)
        let all = comments.values.joined()
        for finding in findings { #expect(all.contains("「\(finding.matchedText)」")) }
        #expect(all.contains("化粧品衛生安全管理法"))
        #expect(parts["[Content_Types].xml"]?.contains("presentationml.comments+xml") == true)
        #expect(parts["ppt/_rels/presentation.xml.rels"]?.contains("relationships/commentAuthors") == true)
        // The deck still reads, with the same slide text.
        let reread = try PresentationExtractor().extract(Array(result.bytes), path: "pitch-deck.pptx")
        let source = try PresentationExtractor().extract(bytes, path: "pitch-deck.pptx")
        let body = { (d: ExtractedDocument) in d.segments.filter { $0.zone != .comment }.map(\.text) }
        #expect(body(reread) == body(source))
    }

    @Test func otherFormatsAndDamagedFilesAreRefused() throws {
        #expect(throws: AnnotationError.self) { try OfficeAnnotator(date: nil).annotate(Array("x".utf8), path: "copy.md", findings: []) }
        #expect(throws: AnnotationError.self) { try OfficeAnnotator(date: nil).annotate(Array("PK not a zip".utf8), path: "broken.docx", findings: []) }
    }

    @Test func tokenizerKeepsEveryByte() throws {
        let xml = Array("<?xml version=\"1.0\"?><a x='1>2'><!-- c --><b/>t &amp; u<![CDATA[<z>]]></a>".utf8)
        let tokens = try XMLTokenizer.tokenize(xml)
        #expect(tokens.map(\.range.count).reduce(0, +) == xml.count)
        #expect(tokens[1].kind == .start(name: "a", selfClosing: false))
        #expect(XMLTokenizer.attribute("x", in: xml[tokens[1].range]) == "1>2")
        #expect(throws: XMLTokenizer.Failure.self) { try XMLTokenizer.tokenize(Array("<!DOCTYPE x><x/>".utf8)) }
    }
}
