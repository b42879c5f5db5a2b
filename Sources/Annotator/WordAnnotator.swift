import Extractors
import Foundation
import LintCore

/// Findings of a Word document as native comments (`word/comments.xml`), each anchored on
/// the flagged phrase: `w:commentRangeStart` before its first character and
/// `w:commentRangeEnd` plus the reference run after its last, splitting formatting runs
/// where the phrase starts or ends inside one (the split copies the run's formatting).
/// Existing comments are kept and new ids follow theirs.
struct WordAnnotator {
    let context: AnnotationContext

    static let commentsType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
    static let commentsContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
    static let namespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

    func annotate(_ findings: [Finding]) throws(AnnotationError) -> AnnotationOutcome {
        let found: String?
        let relationships: [String: OOXMLPackage.Relationship]
        let package = context.package
        do {
            found = try package.mainPart()
            relationships = try found.map { part throws(ExtractionError) in try package.relationships(of: part) } ?? [:]
        } catch { throw .unreadable(error) }
        guard let main = found else { throw .unsupported(path: context.path, reason: "no main document part; the file is damaged") }
        let anchorable = Set([main] + relationships.values.filter { ["footnotes", "endnotes"].contains($0.type) }.map(\.target))
        let commentsPart = relationships.values.first { $0.type == "comments" }?.target

        var outcome = AnnotationOutcome()
        var nextID = 0
        var existingComments: [UInt8]?
        if let commentsPart, let data = try context.read(commentsPart) {
            existingComments = Array(data)
            let tokens = try context.tokenize(existingComments!, part: commentsPart)
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
        for part in byPart.keys.sorted() {
            guard let data = try context.read(part) else { continue }
            let bytes = Array(data)
            let tokens = try context.tokenize(bytes, part: part)
            let layout = WordPartLayout(bytes, tokens: tokens)
            var splices = SpliceList()
            let planner = WordAnchorPlanner(bytes: bytes, layout: layout)
            for (finding, id) in byPart[part]! {
                let placed = planner.place(finding, id: id, ownPart: finding.location?.part == part, into: &splices)
                comments.append((id, CommentText.paragraphs(for: finding, approximate: placed.approximate)))
                if placed.approximate != nil { outcome.approximate.append(finding) } else { outcome.exact += 1 }
                if !placed.anchored { outcome.unanchored.append(finding) }
            }
            outcome.parts[part] = splices.apply(to: bytes)
        }
        comments.sort { $0.id < $1.id }

        let elements = comments.map { comment in commentElement(id: comment.id, paragraphs: comment.paragraphs) }.joined()
        if let commentsPart, let existing = existingComments {
            let tokens = try context.tokenize(existing, part: commentsPart)
            outcome.parts[commentsPart] = try PackageEdits.insert(elements, beforeClosing: "comments", in: existing, tokens: tokens,
                                                                  path: context.path, part: commentsPart)
        } else if !comments.isEmpty {
            let folder = (main as NSString).deletingLastPathComponent
            var name = (folder.isEmpty ? "" : folder + "/") + "comments.xml"
            if package.contains(name) { name = (folder.isEmpty ? "" : folder + "/") + "comments-adlaw.xml" }
            try outcome.addPart(name, xml: "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:comments xmlns:w=\"\(Self.namespace)\">\(elements)</w:comments>",
                                owner: main, relationshipType: Self.commentsType, target: (name as NSString).lastPathComponent,
                                contentType: Self.commentsContentType, context: context)
        }
        return outcome
    }

    private func commentElement(id: Int, paragraphs: [String]) -> String {
        var xml = "<w:comment w:id=\"\(id)\" w:author=\"\(XMLText.escape(context.author))\" w:initials=\"AL\""
        if let date = context.date { xml += " w:date=\"\(date)\"" }
        xml += ">"
        for (index, text) in paragraphs.enumerated() {
            xml += "<w:p><w:pPr><w:pStyle w:val=\"CommentText\"/></w:pPr>"
            if index == 0 { xml += "<w:r><w:rPr><w:rStyle w:val=\"CommentReference\"/></w:rPr><w:annotationRef/></w:r>" }
            xml += "<w:r>" + (index == 0 ? "<w:rPr><w:b/></w:rPr>" : "") + "<w:t xml:space=\"preserve\">\(XMLText.escape(text))</w:t></w:r></w:p>"
        }
        return xml + "</w:comment>"
    }
}
