import Extractors
import Foundation
import LintCore

/// Findings of a PowerPoint deck as native slide comments (`ppt/comments/commentN.xml`, by
/// the author "adlaw" in `ppt/commentAuthors.xml`). A PowerPoint comment points at a place
/// on a slide, not at a range of text, so each is placed at the top-left corner of the shape
/// that holds the phrase and quotes the phrase with its shape and paragraph. Findings in the
/// speaker notes go on their slide. Existing comments and authors are kept.
struct SlideAnnotator {
    let context: AnnotationContext

    static let relationshipBase = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    static let namespace = "http://schemas.openxmlformats.org/presentationml/2006/main"
    static let commentsContentType = "application/vnd.openxmlformats-officedocument.presentationml.comments+xml"
    static let authorsContentType = "application/vnd.openxmlformats-officedocument.presentationml.commentAuthors+xml"

    func annotate(_ findings: [Finding]) throws(AnnotationError) -> AnnotationOutcome {
        var outcome = AnnotationOutcome()
        guard !findings.isEmpty else { return outcome }
        let package = context.package, path = context.path, author = context.author
        let main = try context.call { () throws(ExtractionError) in try package.mainPart() } ?? "ppt/presentation.xml"
        let mainRels = try context.call { () throws(ExtractionError) in try package.relationships(of: main) }
        let slides = try slideParts(main: main, relationships: mainRels)
        guard try context.read("[Content_Types].xml") != nil else { throw .damagedPart(path: path, part: "[Content_Types].xml", offset: 0) }

        // The author: adlaw's entry in commentAuthors.xml, added when missing.
        let authorsPart = mainRels.values.first { $0.type == "commentAuthors" }?.target
        let authorsBytes = try authorsPart.flatMap { part throws(AnnotationError) in try context.read(part) }.map { [UInt8]($0) }
        var authorID = 0
        var lastIndex = 0
        var authorTag: Range<Int>?
        if let authorsBytes, let authorsPart {
            let tokens = try context.tokenize(authorsBytes, part: authorsPart)
            var maxID = -1
            for token in tokens where token.localName == "cmAuthor" {
                guard case .start = token.kind else { continue }
                let tag = authorsBytes[token.range]
                let id = XMLTokenizer.attribute("id", in: tag).flatMap(Int.init) ?? 0
                maxID = max(maxID, id)
                if XMLTokenizer.attribute("name", in: tag) == author {
                    authorID = id
                    lastIndex = XMLTokenizer.attribute("lastIdx", in: tag).flatMap(Int.init) ?? 0
                    authorTag = token.range
                }
            }
            if authorTag == nil { authorID = maxID + 1 }
        }

        var bySlide: [Int: [Finding]] = [:]
        for finding in findings { bySlide[finding.location?.slide ?? 1, default: []].append(finding) }
        var commentNumber = (package.orderedPartNames.compactMap { name -> Int? in
            guard name.hasPrefix("ppt/comments/comment"), name.hasSuffix(".xml") else { return nil }
            return Int(name.dropFirst("ppt/comments/comment".count).dropLast(4))
        }.max() ?? 0)
        for slideNumber in bySlide.keys.sorted() {
            let slidePart = slides.indices.contains(slideNumber - 1) ? slides[slideNumber - 1] : slides.first
            guard let slidePart, let slideData = try context.read(slidePart) else {
                outcome.unanchored += bySlide[slideNumber]!
                continue
            }
            let slideBytes = Array(slideData)
            let slideTokens = try context.tokenize(slideBytes, part: slidePart)
            var elements = ""
            for finding in bySlide[slideNumber]! {
                lastIndex += 1
                let (x, y) = Self.position(of: finding.location?.shape, in: slideBytes, tokens: slideTokens)
                elements += "<p:cm authorId=\"\(authorID)\"" + (context.date.map { " dt=\"\($0)\"" } ?? "") + " idx=\"\(lastIndex)\">"
                elements += "<p:pos x=\"\(x)\" y=\"\(y)\"/><p:text>\(XMLText.escape(text(for: finding)))</p:text></p:cm>"
                outcome.approximate.append(finding)
            }
            let slideRels = try context.call { () throws(ExtractionError) in try package.relationships(of: slidePart) }
            if let existing = slideRels.values.first(where: { $0.type == "comments" })?.target, let bytes = try context.read(existing) {
                let tokens = try context.tokenize(Array(bytes), part: existing)
                outcome.parts[existing] = try PackageEdits.insert(elements, beforeClosing: "cmLst", in: Array(bytes), tokens: tokens, path: path, part: existing)
            } else {
                commentNumber += 1
                try outcome.addPart("ppt/comments/comment\(commentNumber).xml",
                                    xml: "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<p:cmLst xmlns:p=\"\(Self.namespace)\">\(elements)</p:cmLst>",
                                    owner: slidePart, relationshipType: Self.relationshipBase + "comments",
                                    target: "../comments/comment\(commentNumber).xml", contentType: Self.commentsContentType, context: context)
            }
        }

        let authorElement = "<p:cmAuthor id=\"\(authorID)\" name=\"\(XMLText.escape(author))\" initials=\"AL\" lastIdx=\"\(lastIndex)\" clrIdx=\"\(authorID)\"/>"
        if let authorsPart, let authorsBytes {
            let bytes = authorsBytes
            var splices = SpliceList()
            if let authorTag {
                splices.replace(authorTag, with: authorElement)
                outcome.parts[authorsPart] = splices.apply(to: bytes)
            } else {
                outcome.parts[authorsPart] = try PackageEdits.insert(authorElement, beforeClosing: "cmAuthorLst", in: bytes,
                                                                     tokens: context.tokenize(bytes, part: authorsPart), path: path, part: authorsPart)
            }
        } else {
            try outcome.addPart("ppt/commentAuthors.xml",
                                xml: "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<p:cmAuthorLst xmlns:p=\"\(Self.namespace)\">\(authorElement)</p:cmAuthorLst>",
                                owner: main, relationshipType: Self.relationshipBase + "commentAuthors",
                                target: "commentAuthors.xml", contentType: Self.authorsContentType, context: context)
        }
        return outcome
    }

