import Foundation
import LintCore

/// PowerPoint decks (`.pptx`): slides in presentation order (from `p:sldIdLst`, not file
/// names), each shape's paragraphs joined across runs, tables by cell, picture descriptions
/// as alt text, then the slide's speaker notes and comments. Located by slide, shape and
/// paragraph: `slide 2, shape "標題 1", ¶1`; `slide 2, notes, ¶1`.
///
/// Structure facts: each slide as a page, pictures and their descriptions (`descr`, the
/// decorative mark), tables and their header row (`firstRow`), and the smallest font size a
/// paragraph's runs set (`sz`; a size inherited from the layout is unknown).
public struct PresentationExtractor: TextExtractor {
    public let format = "pptx"
    public let extensions = ["pptx", "pptm", "potx"]
    public var limits: ExtractionLimits

    public init(limits: ExtractionLimits = ExtractionLimits()) { self.limits = limits }

    public func extract(_ bytes: [UInt8], path: String) throws(ExtractionError) -> ExtractedDocument {
        let package = try OOXMLPackage(bytes: bytes, path: path, limits: limits)
        try OfficeKind.expect(.presentation, in: package)
        guard let main = try package.mainPart(), let data = try package.read(main) else {
            throw .malformed(path: path, line: nil, column: nil, reason: "no presentation part; the file is damaged")
        }
        let order = SlideOrderHandler()
        try XMLEventParser(part: main, path: path, maxDepth: limits.maxNestingDepth).parse(data, handler: order)
        let relationships = try package.relationships(of: main)
        var view = OfficeTextView(memory: limits.memory, fileSize: bytes.count)
        var notes: [Diagnostic] = []
        // Each slide part is read once: a deck never shows one slide twice, and a slide list
        // naming one part 50,000 times (121 KB) made 5.8 GB of text.
        var readParts: Set<String> = []
        var repeated = 0
        for (index, id) in order.slideIDs.enumerated() {
            let number = index + 1
            if let slide = relationships[id]?.target, !readParts.insert(slide).inserted {
                repeated += 1
                continue
            }
            guard let slide = relationships[id]?.target, let slideData = try package.read(slide) else {
                notes.append(Diagnostic(code: .missingPart, level: .warning, path: path,
                                        message: "slide \(number) is listed but its part is missing; the rest was read"))
                continue
            }
            try read(slideData, part: slide, slide: number, mode: .slide, package: package, into: &view)
            let slideRelationships = try package.relationships(of: slide)
            for rel in slideRelationships.values.sorted(by: { $0.target < $1.target }) {
                guard rel.type == "notesSlide" || rel.type == "comments", let partData = try package.read(rel.target) else { continue }
                try read(partData, part: rel.target, slide: number, mode: rel.type == "notesSlide" ? .notes : .comments,
                         package: package, into: &view)
            }
        }
        if repeated > 0 {
            notes.append(Diagnostic(code: .repeatedPart, level: .warning, path: path,
                                    message: "the slide list names \(repeated) slide\(repeated == 1 ? "" : "s") again that \(repeated == 1 ? "was" : "were") already listed; each slide was read once"))
        }
        try view.checkBudget(path: path)
        return view.document(path: path, format: format, notes: notes)
    }

    private func read(_ data: Data, part: String, slide: Int, mode: SlidePartHandler.Mode, package: OOXMLPackage,
                      into view: inout OfficeTextView) throws(ExtractionError) {
        let handler = SlidePartHandler(part: part, slide: slide, mode: mode)
        try XMLEventParser(part: part, path: package.path, maxDepth: limits.maxNestingDepth).parse(data, handler: handler)
        if mode == .slide {
            let location = SourceLocation(kind: .slide, description: "slide \(slide)", part: part, slide: slide)
            view.append(fact: StructureFact(kind: .page, properties: ["number": .number(Double(slide))], sourceRange: 0..<0, location: location))
        }
        for item in handler.items {
            view.append(item.text, zone: item.zone, location: item.location, inlineZones: item.inlineZones, facts: item.facts)
        }
    }
}

/// `ppt/presentation.xml`: the relationship ids of the slides, in order.
private final class SlideOrderHandler: XMLEventHandler {
    var slideIDs: [String] = []
    func start(_ name: String, attributes: [String: String]) {
        if name == "sldId", let id = attributes["r:id"] { slideIDs.append(id) }
    }
    func end(_ name: String) {}
    func text(_ string: String) {}
}

/// Collects the text of one slide, notes page or comments part.
final class SlidePartHandler: XMLEventHandler {
    enum Mode { case slide, notes, comments }

    struct Item {
        var text: String
        var zone: Zone
        var location: SourceLocation
        var inlineZones: [ZoneSpan]
        var facts: [StructureFact] = []
    }

