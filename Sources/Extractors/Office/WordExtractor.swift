import Foundation
import LintCore

/// Word documents (`.docx`): every paragraph's text joined across its runs (Word splits a
/// phrase into runs for formatting, spelling marks and revisions), in document order, then
/// headers and footers, footnotes and endnotes, and comments, each part once. Text boxes are
/// read once (the VML fallback copy is skipped), tracked deletions and field codes are not
/// read, and image descriptions are alt text. Located by part and paragraph:
/// `word/document.xml ¶12`.
///
/// Structure facts: the document as one page, pictures and their descriptions (`descr` or
/// `title` of `wp:docPr`, the decorative mark), headings and their levels (from the styles'
/// names), and tables with their header rows (「重複標題列」, `w:tblHeader`).
public struct WordExtractor: TextExtractor {
    public let format = "docx"
    public let extensions = ["docx", "docm", "dotx"]
    public var limits: ExtractionLimits

    public init(limits: ExtractionLimits = ExtractionLimits()) { self.limits = limits }

    public func extract(_ bytes: [UInt8], path: String) throws(ExtractionError) -> ExtractedDocument {
        let package = try OOXMLPackage(bytes: bytes, path: path, limits: limits)
        try OfficeKind.expect(.word, in: package)
        let noMain = ExtractionError.malformed(path: path, line: nil, column: nil, reason: "no main document part; the file is not a Word document or is damaged")
        guard let main = try package.mainPart() else { throw noMain }
        let styles = try readStyles(package, main: main)
        var view = OfficeTextView(memory: limits.memory, fileSize: bytes.count)
        view.append(fact: StructureFact(kind: .page, properties: ["number": .number(1)], sourceRange: 0..<0,
                                        location: SourceLocation(kind: .paragraph, description: main, part: main)))
        guard try read(part: main, zone: .paragraph, styles: styles, package: package, into: &view) else { throw noMain }
        let relationships = try package.relationships(of: main)
        let order: [(String, Zone)] = [("header", .headerFooter), ("footer", .headerFooter), ("footnotes", .footnote),
                                       ("endnotes", .footnote), ("comments", .comment)]
        var seen: Set<String> = [main]
        for (type, zone) in order {
            let targets = relationships.values.filter { $0.type == type }.map(\.target).sorted(by: Self.naturalOrder)
            for target in targets where seen.insert(target).inserted {
                _ = try read(part: target, zone: zone, styles: styles, package: package, into: &view)
            }
        }
        try view.checkBudget(path: path)
        return view.document(path: path, format: format)
    }

    /// Reads one part into the view; false when the package lacks it. The part's bytes live
    /// only while it is parsed.
    private func read(part: String, zone: Zone, styles: Styles, package: OOXMLPackage,
                      into view: inout OfficeTextView) throws(ExtractionError) -> Bool {
        guard let data = try package.read(part) else { return false }
        try read(data, part: part, zone: zone, styles: styles, package: package, into: &view)
        return true
    }

    private func read(_ data: Data, part: String, zone: Zone, styles: Styles, package: OOXMLPackage,
                      into view: inout OfficeTextView) throws(ExtractionError) {
        let handler = WordPartHandler(part: part, baseZone: zone, styles: styles.zones, headingLevels: styles.levels)
        // The paragraphs are counted against the file's memory budget while they are read,
        // so an over-budget document stops there (a 2 MB .docx of 150,000 paragraphs took
        // 260 MB before its copy was counted).
        handler.budget = view.remainingBudget
        try XMLEventParser(part: part, path: package.path, maxDepth: limits.maxNestingDepth).parse(data, handler: handler)
        if handler.stopped {
            view.spentBudget(reading: handler.items.count)
            try view.checkBudget(path: package.path)
        }
        // In document order (pictures' descriptions and tables are placed by their paragraph).
        let order = handler.items.indices.sorted { (handler.items[$0].order, $0) < (handler.items[$1].order, $1) }
        for index in order {
            let item = handler.items[index]
            view.append(item.text, zone: item.zone, location: item.location, inlineZones: item.inlineZones, facts: item.facts)
        }
    }

    struct Styles {
        var zones: [String: Zone] = [:]
        var levels: [String: Int] = [:]
    }

    /// Style id -> heading or title, from `word/styles.xml` (ids are localised: Chinese Word
    /// calls Heading 1 `1`; the style's `w:name` is not).
    private func readStyles(_ package: OOXMLPackage, main: String) throws(ExtractionError) -> Styles {
        guard let target = try package.relationships(of: main).values.first(where: { $0.type == "styles" })?.target,
              let data = try package.read(target) else { return Styles() }
        let handler = StyleHandler()
        try XMLEventParser(part: target, path: package.path, maxDepth: limits.maxNestingDepth).parse(data, handler: handler)
        return Styles(zones: handler.zones, levels: handler.levels)
    }

