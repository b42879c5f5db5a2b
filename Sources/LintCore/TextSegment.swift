/// One piece of text an extractor pulled out of a document (a paragraph, a table cell,
/// an alt text ...), ready for matching. Rules never match across segments, except
/// document-level rules, which see the whole document.
public struct TextSegment: Sendable {
    /// The text to match: always valid UTF-8 (invalid source bytes became U+FFFD).
    public var text: String
    /// Byte offsets in `text` -> byte offsets in the document's `SourceText`.
    public var sourceMap: OffsetMap
    /// What kind of text this is, for zone-limited rules and for reports.
    public var zone: Zone
    /// A location for formats without meaningful lines (Office part and paragraph,
    /// slide and shape, sheet!cell, JSON pointer, PDF page).
    public var logicalLocation: String?
    /// Byte ranges in `text` that stand for invalid source bytes: a match never
    /// includes them.
    public var invalidRanges: [Range<Int>]

    public init(text: String, sourceMap: OffsetMap = .identity(), zone: Zone = .body,
                logicalLocation: String? = nil, invalidRanges: [Range<Int>] = []) {
        self.text = text
        self.sourceMap = sourceMap
        self.zone = zone
        self.logicalLocation = logicalLocation
        self.invalidRanges = invalidRanges
    }
}

/// A document after extraction: its text segments, where they came from, and what the
/// extractor learned about it (declared sectors, metadata, notes).
public struct ExtractedDocument: Sendable {
    /// The path as the user gave it (or `-` for standard input).
    public var path: String
    /// The input format (`text`, `markdown`, `html`, ...).
    public var format: String
    public var segments: [TextSegment]
    /// The original text, for line and column numbers and snippets. Offsets in
    /// `TextSegment.sourceMap` point into it.
    public var source: SourceText
    /// Sectors declared by the document itself (front matter `sector:`).
    public var declaredSectors: [Sector]
    /// Other front-matter fields (channel, publish date, product, ...).
    public var metadata: [String: String]
    /// Notes about the file (invalid bytes, skipped parts).
    public var notes: [Diagnostic]

    public init(path: String, format: String, segments: [TextSegment], source: SourceText,
                declaredSectors: [Sector] = [], metadata: [String: String] = [:], notes: [Diagnostic] = []) {
        self.path = path
        self.format = format
        self.segments = segments
        self.source = source
        self.declaredSectors = declaredSectors
        self.metadata = metadata
        self.notes = notes
    }
}