    private func text(for finding: Finding) -> String {
        let place = finding.location?.shape == "notes" ? "講者備註" : (finding.logicalLocation ?? "")
        var paragraphs = CommentText.paragraphs(for: finding, approximate: nil)
        paragraphs.insert("「\(finding.matchedText)」（\(place)）", at: 1)
        return paragraphs.joined(separator: "\n")
    }

    /// Slide parts in presentation order (`p:sldIdLst`).
    private func slideParts(main: String, relationships: [String: OOXMLPackage.Relationship]) throws(AnnotationError) -> [String] {
        guard let data = try context.read(main) else { return [] }
        let bytes = Array(data)
        return try context.tokenize(bytes, part: main).compactMap { token in
            guard token.localName == "sldId", case .start = token.kind, let id = XMLTokenizer.attribute("r:id", in: bytes[token.range]) else { return nil }
            return relationships[id]?.target
        }
    }

    /// The top-left corner of the named shape, in the comment's unit (1/576 inch; EMU / 1587.5).
    static func position(of shape: String?, in bytes: [UInt8], tokens: [XMLToken]) -> (Int, Int) {
        guard let shape else { return (0, 0) }
        var found = false
        for token in tokens {
            guard case .start = token.kind else { continue }
            let name = token.localName
            if name == "cNvPr" { found = XMLTokenizer.attribute("name", in: bytes[token.range]) == shape }
            if found && name == "off" {
                let x = XMLTokenizer.attribute("x", in: bytes[token.range]).flatMap(Double.init) ?? 0
                let y = XMLTokenizer.attribute("y", in: bytes[token.range]).flatMap(Double.init) ?? 0
                return (Int(x / 1587.5), Int(y / 1587.5))
            }
        }
        return (0, 0)
    }
}