    let part: String
    let slide: Int
    let mode: Mode
    private(set) var items: [Item] = []

    private struct Shape {
        var name: String?
        var placeholder: String?
        var paragraphs = 0
        var isTable = false
        var isTextBox = false
        var isPicture = false
        var description: String?
        var decorative = false
        /// The shape's own fill (`p:spPr`), and whether its theme style (`p:style`) fills it.
        var fill = Fill.unset
        var styleFill = false
    }

    /// A fill the slide sets: none (`a:noFill`), a colour (`a:srgbClr` without changes), or
    /// one adlaw cannot know (a theme colour, a changed colour, a gradient).
    enum Fill {
        case unset, none, unknown
        case color(CSSColor)
    }

    private struct Table {
        /// The placeholder item the table's fact is written into when the table ends.
        var item: Int
        var rows = 0
        var columns = 0
        var header = false
    }

    private var tables: [Table] = []
    /// The open elements' names, to know what a colour belongs to.
    private var path: [String] = []
    /// The slide's own background (`p:bg`); else the layout's or master's, unknown.
    private var slideFill = Fill.unset
    /// The run being read (its look and where its text starts), and the open paragraph's runs.
    private var run: (style: OfficeRunStyle, start: Int, color: Fill, highlight: Fill)?
    private var runs: [(range: Range<Int>, style: OfficeRunStyle, color: Fill, highlight: Fill)] = []
    /// The open cell's fill (`a:tcPr`, written after its text) and its paragraphs' items with
    /// their runs, whose backgrounds are known when the cell ends.
    private var cellFill = Fill.unset
    private var cellRuns: [(item: Int, runs: [(range: Range<Int>, style: OfficeRunStyle, color: Fill, highlight: Fill)])] = []
    /// The smallest font size (points) a run of the open paragraph sets, and whether that run is bold.
    private var smallestRun: (points: Double, bold: Bool)?

    private var shapes: [Shape] = []
    private var paragraph: ParagraphText?
    private var collecting = false
    private var cells = 0
    private var linkRun = false
    private var comments = 0

    init(part: String, slide: Int, mode: Mode) {
        self.part = part
        self.slide = slide
        self.mode = mode
    }

    private static let shapeElements: Set<String> = ["sp", "graphicFrame", "pic", "cxnSp", "grpSp"]
    /// Notes placeholders that hold no notes (slide image, number, header, footer, date).
    private static let notesChrome: Set<String> = ["sldImg", "sldNum", "hdr", "ftr", "dt"]

    func start(_ name: String, attributes: [String: String]) {
        path.append(name)
        if mode == .slide { colour(name, attributes: attributes) }
        if Self.shapeElements.contains(name) {
            shapes.append(Shape(isTable: name == "graphicFrame", isPicture: name == "pic"))
            return
        }
        switch name {
        case "cNvPr":
            guard let top = shapes.indices.last else { return }
            if shapes[top].name == nil { shapes[top].name = attributes["name"] }
            if shapes[top].isPicture {
                shapes[top].description = attributes["descr"]
            } else if let description = attributes["descr"], !description.isEmpty, mode == .slide {
                items.append(Item(text: description, zone: .altText, location: location(shape: shapes[top].name, paragraph: nil, suffix: "alt text"), inlineZones: []))
            }
        case "decorative":
            if attributes["val"] == "1" || attributes["val"] == "true", let top = shapes.indices.last { shapes[top].decorative = true }
        case "rPr":
            let bold = attributes["b"] == "1" || attributes["b"] == "true"
            if paragraph != nil, mode == .slide, let size = attributes["sz"].flatMap(Double.init), size > 0 {
                let points = size / 100
                if smallestRun == nil || points < smallestRun!.points {
                    smallestRun = (points, bold)
                }
                run?.style.points = points
            }
            run?.style.bold = bold
        case "r":
            if let paragraph, mode == .slide { run = (OfficeRunStyle(), paragraph.utf8Count, .unset, .unset) }
        case "tbl":
            if mode == .slide {
                let location = location(shape: shapes.last?.name, paragraph: nil, suffix: "table")
                items.append(Item(text: "", zone: .tableCell, location: location, inlineZones: []))
                tables.append(Table(item: items.count - 1))
            }
        case "tblPr":
            if let top = tables.indices.last, attributes["firstRow"] == "1" || attributes["firstRow"] == "true" { tables[top].header = true }
        case "gridCol":
            if let top = tables.indices.last { tables[top].columns += 1 }
        case "tr":
            if let top = tables.indices.last { tables[top].rows += 1 }
        case "cNvSpPr":
            if attributes["txBox"] == "1", let top = shapes.indices.last { shapes[top].isTextBox = true }
        case "ph":
            if let top = shapes.indices.last { shapes[top].placeholder = attributes["type"] ?? "body" }
        case "tc":
            cells += 1
            cellFill = .unset
            cellRuns = []
        case "cm":
            comments += 1
            if mode == .comments { paragraph = ParagraphText() }
        case "text":
            if mode == .comments { collecting = true }
        case "p":
            if mode == .comments && paragraph != nil { return } // modern comments: a:p inside one comment
            paragraph = ParagraphText()
            smallestRun = nil
            runs = []
            if let top = shapes.indices.last { shapes[top].paragraphs += 1 }
        case "t":
            collecting = paragraph != nil
        case "br":
            paragraph?.append("\n")
        case "hlinkClick":
            if paragraph != nil && !linkRun {
                linkRun = true
                paragraph?.beginZone(.linkText)
            }
        default:
            break
        }
    }

