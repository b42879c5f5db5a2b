import LintCore

/// Turns one input format into text segments that map back to the source.
public protocol TextExtractor: Sendable {
    /// The format's name in reports (`text`, `markdown`, `html`, ...).
    var format: String { get }
    /// Lower-case file extensions, without the dot.
    var extensions: [String] { get }
    func extract(_ bytes: [UInt8], path: String) throws(ExtractionError) -> ExtractedDocument
}

/// Plain text, and the fallback for unknown extensions named explicitly: the whole file
/// after any front matter is one segment.
public struct PlainTextExtractor: TextExtractor {
    public let format: String
    public let extensions: [String]

    public init(format: String = "text", extensions: [String] = ["txt", "text"]) {
        self.format = format
        self.extensions = extensions
    }

    public func extract(_ bytes: [UInt8], path: String) throws(ExtractionError) -> ExtractedDocument {
        extract(decoded: try TextDecoding.decode(bytes, path: path), path: path)
    }

    /// Text already decoded from valid UTF-8 without a byte-order mark (`DocumentReader.readLargeText`).
    public func extract(text: String, path: String) -> ExtractedDocument {
        extract(decoded: DecodedText(text: text, map: .identity(), source: SourceText(text), invalidRanges: [],
                                     invalidSourceOffsets: [], encoding: "utf-8"), path: path)
    }

    private func extract(decoded: DecodedText, path: String) -> ExtractedDocument {
        var notes = decoded.notes(path: path)
        var text = decoded.text
        var map = decoded.map
        var sectors: [Sector] = []
        var metadata: [String: String] = [:]
        var invalid = decoded.invalidRanges
        if let front = FrontMatter.read(decoded.text, path: path) {
            let bytes = Array(decoded.text.utf8)
            text = String(decoding: bytes[front.length...], as: UTF8.self)
            map = decoded.map.suffix(from: front.length)
            invalid = invalid.compactMap { $0.lowerBound >= front.length ? ($0.lowerBound - front.length)..<($0.upperBound - front.length) : nil }
            sectors = front.sectors
            metadata = front.metadata
            notes += front.notes
        }
        let segment = TextSegment(text: text, sourceMap: map, zone: .body, invalidRanges: invalid)
        return ExtractedDocument(path: path, format: format, segments: [segment], source: decoded.source,
                                 declaredSectors: sectors, metadata: metadata, notes: notes)
    }
}
