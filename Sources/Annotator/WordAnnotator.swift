import Extractors
import Foundation
import LintCore

/// Findings of a Word document as native comments (`word/comments.xml`), each anchored on
/// the flagged phrase: `w:commentRangeStart` before its first character and
/// `w:commentRangeEnd` plus the reference run after its last, splitting formatting runs
/// where the phrase starts or ends inside one (the split copies the run's formatting).
/// Existing comments are kept and new ids follow theirs.
struct WordAnnotator {
    let package: OOXMLPackage
    let path: String
    let author: String
    let date: String?

    static let commentsType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
    static let commentsContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
    static let namespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

    func annotate(_ findings: [Finding]) throws(AnnotationError) -> AnnotationOutcome {
        let found: String?
        let relationships: [String: OOXMLPackage.Relationship]
        do {
            found = try package.mainPart()
            relationships = try found.map { part throws(ExtractionError) in try package.relationships(of: part) } ?? [:]
        } catch { throw .unreadable(error) }
        guard let main = found else { throw .unsupported(path: path, reason: "no main document part; the file is damaged") }
        let anchorable = Set([main] + relationships.values.filter { ["footnotes", "endnotes"].contains($0.type) }.map(\.target))
        let commentsPart = relationships.values.first { $0.type == "comments" }?.target

        var outcome = AnnotationOutcome()
        var nextID = 0
        var existingComments: [UInt8]?
        if let commentsPart, let data = try read(commentsPart) {
            existingComments = Array(data)
            let tokens = try tokenize(existingComments!, part: commentsPart)
            for token in tokens where token.localName == "comment" {
                if case .start = token.kind, let id = XMLTokenizer.attribute("w:id", in: existingComments![token.range]).flatMap(Int.init) {
                    nextID = max(nextID, id + 1)
                }
            }
        }

        // Each finding goes to a part and a paragraph: its own where comments can be anchored,
        // else the first paragraph of the body, with its place said in the comment.
        var byPart: [String: [(Finding, Int)]] = [:]
        var comments: [(id: Int, paragraphs: [String])] = []
        for finding in findings {
            let id = nextID
            nextID += 1
            let part = finding.location?.part.flatMap { anchorable.contains($0) ? $0 : nil } ?? main
            byPart[part, default: []].append((finding, id))
        }
        var changed: [String: [UInt8]] = [:]
        for part in byPart.keys.sorted() {
            guard let data = try read(part) else { continue }
            let bytes = Array(data)
            let tokens = try tokenize(bytes, part: part)
            let layout = WordPartLayout(bytes, tokens: tokens)
            var splices = SpliceList()
            let planner = WordAnchorPlanner(bytes: bytes, layout: layout)
            for (finding, id) in byPart[part]! {
                let placed = planner.place(finding, id: id, ownPart: finding.location?.part == part, into: &splices)
                comments.append((id, CommentText.paragraphs(for: finding, approximate: placed.approximate)))
                if placed.approximate != nil { outcome.approximate.append(finding) } else { outcome.exact += 1 }
                if !placed.anchored { outcome.unanchored.append(finding) }
            }
            changed[part] = splices.apply(to: bytes)
        }
        comments.sort { $0.id < $1.id }

        let elements = comments.map { comment in commentElement(id: comment.id, paragraphs: comment.paragraphs) }.joined()
        if let commentsPart, let existing = existingComments {
            let tokens = try tokenize(existing, part: commentsPart)
            guard let close = tokens.last(where: { if case .end = $0.kind { return $0.localName == "comments" } else { return false } }) else {
                throw .damagedPart(path: path, part: commentsPart, offset: existing.count)
            }
            var splices = SpliceList()
            splices.insert(elements, at: close.range.lowerBound)
            changed[commentsPart] = splices.apply(to: existing)
        } else if !comments.isEmpty {
            let folder = (main as NSString).deletingLastPathComponent
            var name = (folder.isEmpty ? "" : folder + "/") + "comments.xml"
            if package.contains(name) { name = (folder.isEmpty ? "" : folder + "/") + "comments-adlaw.xml" }
            changed[name] = Array("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:comments xmlns:w=\"\(Self.namespace)\">\(elements)</w:comments>".utf8)
            outcome.added.append(name)
            let relsPart = PackageEdits.relationshipsPart(of: main)
            changed[relsPart] = try PackageEdits.addRelationship(to: read(relsPart).map(Array.init), type: Self.commentsType,
                                                                 target: (name as NSString).lastPathComponent, path: path, part: relsPart)
            if !package.contains(relsPart) { outcome.added.append(relsPart) }
            changed["[Content_Types].xml"] = try PackageEdits.addOverride(to: read("[Content_Types].xml").map(Array.init), part: "/" + name,
                                                                          contentType: Self.commentsContentType, path: path)
        }
        outcome.parts = changed
        return outcome
    }

    private func commentElement(id: Int, paragraphs: [String]) -> String {
        var xml = "<w:comment w:id=\"\(id)\" w:author=\"\(XMLText.escape(author))\" w:initials=\"AL\""
        if let date { xml += " w:date=\"\(date)\"" }
        xml += ">"
        for (index, text) in paragraphs.enumerated() {
            xml += "<w:p><w:pPr><w:pStyle w:val=\"CommentText\"/></w:pPr>"
            if index == 0 { xml += "<w:r><w:rPr><w:rStyle w:val=\"CommentReference\"/></w:rPr><w:annotationRef/></w:r>" }
            xml += "<w:r>" + (index == 0 ? "<w:rPr><w:b/></w:rPr>" : "") + "<w:t xml:space=\"preserve\">\(XMLText.escape(text))</w:t></w:r></w:p>"
        }
        return xml + "</w:comment>"
    }

    private func read(_ part: String) throws(AnnotationError) -> Data? {
        do { return try package.read(part) } catch { throw .unreadable(error) }
    }

    private func tokenize(_ bytes: [UInt8], part: String) throws(AnnotationError) -> [XMLToken] {
        do { return try XMLTokenizer.tokenize(bytes) } catch { throw .damagedPart(path: path, part: part, offset: error.offset) }
    }
}

/// What annotating produced: the parts to replace or add, and how each finding was placed.
struct AnnotationOutcome {
    var parts: [String: [UInt8]] = [:]
    /// Parts that are new (the package's directory gets them at the end).
    var added: [String] = []
    /// Findings anchored exactly on their phrase.
    var exact = 0
    /// Findings anchored on their paragraph or on the first paragraph of the document
    /// (a header, an image's description, a phrase whose place could not be matched).
    var approximate: [Finding] = []
    /// Findings that could not be anchored anywhere (the document has no paragraph).
    var unanchored: [Finding] = []
}