    /// `header2.xml` after `header1.xml`, `header10.xml` after both.
    static func naturalOrder(_ a: String, _ b: String) -> Bool {
        a.compare(b, options: .numeric) == .orderedAscending
    }
}

/// Collects paragraphs from one Word part.
final class WordPartHandler: XMLEventHandler {
    struct Item {
        var order: Int
        var text: String
        var zone: Zone
        var location: SourceLocation
        var inlineZones: [ZoneSpan]
        var facts: [StructureFact] = []
    }

    let part: String
    let baseZone: Zone
    let styles: [String: Zone]
    let headingLevels: [String: Int]
    private(set) var items: [Item] = []
    /// The memory the part's items may take (`MemoryBudget` estimates); past it the handler
    /// stops the parse.
    var budget = Int.max
    private var spent = 0
    /// The open paragraphs' text, counted as it grows (one paragraph can hold a whole part).
    private var open = 0
    var stopped: Bool { spent + open * MemoryBudget.bytesPerTextByte > budget }

    /// Keeps an item, counting its estimated cost once checked (`MemoryBudget`; an item
    /// without copy is never checked, and costs only itself).
    private func keep(_ item: Item) {
        let copy = item.text.contains { !$0.isWhitespace }
        spent += copy ? MemoryBudget.bytesPerSegment + item.text.utf8.count * MemoryBudget.bytesPerTextByte : 256
        items.append(item)
    }

    private var paragraphs: [(text: ParagraphText, ordinal: Int, paraId: String?, zone: Zone, level: Int?)] = []
    /// Colours of the open paragraphs (parallel to `paragraphs`): the paragraph's shading and
    /// its runs' looks, for contrast.
    private var looks: [(shading: CSSColor?, runs: [(range: Range<Int>, style: OfficeRunStyle)])] = []
    /// The run being read and where its text starts in the paragraph; nil outside `w:r`.
    private var run: (style: OfficeRunStyle, start: Int)?
    /// Inside `w:pPr` (whose `w:rPr` is the paragraph mark's, not a run's) or `w:tcPr`.
    private var inParagraphProperties = false
    private var inCellProperties = false
    /// Each open cell's shading (`w:tcPr/w:shd`).
    private var cellShading: [CSSColor?] = []
    /// The page colour (`w:background`); Word's page is white when none is set.
    private var pageColor = CSSColor.white

    /// A drawing (`wp:inline`, `wp:anchor`) being read: a picture when it holds `pic:pic`.
    private struct Drawing {
        var description: String?
        var name: String?
        var decorative = false
        var picture = false
    }

    private struct Table {
        var firstParagraph: Int
        var rows = 0
        var columns = 0
        var cellsInRow = 0
        var header = false
        var nested = false
        /// A table style (`w:tblStyle`) may shade cells: their background is then unknown.
        var styled = false
    }

    private var drawings: [Drawing] = []
    private var tableStack: [Table] = []
    private var ordinal = 0
    private var collecting = false
    /// Open elements whose text is not read (the VML fallback of a text box, moved-away text,
    /// separator footnotes).
    private var skipping = 0
    private var tables = 0
    private var textBoxes = 0
    private var order = 0

    init(part: String, baseZone: Zone, styles: [String: Zone], headingLevels: [String: Int] = [:]) {
        self.part = part
        self.baseZone = baseZone
        self.styles = styles
        self.headingLevels = headingLevels
    }

    private static let skipped: Set<String> = ["Fallback", "moveFrom"]