    func end(_ name: String) {
        _ = path.popLast()
        if Self.shapeElements.contains(name) {
            if let shape = shapes.popLast(), shape.isPicture, mode == .slide { picture(shape) }
            return
        }
        switch name {
        case "tbl":
            guard let table = tables.popLast() else { return }
            var fact = StructureFact(kind: .table, sourceRange: 0..<0, location: items[table.item].location)
            fact["header"] = .flag(table.header)
            fact["rows"] = .number(Double(table.rows))
            fact["columns"] = .number(Double(table.columns))
            fact["layout"] = .flag(table.rows < 2 || table.columns < 2)
            items[table.item].facts = [fact]
        case "t", "text":
            collecting = false
            if name == "text" && mode == .comments { finishComment() }
        case "r", "fld":
            if name == "r", let current = run, let paragraph, paragraph.utf8Count > current.start {
                runs.append((current.start..<paragraph.utf8Count, current.style, current.color, current.highlight))
            }
            if name == "r" { run = nil }
            if linkRun {
                paragraph?.endZone()
                linkRun = false
            }
        case "tc":
            cells = max(0, cells - 1)
            for (item, itemRuns) in cellRuns {
                items[item].facts += facts(itemRuns, text: items[item].text, location: items[item].location, cell: cellFill)
            }
            cellRuns = []
        case "cm":
            if mode == .comments { finishComment() }
        case "p":
            guard mode != .comments, let text = paragraph else { return }
            paragraph = nil
            finishParagraph(text)
        default:
            break
        }
    }

    func text(_ string: String) {
        if collecting { paragraph?.append(string) }
    }

    private func finishParagraph(_ text: ParagraphText) {
        let shape = shapes.last
        if mode == .notes, let placeholder = shape?.placeholder, Self.notesChrome.contains(placeholder) { return }
        if mode == .notes && shape?.placeholder == nil { return }
        let zone: Zone
        switch mode {
        case .notes: zone = .speakerNotes
        case .comments: zone = .comment
        case .slide:
            if cells > 0 {
                zone = .tableCell
            } else if let placeholder = shape?.placeholder {
                zone = placeholder == "title" || placeholder == "ctrTitle" ? .title : placeholder == "subTitle" ? .heading : .paragraph
            } else {
                zone = .textBox
            }
        }
        let number = shape?.paragraphs ?? 1
        let location = location(shape: shape?.name, paragraph: number, suffix: nil)
        var facts: [StructureFact] = []
        if mode == .slide, let run = smallestRun, text.text.contains(where: { !$0.isWhitespace }) {
            var fact = StructureFact(kind: .text, sourceRange: 0..<text.text.utf8.count, location: location)
            fact["size"] = .number(run.points)
            fact["bold"] = .flag(run.bold)
            fact["large"] = .flag(run.points >= 18 || (run.points >= 14 && run.bold))
            facts.append(fact)
        }
        if mode == .slide && cells > 0 {
            cellRuns.append((items.count, runs))
        } else if mode == .slide {
            facts += self.facts(runs, text: text.text, location: location, cell: nil)
        }
        runs = []
        items.append(Item(text: text.text, zone: zone, location: location, inlineZones: text.inlineZones, facts: facts))
    }

