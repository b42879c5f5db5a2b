import Foundation

/// The package-level bookkeeping of a new part: its relationship and its content type.
enum PackageEdits {
    /// `word/document.xml` -> `word/_rels/document.xml.rels`.
    static func relationshipsPart(of part: String) -> String {
        let folder = (part as NSString).deletingLastPathComponent
        return (folder.isEmpty ? "" : folder + "/") + "_rels/" + (part as NSString).lastPathComponent + ".rels"
    }

    /// Adds a relationship (with an id the part does not use yet); creates the part if needed.
    static func addRelationship(to existing: [UInt8]?, type: String, target: String, path: String, part: String) throws(AnnotationError) -> [UInt8] {
        let namespace = "http://schemas.openxmlformats.org/package/2006/relationships"
        guard let existing else {
            return Array("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"\(namespace)\"><Relationship Id=\"rIdAdlaw1\" Type=\"\(type)\" Target=\"\(XMLText.escape(target))\"/></Relationships>".utf8)
        }
        let tokens: [XMLToken]
        do { tokens = try XMLTokenizer.tokenize(existing) } catch { throw .damagedPart(path: path, part: part, offset: error.offset) }
        var ids = Set<String>()
        for token in tokens where token.localName == "Relationship" {
            if let id = XMLTokenizer.attribute("Id", in: existing[token.range]) { ids.insert(id) }
        }
        var n = 1
        while ids.contains("rIdAdlaw\(n)") { n += 1 }
        let element = "<Relationship Id=\"rIdAdlaw\(n)\" Type=\"\(type)\" Target=\"\(XMLText.escape(target))\"/>"
        return try insert(element, beforeClosing: "Relationships", in: existing, tokens: tokens, path: path, part: part)
    }

    /// Adds an `Override` for a new part to `[Content_Types].xml`.
    static func addOverride(to existing: [UInt8]?, part name: String, contentType: String, path: String) throws(AnnotationError) -> [UInt8] {
        let part = "[Content_Types].xml"
        guard let existing else { throw .damagedPart(path: path, part: part, offset: 0) }
        let tokens: [XMLToken]
        do { tokens = try XMLTokenizer.tokenize(existing) } catch { throw .damagedPart(path: path, part: part, offset: error.offset) }
        let element = "<Override PartName=\"\(XMLText.escape(name))\" ContentType=\"\(contentType)\"/>"
        return try insert(element, beforeClosing: "Types", in: existing, tokens: tokens, path: path, part: part)
    }

    static func insert(_ element: String, beforeClosing name: String, in bytes: [UInt8], tokens: [XMLToken], path: String, part: String) throws(AnnotationError) -> [UInt8] {
        guard let close = tokens.last(where: { if case .end = $0.kind { return $0.localName == name } else { return false } }) else {
            throw .damagedPart(path: path, part: part, offset: bytes.count)
        }
        var splices = SpliceList()
        splices.insert(element, at: close.range.lowerBound)
        return splices.apply(to: bytes)
    }
}
