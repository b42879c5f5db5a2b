import LintCore

/// Plans the comment markup of one finding in one Word part: exactly on the phrase when its
/// paragraph and characters are found and read the same as the finding says, else around
/// the whole paragraph, else around the first paragraph of the part.
struct WordAnchorPlanner {
    let bytes: [UInt8]
    let layout: WordPartLayout

    struct Placement {
        /// nil when exact; else where the finding really is, for the comment to say.
        var approximate: String?
        var anchored = true
    }

    private enum Side { case start, end }

    func place(_ finding: Finding, id: Int, ownPart: Bool, into splices: inout SpliceList) -> Placement {
        let start = "<w:commentRangeStart w:id=\"\(id)\"/>"
        let end = "<w:commentRangeEnd w:id=\"\(id)\"/><w:r><w:rPr><w:rStyle w:val=\"CommentReference\"/></w:rPr><w:commentReference w:id=\"\(id)\"/></w:r>"
        let where_ = (finding.logicalLocation ?? "") + "「\(finding.matchedText)」"
        if ownPart, let location = finding.location, let ordinal = location.paragraph, let paragraph = layout.paragraphs[ordinal] {
            let isImage = location.description.hasSuffix("(image)")
            if !isImage, let character = location.character,
               let exact = exactPoints(paragraph, from: character - 1, count: finding.matchedText.unicodeScalars.count, matched: finding.matchedText) {
                add(start, at: exact.start, to: &splices)
                add(end, at: exact.end, to: &splices)
                return Placement(approximate: nil)
            }
            if paragraph.endTag.lowerBound > paragraph.contentStart {
                splices.insert(start, at: paragraph.contentStart)
                splices.insert(end, at: paragraph.endTag.lowerBound)
                return Placement(approximate: isImage ? where_ + "（圖片描述）" : where_)
            }
        }
        // Headers, footers and comments cannot hold comments: the first paragraph with room.
        let paragraphs = layout.paragraphs
        if let first = paragraphs.keys.sorted().compactMap({ paragraphs[$0] }).first(where: { $0.endTag.lowerBound > $0.contentStart }) {
            splices.insert(start, at: first.contentStart)
            splices.insert(end, at: first.endTag.lowerBound)
            return Placement(approximate: where_)
        }
        return Placement(approximate: where_, anchored: false)
    }

    /// A place between characters of a paragraph: insert there plainly, or split the run.
    struct Point {
        var position: Int
        /// Split this run there (and the `w:t` too when inside text).
        var splitRun: Int?
        var insideText: Range<Int>?
    }

    private func exactPoints(_ paragraph: WordPartLayout.Paragraph, from start: Int, count: Int, matched: String) -> (start: Point, end: Point)? {
        let scalars = Array(paragraph.text.unicodeScalars)
        guard start >= 0, count > 0, start + count <= scalars.count,
              String(String.UnicodeScalarView(scalars[start..<start + count])) == matched else { return nil }
        guard let first = paragraph.pieces.first(where: { $0.start <= start && start < $0.start + $0.count }),
              let last = paragraph.pieces.first(where: { $0.start < start + count && start + count <= $0.start + $0.count }),
              let startPoint = point(first, at: start - first.start),
              let endPoint = point(last, at: start + count - last.start) else { return nil }
        return (startPoint, endPoint)
    }

    /// The point before character `k` of a piece (k == count: after its last).
    private func point(_ piece: WordPartLayout.Piece, at k: Int) -> Point? {
        guard let runIndex = piece.run else { return nil }
        let run = layout.runs[runIndex]
        var position: Int
        var insideText: Range<Int>?
        if k == 0 { position = piece.element.lowerBound } else if k == piece.count { position = piece.element.upperBound } else {
            guard let offsets = piece.offsets else { return nil }
            position = offsets[k]
            insideText = piece.element.lowerBound..<offsets[0]
        }
        if insideText == nil {
            let contentStart = run.properties?.upperBound ?? run.startTag.upperBound
            if isBlank(contentStart..<position) { return Point(position: run.startTag.lowerBound) }
            if isBlank(position..<run.endTag.lowerBound) { return Point(position: run.endTag.upperBound) }
        }
        return Point(position: position, splitRun: runIndex, insideText: insideText)
    }

    private func isBlank(_ range: Range<Int>) -> Bool {
        guard range.lowerBound <= range.upperBound else { return false }
        return bytes[range].allSatisfy(XMLTokenizer.isSpace)
    }

    private func add(_ markup: String, at point: Point, to splices: inout SpliceList) {
        guard let runIndex = point.splitRun else {
            splices.insert(markup, at: point.position)
            return
        }
        let run = layout.runs[runIndex]
        let reopenRun = String(decoding: bytes[run.startTag], as: UTF8.self) + (run.properties.map { String(decoding: bytes[$0], as: UTF8.self) } ?? "")
        if let textTag = point.insideText {
            // Both halves keep their spaces.
            let tag = String(decoding: bytes[textTag], as: UTF8.self)
            if !tag.contains("xml:space") {
                splices.replace(textTag, with: String(tag.dropLast()) + " xml:space=\"preserve\">")
            }
            let name = tag.dropFirst().prefix { !XMLTokenizer.isSpace($0.asciiValue ?? 0) && $0 != ">" && $0 != "/" }
            splices.insert("</\(name)></w:r>" + markup + reopenRun + "<\(name) xml:space=\"preserve\">", at: point.position)
        } else {
            splices.insert("</w:r>" + markup + reopenRun, at: point.position)
        }
    }
}
