import LintCore

/// HTML pages (landing pages, e-mails, CMS exports): visible text by block, the title, the
/// meta description and Open Graph texts, and alt/title attributes, located by byte offset.
public struct HTMLExtractor: TextExtractor {
    public let format = "html"
    public let extensions = ["html", "htm", "xhtml"]

    public var limits: ExtractionLimits

    public init(limits: ExtractionLimits = ExtractionLimits()) { self.limits = limits }

    public func extract(_ bytes: [UInt8], path: String) throws(ExtractionError) -> ExtractedDocument {
        let decoded = try TextDecoding.decode(bytes, path: path)
        var notes = decoded.notes(path: path)
        let blanked = FrontMatterBlanking(decoded, path: path)
        notes += blanked.front?.notes ?? []
        let read: (segments: [TextSegment], facts: [StructureFact])
        do {
            read = try HTMLSegmenter(source: blanked.bytes, maxDepth: limits.maxNestingDepth)
                .read(0..<blanked.bytes.count, fragment: false)
        } catch {
            throw Self.tooDeep(error, source: decoded.source, path: path)
        }
        var document = ExtractedDocument(path: path, format: format, segments: read.segments, source: decoded.source,
                                         declaredSectors: blanked.front?.sectors ?? [], metadata: blanked.front?.metadata ?? [:],
                                         notes: notes)
        // One page: the whole document, at its `<html>` tag when it has one.
        let anchor = read.facts.first { $0.kind == .document }?.sourceRange.lowerBound ?? 0
        document.facts = read.facts + [StructureFact(kind: .page, properties: ["number": .number(1)], sourceRange: anchor..<anchor)]
        return document
    }

    static func tooDeep(_ error: HTMLSegmenter.TooDeep, source: SourceText, path: String) -> ExtractionError {
        let position = source.position(of: error.offset)
        return .limitExceeded(path: path, what: "\(error.what) (from line \(position.line), column \(position.column)); such markup takes the HTML parser minutes to read")
    }
}