    /// Colours the slide sets: a run's (`a:rPr`), its highlight, a shape's fill (`p:spPr`), a
    /// cell's (`a:tcPr`), the slide's background (`p:bg`). A colour changed by a child
    /// (`a:lumMod`, `a:alpha` ...) or named by the theme is unknown.
    private func colour(_ name: String, attributes: [String: String]) {
        let count = path.count
        guard count >= 2 else { return }
        let parent = path[count - 2]
        if parent == "srgbClr" {
            // A change to the colour just set: owner, solidFill, srgbClr, this.
            if count >= 4 { setFill(.unknown, owner: path[count - 4], via: path[count - 3]) }
            return
        }
        if name == "noFill", ["spPr", "tcPr"].contains(parent) {
            setFill(.none, owner: parent, via: "solidFill")
            return
        }
        if ["gradFill", "blipFill", "pattFill", "grpFill"].contains(name), ["spPr", "tcPr", "bgPr"].contains(parent) {
            setFill(.unknown, owner: parent, via: "solidFill")
            return
        }
        if name == "fillRef", parent == "style", let top = shapes.indices.last, attributes["idx"] != "0" {
            shapes[top].styleFill = true
            return
        }
        guard count >= 3, ["solidFill", "highlight"].contains(parent) else { return }
        let owner = path[count - 3]
        if name == "srgbClr", let color = attributes["val"].flatMap(CSSColor.init(officeHex:)) {
            setFill(.color(color), owner: owner, via: parent)
        } else if ["schemeClr", "prstClr", "sysClr", "scrgbClr", "hslClr", "srgbClr"].contains(name) {
            setFill(.unknown, owner: owner, via: parent)
        }
    }

    private func setFill(_ fill: Fill, owner: String, via: String) {
        switch (owner, via) {
        case ("rPr", "solidFill"): run?.color = fill
        case ("rPr", "highlight"): run?.highlight = fill
        case ("spPr", _): if let top = shapes.indices.last { shapes[top].fill = fill }
        case ("tcPr", _): cellFill = fill
        case ("bgPr", _): slideFill = fill
        default: break
        }
    }

    /// Text facts of a paragraph's runs whose colour and background are both known: the
    /// run's highlight, else the cell's fill (in a table: unknown when unset, as the table
    /// style may fill it), else the shape's fill, else the slide's background (unknown when
    /// the slide does not set it, or when the shape's theme style fills it).
    private func facts(_ runs: [(range: Range<Int>, style: OfficeRunStyle, color: Fill, highlight: Fill)], text: String,
                       location: SourceLocation, cell: Fill?) -> [StructureFact] {
        var styled: [(range: Range<Int>, style: OfficeRunStyle)] = []
        for run in runs {
            guard case let .color(color) = run.color else { continue }
            var style = run.style
            style.color = color
            style.background = background(highlight: run.highlight, cell: cell)
            styled.append((run.range, style))
        }
        return OfficeRunStyle.facts(styled, text: text, location: location)
    }

    private func background(highlight: Fill, cell: Fill?) -> CSSColor? {
        if case let .color(color) = highlight { return color }
        if let cell {
            switch cell {
            case let .color(color): return color
            case .none: break
            case .unset, .unknown: return nil
            }
        }
        guard let shape = shapes.last else { return nil }
        switch shape.fill {
        case let .color(color): return color
        case .unknown: return nil
        case .unset where shape.styleFill: return nil
        case .unset, .none:
            if case let .color(color) = slideFill { return color }
            return nil
        }
    }

    /// A picture: its description is its alt text, and its fact sits on it.
    private func picture(_ shape: Shape) {
        let text = shape.description ?? ""
        let location = location(shape: shape.name, paragraph: nil, suffix: "alt text")
        var fact = StructureFact(kind: .image, sourceRange: 0..<text.utf8.count, location: location)
        if let description = shape.description, !description.allSatisfy(\.isWhitespace) {
            fact["alt"] = .text(description)
        } else if shape.decorative {
            fact["alt"] = .text("")
        }
        fact["decorative"] = .flag(shape.decorative)
        if let name = shape.name { fact["source"] = .text(name) }
        items.append(Item(text: text, zone: .altText, location: location, inlineZones: [], facts: [fact]))
    }

    private func finishComment() {
        guard let text = paragraph else { return }
        paragraph = nil
        let location = SourceLocation(kind: .slide, description: "slide \(slide), comment \(comments)", part: part, slide: slide,
                                      shape: "comment \(comments)")
        items.append(Item(text: text.text, zone: .comment, location: location, inlineZones: []))
    }

    private func location(shape: String?, paragraph: Int?, suffix: String?) -> SourceLocation {
        var description = "slide \(slide)"
        let shapeName: String
        if mode == .notes {
            shapeName = "notes"
            description += ", notes"
        } else {
            shapeName = shape ?? "shape"
            description += ", shape \"\(shapeName.replacingOccurrences(of: "\"", with: "'"))\""
        }
        if let paragraph { description += ", ¶\(paragraph)" }
        if let suffix { description += ", \(suffix)" }
        return SourceLocation(kind: .slide, description: description, part: part, paragraph: paragraph, slide: slide, shape: shapeName)
    }
}
