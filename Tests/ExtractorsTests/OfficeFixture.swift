import Foundation
import ZIPFoundation

/// Builds Office files in memory for tests: a ZIP of XML parts written with ZIPFoundation.
enum OfficeFixture {
    static func zip(_ parts: [(String, String)], compression: CompressionMethod = .deflate) throws -> [UInt8] {
        try zipData(parts.map { ($0.0, Data($0.1.utf8)) }, compression: compression)
    }

    static func zipData(_ parts: [(String, Data)], compression: CompressionMethod = .deflate) throws -> [UInt8] {
        let archive = try Archive(data: Data(), accessMode: .create)
        for (path, data) in parts {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: compression) { position, size in
                data.subdata(in: Int(position)..<(Int(position) + size))
            }
        }
        guard let data = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return [UInt8](data)
    }

    static func rootRels(_ target: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="\(target)"/></Relationships>
        """
    }

    static func rels(_ items: [(id: String, type: String, target: String)]) -> String {
        let body = items.map { "<Relationship Id=\"\($0.id)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/\($0.type)\" Target=\"\($0.target)\"/>" }.joined()
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\(body)</Relationships>"
    }

    static let w = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\" xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" xmlns:w14=\"http://schemas.microsoft.com/office/word/2010/wordml\""

    /// A Word document whose body is `body` (the inside of `w:body`).
    static func docx(body: String, header: String? = nil, comments: String? = nil, footnotes: String? = nil) throws -> [UInt8] {
        var parts: [(String, String)] = [
            ("[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"),
            ("_rels/.rels", rootRels("word/document.xml")),
            ("word/document.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document \(w)><w:body>\(body)</w:body></w:document>"),
            ("word/styles.xml", "<?xml version=\"1.0\"?><w:styles \(w)><w:style w:type=\"paragraph\" w:styleId=\"1\"><w:name w:val=\"heading 1\"/></w:style><w:style w:type=\"paragraph\" w:styleId=\"31\"><w:name w:val=\"heading 3\"/></w:style><w:style w:type=\"paragraph\" w:styleId=\"a3\"><w:name w:val=\"Title\"/></w:style></w:styles>"),
        ]
        var relations: [(id: String, type: String, target: String)] = [("rId1", "styles", "styles.xml")]
        if let header {
            parts.append(("word/header1.xml", "<?xml version=\"1.0\"?><w:hdr \(w)>\(header)</w:hdr>"))
            relations.append(("rId2", "header", "header1.xml"))
            relations.append(("rId3", "header", "header1.xml")) // referenced twice, read once
        }
        if let comments {
            parts.append(("word/comments.xml", "<?xml version=\"1.0\"?><w:comments \(w)>\(comments)</w:comments>"))
            relations.append(("rId4", "comments", "comments.xml"))
        }
        if let footnotes {
            parts.append(("word/footnotes.xml", "<?xml version=\"1.0\"?><w:footnotes \(w)>\(footnotes)</w:footnotes>"))
            relations.append(("rId5", "footnotes", "footnotes.xml"))
        }
        parts.append(("word/_rels/document.xml.rels", rels(relations)))
        return try zip(parts)
    }

    static let p = "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" xmlns:p=\"http://schemas.openxmlformats.org/presentationml/2006/main\""

    static func shape(_ name: String, placeholder: String? = nil, paragraphs: [String]) -> String {
        let ph = placeholder.map { "<p:nvPr><p:ph type=\"\($0)\"/></p:nvPr>" } ?? "<p:nvPr/>"
        let body = paragraphs.map { "<a:p>\($0)</a:p>" }.joined()
        return "<p:sp><p:nvSpPr><p:cNvPr id=\"2\" name=\"\(name)\"/><p:cNvSpPr/>\(ph)</p:nvSpPr><p:txBody><a:bodyPr/>\(body)</p:txBody></p:sp>"
    }

    /// A deck whose slides are listed in `order` (file names) with their shapes, and notes.
    static func pptx(slides: [(file: String, shapes: String, notes: String?)], order: [String]) throws -> [UInt8] {
        var parts: [(String, String)] = [("_rels/.rels", rootRels("ppt/presentation.xml"))]
        var presRels: [(id: String, type: String, target: String)] = []
        var ids = ""
        for (index, file) in order.enumerated() {
            presRels.append(("rId\(index + 10)", "slide", "slides/\(file)"))
            ids += "<p:sldId id=\"\(256 + index)\" r:id=\"rId\(index + 10)\"/>"
        }
        parts.append(("ppt/presentation.xml", "<?xml version=\"1.0\"?><p:presentation \(p)><p:sldIdLst>\(ids)</p:sldIdLst></p:presentation>"))
        parts.append(("ppt/_rels/presentation.xml.rels", rels(presRels)))
        for (index, slide) in slides.enumerated() {
            parts.append(("ppt/slides/\(slide.file)", "<?xml version=\"1.0\"?><p:sld \(p)><p:cSld><p:spTree>\(slide.shapes)</p:spTree></p:cSld></p:sld>"))
            if let notes = slide.notes {
                let notesFile = "notesSlide\(index + 1).xml"
                parts.append(("ppt/notesSlides/\(notesFile)", "<?xml version=\"1.0\"?><p:notes \(p)><p:cSld><p:spTree>\(shape("Slide Image", placeholder: "sldImg", paragraphs: []))\(shape("Notes", placeholder: "body", paragraphs: ["<a:r><a:t>\(notes)</a:t></a:r>"]))\(shape("Num", placeholder: "sldNum", paragraphs: ["<a:r><a:t>1</a:t></a:r>"]))</p:spTree></p:cSld></p:notes>"))
                parts.append(("ppt/slides/_rels/\(slide.file).rels", rels([("rId1", "notesSlide", "../notesSlides/\(notesFile)")])))
            }
        }
        return try zip(parts)
    }
}
