import LintCore

/// GitHub-flavoured Markdown (libcmark-gfm): paragraphs joined across soft line breaks,
/// headings, list items, quotes, table cells, footnotes, link text and image alt text, each
/// mapped back to its source bytes. Code, HTML comments, link destinations and bare URLs
/// are skipped; raw HTML blocks go through the HTML extractor; a YAML front matter is read
/// as metadata (sector, channel, publish date, product) and not checked as copy.
public struct MarkdownExtractor: TextExtractor {
    public let format = "markdown"
    public let extensions = ["md", "markdown", "mdown", "mkd"]

    public var limits: ExtractionLimits

    public init(limits: ExtractionLimits = ExtractionLimits()) { self.limits = limits }

    public func extract(_ bytes: [UInt8], path: String) throws(ExtractionError) -> ExtractedDocument {
        let decoded = try TextDecoding.decode(bytes, path: path)
        var notes = decoded.notes(path: path)
        let blanked = FrontMatterBlanking(decoded, path: path)
        notes += blanked.front?.notes ?? []
        if let violation = MarkdownGuard.firstViolation(blanked.bytes) {
            throw .limitExceeded(path: path, what: "\(violation.what) (from line \(violation.line)); such markup takes the Markdown parser minutes to read")
        }
        guard let tree = CmarkTree(ParserInput.sanitized(blanked.bytes)) else {
            throw .malformed(path: path, line: nil, column: nil, reason: "the Markdown parser could not be started (out of memory?)")
        }
        let html = HTMLSegmenter(source: blanked.bytes, maxDepth: limits.maxNestingDepth)
        var segmenter = MarkdownSegmenter(source: blanked.bytes, lineStarts: decoded.source.lineStarts) { range throws(HTMLSegmenter.TooDeep) in
            try html.read(range, fragment: true)
        }
        tree.walk { segmenter.visit($0) }
        if let error = segmenter.htmlError { throw HTMLExtractor.tooDeep(error, source: decoded.source, path: path) }
        if let first = segmenter.unlocated.first {
            notes.append(Diagnostic(code: .approximateLocation, level: .note, path: path, line: first, column: 1,
                                    message: "\(segmenter.unlocated.count) piece\(segmenter.unlocated.count == 1 ? "" : "s") of text could be located only by line (first here); findings in them point at the start of the line"))
        }
        var document = ExtractedDocument(path: path, format: format, segments: segmenter.segments, source: decoded.source,
                                         declaredSectors: blanked.front?.sectors ?? [], metadata: blanked.front?.metadata ?? [:],
                                         notes: notes)
        // One page: the whole document (located at its first picture when it is told in pictures).
        document.facts = segmenter.facts + [StructureFact(kind: .page, properties: ["number": .number(1)], sourceRange: 0..<0)]
        return document
    }
}