    func start(_ name: String, attributes: [String: String]) {
        if Self.skipped.contains(name) || name == "footnote" && ["separator", "continuationSeparator", "continuationNotice"].contains(attributes["w:type"] ?? "")
            || name == "endnote" && ["separator", "continuationSeparator", "continuationNotice"].contains(attributes["w:type"] ?? "") {
            skipping += 1
            return
        }
        guard skipping == 0 else { return }
        switch name {
        case "p":
            ordinal += 1
            var zone = baseZone
            if baseZone == .paragraph {
                if textBoxes > 0 { zone = .textBox } else if tables > 0 { zone = .tableCell }
            }
            paragraphs.append((ParagraphText(), ordinal, attributes["w14:paraId"], zone, nil))
            looks.append((nil, []))
        case "pStyle":
            if let id = attributes["w:val"], let styled = styles[id], let top = paragraphs.indices.last,
               paragraphs[top].zone == .paragraph {
                paragraphs[top].zone = styled
                paragraphs[top].level = headingLevels[id]
            }
        case "numPr":
            if let top = paragraphs.indices.last, paragraphs[top].zone == .paragraph { paragraphs[top].zone = .listItem }
        case "t":
            collecting = true
        case "tab", "ptab":
            appendText("\t")
        case "br", "cr":
            appendText("\n")
        case "noBreakHyphen":
            appendText("-")
        case "hyperlink":
            if let top = paragraphs.indices.last { paragraphs[top].text.beginZone(.linkText) }
        case "tc":
            tables += 1
            cellShading.append(nil)
            if let top = tableStack.indices.last {
                tableStack[top].cellsInRow += 1
                tableStack[top].columns = max(tableStack[top].columns, tableStack[top].cellsInRow)
            }
        case "tbl":
            if let top = tableStack.indices.last { tableStack[top].nested = true }
            tableStack.append(Table(firstParagraph: ordinal + 1))
        case "tr":
            if let top = tableStack.indices.last {
                tableStack[top].rows += 1
                tableStack[top].cellsInRow = 0
            }
        case "tblHeader":
            if let top = tableStack.indices.last, !["0", "false", "off"].contains(attributes["w:val"] ?? "1") { tableStack[top].header = true }
        case "txbxContent":
            textBoxes += 1
        case "pPr": inParagraphProperties = true
        case "tcPr": inCellProperties = true
        case "tblStyle":
            if let top = tableStack.indices.last { tableStack[top].styled = true }
        case "background":
            if let color = attributes["w:color"].flatMap(CSSColor.init(officeHex:)) { pageColor = color }
        case "r":
            if let top = paragraphs.indices.last { run = (OfficeRunStyle(), paragraphs[top].text.utf8Count) }
        case "color" where run != nil && !inParagraphProperties:
            run?.style.color = attributes["w:val"].flatMap(CSSColor.init(officeHex:))
        case "sz" where run != nil && !inParagraphProperties:
            run?.style.points = attributes["w:val"].flatMap(Double.init).map { $0 / 2 }
        case "b" where run != nil && !inParagraphProperties:
            run?.style.bold = !["0", "false", "off"].contains(attributes["w:val"] ?? "1")
        case "highlight" where run != nil && !inParagraphProperties:
            if let color = attributes["w:val"].flatMap({ CSSColor.wordHighlights[$0] }) { run?.style.background = CSSColor(packed: color) }
        case "shd":
            let fill = attributes["w:fill"].flatMap(CSSColor.init(officeHex:))
            if inCellProperties {
                if !cellShading.isEmpty { cellShading[cellShading.count - 1] = fill }
            } else if inParagraphProperties {
                if !looks.isEmpty { looks[looks.count - 1].shading = fill }
            } else if run != nil, let fill {
                run?.style.background = fill
            }
        case "inline", "anchor":
            drawings.append(Drawing())
        case "pic":
            if let top = drawings.indices.last { drawings[top].picture = true }
        case "decorative":
            if let top = drawings.indices.last, attributes["val"] == "1" || attributes["val"] == "true" { drawings[top].decorative = true }
        case "docPr":
            let description = ["descr", "title"].compactMap { attributes[$0] }.first { !$0.isEmpty }
            if let top = drawings.indices.last {
                drawings[top].description = description
                drawings[top].name = attributes["name"]
            } else if let description {
                addAltText(description)
            }
        default:
            break
        }
    }

    func end(_ name: String) {
        if Self.skipped.contains(name) || (name == "footnote" || name == "endnote") && skipping > 0 {
            skipping = max(0, skipping - 1)
            return
        }
        guard skipping == 0 else { return }
        switch name {
        case "t": collecting = false
        case "hyperlink":
            if let top = paragraphs.indices.last { paragraphs[top].text.endZone() }
        case "tc":
            tables = max(0, tables - 1)
            _ = cellShading.popLast()
        case "txbxContent": textBoxes = max(0, textBoxes - 1)
        case "pPr": inParagraphProperties = false
        case "tcPr": inCellProperties = false
        case "r": endRun()
        case "inline", "anchor":
            guard let drawing = drawings.popLast() else { return }
            if drawing.picture {
                picture(drawing)
            } else if let description = drawing.description {
                addAltText(description)
            }
        case "tbl":
            guard let table = tableStack.popLast() else { return }
            // Shown at its first cell, from that paragraph's first character (so a comment
            // anchors on the cell's words).
            let location = SourceLocation(kind: .paragraph, description: "\(part) ¶\(table.firstParagraph) (table)", part: part,
                                          paragraph: table.firstParagraph, character: 1)
            var fact = StructureFact(kind: .table, sourceRange: 0..<0, location: location)
            fact["header"] = .flag(table.header)
            fact["rows"] = .number(Double(table.rows))
            fact["columns"] = .number(Double(table.columns))
            fact["layout"] = .flag(table.nested || table.rows < 2 || table.columns < 2)
            keep(Item(order: table.firstParagraph * 2 - 1, text: "", zone: .tableCell, location: location,
                              inlineZones: [], facts: [fact]))
        case "p":
            guard let paragraph = paragraphs.popLast() else { return }
            open -= paragraph.text.utf8Count
            let look = looks.popLast()
            let location = SourceLocation(kind: .paragraph, description: "\(part) ¶\(paragraph.ordinal)", part: part,
                                          paragraph: paragraph.ordinal, paraId: paragraph.paraId)
            var facts: [StructureFact] = []
            if paragraph.zone == .heading, let level = paragraph.level, baseZone == .paragraph {
                var fact = StructureFact(kind: .heading, sourceRange: 0..<paragraph.text.text.utf8.count, location: location)
                fact["level"] = .number(Double(level))
                let text = paragraph.text.text.trimmingCharacters(in: .whitespacesAndNewlines)
                if !text.isEmpty { fact["text"] = .text(text) }
                facts.append(fact)
            }
            facts += OfficeRunStyle.facts(look?.runs ?? [], text: paragraph.text.text, location: location)
            keep(Item(order: paragraph.ordinal * 2, text: paragraph.text.text, zone: paragraph.zone,
                              location: location, inlineZones: paragraph.text.inlineZones, facts: facts))
        default:
            break
        }
    }

