import LintCore

/// The text of a file without lines of its own (an Office document), laid out as one line
/// per paragraph, cell or note: the source that line, column and snippet refer to for
/// these formats, shown by `adlaw extract`. Each piece keeps its logical location.
struct OfficeTextView {
    private var bytes: [UInt8] = []
    private(set) var segments: [TextSegment] = []
    private(set) var facts: [StructureFact] = []
    /// The file's memory budget and what its copy costs so far (`MemoryBudget`): past the
    /// budget, text is no longer kept, and `checkBudget` refuses the file.
    private let memory: MemoryBudget
    private let fileSize: Int
    private var cost: Int
    private(set) var overBudget = false

    init(memory: MemoryBudget = MemoryBudget(), fileSize: Int = 0) {
        self.memory = memory
        self.fileSize = fileSize
        cost = memory.cost(fileSize: fileSize, segments: 0, textBytes: 0)
    }

    /// Facts of items without text (an undescribed picture, a table, a slide), waiting for
    /// the next text: they are placed at its start (a table over its first cell's text).
    private var pending: [StructureFact] = []

    /// Appends one paragraph (or cell, or note). Empty text is counted by the caller but
    /// not added. `facts` are located in `text` (a picture's fact at its description); when
    /// the text is empty they wait for the next text, or the end of the document.
    mutating func append(_ text: String, zone: Zone, location: SourceLocation, inlineZones: [ZoneSpan] = [],
                         facts itemFacts: [StructureFact] = []) {
        guard text.contains(where: { !$0.isWhitespace }) else {
            pending += itemFacts
            return
        }
        cost += MemoryBudget.bytesPerSegment + text.utf8.count * MemoryBudget.bytesPerTextByte
        guard !overBudget, cost <= memory.limit(fileSize: fileSize) else {
            overBudget = true
            return
        }
        if !bytes.isEmpty { bytes.append(0x0A) }
        let start = bytes.count
        bytes += Array(text.utf8)
        segments.append(TextSegment(text: text, sourceMap: .identity(baseOffset: start), zone: zone,
                                    location: location, inlineZones: inlineZones))
        place(pending, at: start..<(start + text.utf8.count))
        pending = []
        facts += itemFacts.map { $0.shifted(by: start) }
        facts += Self.links(in: text, inlineZones: inlineZones, location: location).map { $0.shifted(by: start) }
    }

    /// A link fact for each hyperlink of a paragraph (Word `w:hyperlink`, PowerPoint
    /// `a:hlinkClick`) with its text, located at it. A link without text (on a picture) is
    /// no link fact: the picture's description names it.
    static func links(in text: String, inlineZones: [ZoneSpan], location: SourceLocation) -> [StructureFact] {
        let utf8 = Array(text.utf8)
        return inlineZones.filter { $0.zone == .linkText && $0.range.upperBound <= utf8.count }.map { span in
            var at = location
            at.character = String(decoding: utf8[..<span.range.lowerBound], as: UTF8.self).unicodeScalars.count + 1
            var fact = StructureFact(kind: .link, sourceRange: span.range, propertyRanges: ["text": span.range], location: at)
            fact["text"] = .text(HTMLFactCollector.collapse(String(decoding: utf8[span.range], as: UTF8.self)))
            return fact
        }
    }

    /// Places facts that had no text of their own: a table over `text`, others empty at its start.
    private mutating func place(_ waiting: [StructureFact], at text: Range<Int>) {
        for var fact in waiting {
            fact.sourceRange = fact.kind == .table ? text : text.lowerBound..<text.lowerBound
            fact.propertyRanges = [:]
            facts.append(fact)
        }
    }

    /// A fact with no text of its own (a slide as a page), placed where the next text goes.
    mutating func append(fact: StructureFact) {
        append("", zone: .body, location: fact.location ?? SourceLocation(kind: .paragraph, description: ""), facts: [fact])
    }

    /// What is left of the file's memory budget (negative: past it).
    var remainingBudget: Int { memory.limit(fileSize: fileSize) - cost }

    /// Records that a reader spent the rest of the budget before its copy reached the view
    /// (a Word part's paragraphs are collected, then ordered): `segments` were read.
    mutating func spentBudget(reading segments: Int) {
        overBudget = true
        segmentsWhenOver = self.segments.count + segments
    }

    private var segmentsWhenOver: Int?

    /// Refuses the file when its copy went past its memory budget.
    func checkBudget(path: String) throws(ExtractionError) {
        guard overBudget else { return }
        throw .limitExceeded(path: path, what: "its copy would take more than \(MemoryBudget.megabytes(memory.limit(fileSize: fileSize))) MB of memory to check (\(segmentsWhenOver ?? segments.count) segments read when it passed), above its memory budget of \(memory.explain(fileSize: fileSize)); split the file to check it")
    }

    func document(path: String, format: String, notes: [Diagnostic] = []) -> ExtractedDocument {
        var view = self
        view.place(pending, at: bytes.count..<bytes.count)
        var document = ExtractedDocument(path: path, format: format, segments: segments, source: SourceText(bytes: bytes), notes: notes)
        document.facts = view.facts
        return document
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
