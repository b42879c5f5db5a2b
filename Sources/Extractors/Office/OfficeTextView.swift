import LintCore

/// The text of a file without lines of its own (an Office document), laid out as one line
/// per paragraph, cell or note: the source that line, column and snippet refer to for
/// these formats, shown by `adlaw extract`. Each piece keeps its logical location.
struct OfficeTextView {
    private var bytes: [UInt8] = []
    private(set) var segments: [TextSegment] = []

    /// Appends one paragraph (or cell, or note). Empty text is counted by the caller but
    /// not added.
    mutating func append(_ text: String, zone: Zone, location: SourceLocation, inlineZones: [ZoneSpan] = []) {
        guard text.contains(where: { !$0.isWhitespace }) else { return }
        if !bytes.isEmpty { bytes.append(0x0A) }
        let start = bytes.count
        bytes += Array(text.utf8)
        segments.append(TextSegment(text: text, sourceMap: .identity(baseOffset: start), zone: zone,
                                    location: location, inlineZones: inlineZones))
    }

    func document(path: String, format: String, notes: [Diagnostic] = []) -> ExtractedDocument {
        ExtractedDocument(path: path, format: format, segments: segments, source: SourceText(bytes: bytes), notes: notes)
    }
}

/// Collects the text of one paragraph from runs, with inline zones (hyperlinks).
struct ParagraphText {
    private(set) var text = ""
    private(set) var utf8Count = 0
    private var openZones: [(Zone, Int)] = []
    private(set) var inlineZones: [ZoneSpan] = []

    mutating func append(_ string: String) {
        text += string
        utf8Count += string.utf8.count
    }

    mutating func beginZone(_ zone: Zone) { openZones.append((zone, utf8Count)) }

    mutating func endZone() {
        guard let (zone, start) = openZones.popLast(), utf8Count > start else { return }
        inlineZones.append(ZoneSpan(range: start..<utf8Count, zone: zone))
    }
}