    func text(_ string: String) {
        if collecting && skipping == 0 { appendText(string) }
    }

    /// Ends a run: its look, with the background it sits on where the file says, joins its
    /// paragraph's. A run's own shading or highlight, else the paragraph's, else the cell's,
    /// else the page; unknown in a text box (the shape may be filled) and in a cell of a
    /// styled table (the style may shade it).
    private func endRun() {
        guard var current = run, let top = paragraphs.indices.last, current.style.color != nil else {
            run = nil
            return
        }
        run = nil
        if current.style.background == nil {
            if let shading = looks[top].shading {
                current.style.background = shading
            } else if let cell = cellShading.last, let shading = cell {
                current.style.background = shading
            } else if textBoxes == 0 && !(tables > 0 && tableStack.last?.styled == true) {
                current.style.background = pageColor
            }
        }
        let end = paragraphs[top].text.utf8Count
        if end > current.start { looks[top].runs.append((current.start..<end, current.style)) }
    }

    private func appendText(_ string: String) {
        guard skipping == 0, let top = paragraphs.indices.last else { return }
        paragraphs[top].text.append(string)
        open += string.utf8.count
    }

    /// A picture: its description is its alt text, and its fact sits on it.
    private func picture(_ drawing: Drawing) {
        let at = paragraphs.last?.ordinal ?? ordinal
        let location = SourceLocation(kind: .paragraph, description: "\(part) ¶\(at) (image)", part: part, paragraph: at)
        let text = drawing.description ?? ""
        var fact = StructureFact(kind: .image, sourceRange: 0..<text.utf8.count, location: location)
        if let description = drawing.description, !description.allSatisfy(\.isWhitespace) {
            fact["alt"] = .text(description)
        } else if drawing.decorative {
            fact["alt"] = .text("")
        }
        fact["decorative"] = .flag(drawing.decorative)
        if let name = drawing.name { fact["source"] = .text(name) }
        keep(Item(order: at * 2 + 1, text: text, zone: .altText, location: location, inlineZones: [], facts: [fact]))
    }

    private func addAltText(_ value: String) {
        let at = paragraphs.last?.ordinal ?? ordinal
        let location = SourceLocation(kind: .paragraph, description: "\(part) ¶\(at) (image)", part: part, paragraph: at)
        keep(Item(order: at * 2 + 1, text: value, zone: .altText, location: location, inlineZones: []))
    }
}

/// Reads `word/styles.xml`: which style ids are headings or titles.
private final class StyleHandler: XMLEventHandler {
    var zones: [String: Zone] = [:]
    /// Heading style id -> its level (`heading 2` -> 2).
    var levels: [String: Int] = [:]
    private var current: String?

    func start(_ name: String, attributes: [String: String]) {
        if name == "style" {
            current = attributes["w:styleId"]
        } else if name == "name", let id = current, let value = attributes["w:val"]?.lowercased() {
            if value.hasPrefix("heading") {
                zones[id] = .heading
                if let level = Int(value.dropFirst("heading".count).trimmingCharacters(in: .whitespaces)), (1...9).contains(level) {
                    levels[id] = level
                }
            }
            if value == "title" || value == "subtitle" { zones[id] = .title }
        }
    }

    func end(_ name: String) { if name == "style" { current = nil } }
    func text(_ string: String) {}
}
