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
    /// slide and shape, sheet!cell, JSON pointer, PDF page): the printed form.
    public var logicalLocation: String?
    /// The same location with its parts, for JSON output.
    public var location: SourceLocation?
    /// Byte ranges in `text` that stand for invalid source bytes: a match never
    /// includes them.
    public var invalidRanges: [Range<Int>]
    /// Parts of `text` in an inline zone (a link's text, a hashtag), in order of their start.
    public var inlineZones: [ZoneSpan]

    public init(text: String, sourceMap: OffsetMap = .identity(), zone: Zone = .body,
                logicalLocation: String? = nil, invalidRanges: [Range<Int>] = [],
                location: SourceLocation? = nil, inlineZones: [ZoneSpan] = []) {
        self.text = text
        self.sourceMap = sourceMap
        self.zone = zone
        self.logicalLocation = logicalLocation ?? location?.description
        self.location = location
        self.invalidRanges = invalidRanges
        self.inlineZones = inlineZones
    }

    /// Every zone a range of `text` is in: the segment's zone, the broader zones it belongs
    /// to (`body` for a paragraph), and each inline zone that covers the whole range.
    public func zones(covering range: Range<Int>) -> [Zone] {
        var out = zone.including
        for span in inlineZones where span.range.lowerBound <= range.lowerBound && range.upperBound <= span.range.upperBound {
            if !out.contains(span.zone) { out.append(span.zone) }
        }
        return out
    }

    /// The narrowest zone of a range: the innermost inline zone covering it, else the segment's.
    public func innermostZone(covering range: Range<Int>) -> Zone {
        inlineZones.last { $0.range.lowerBound <= range.lowerBound && range.upperBound <= $0.range.upperBound }?.zone ?? zone
    }

    /// Zones of any part of the segment, for deciding cheaply whether a zone-limited rule can
    /// match here at all.
    public var allZones: [Zone] {
        var out = zone.including
        for span in inlineZones where !out.contains(span.zone) { out.append(span.zone) }
        return out
    }
}

/// A part of a segment's text in an inline zone.
public struct ZoneSpan: Sendable, Hashable {
    /// Byte range in the segment's text.
    public var range: Range<Int>
    public var zone: Zone

    public init(range: Range<Int>, zone: Zone) {
        self.range = range
        self.zone = zone
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
    /// For paged documents (PDF): where each page starts in `source`, so findings are
    /// located by page and line.
    public var pageMap: PageMap?
    /// How the document is built (images and their alt text, links, headings, tables,
    /// colours, the language), for `structure` rules; empty for formats without structure.
    public var facts: [StructureFact] = []

    public init(path: String, format: String, segments: [TextSegment], source: SourceText,
                declaredSectors: [Sector] = [], metadata: [String: String] = [:], notes: [Diagnostic] = [],
                pageMap: PageMap? = nil) {
        self.path = path
        self.format = format
        self.segments = segments
        self.source = source
        self.declaredSectors = declaredSectors
        self.metadata = metadata
        self.notes = notes
        self.pageMap = pageMap
    }
}
