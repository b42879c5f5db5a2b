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
        guard let main = try package.mainPart(), let mainData = try package.read(main) else {
            throw .malformed(path: path, line: nil, column: nil, reason: "no main document part; the file is not a Word document or is damaged")
        }
        let styles = try readStyles(package, main: main)
        var view = OfficeTextView()
        view.append(fact: StructureFact(kind: .page, properties: ["number": .number(1)], sourceRange: 0..<0,
                                        location: SourceLocation(kind: .paragraph, description: main, part: main)))
        try read(mainData, part: main, zone: .paragraph, styles: styles, package: package, into: &view)
        let relationships = try package.relationships(of: main)
        let order: [(String, Zone)] = [("header", .headerFooter), ("footer", .headerFooter), ("footnotes", .footnote),
                                       ("endnotes", .footnote), ("comments", .comment)]
        var seen: Set<String> = [main]
        for (type, zone) in order {
            let targets = relationships.values.filter { $0.type == type }.map(\.target).sorted(by: Self.naturalOrder)
            for target in targets where seen.insert(target).inserted {
                guard let data = try package.read(target) else { continue }
                try read(data, part: target, zone: zone, styles: styles, package: package, into: &view)
            }
        }
        return view.document(path: path, format: format)
    }

    private func read(_ data: Data, part: String, zone: Zone, styles: Styles, package: OOXMLPackage,
                      into view: inout OfficeTextView) throws(ExtractionError) {
        let handler = WordPartHandler(part: part, baseZone: zone, styles: styles.zones, headingLevels: styles.levels)
        try XMLEventParser(part: part, path: package.path, maxDepth: limits.maxNestingDepth).parse(data, handler: handler)
        for item in handler.items.enumerated().sorted(by: { ($0.element.order, $0.offset) < ($1.element.order, $1.offset) }).map(\.element) {
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

    private var paragraphs: [(text: ParagraphText, ordinal: Int, paraId: String?, zone: Zone, level: Int?)] = []

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
        case "tc": tables = max(0, tables - 1)
        case "txbxContent": textBoxes = max(0, textBoxes - 1)
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
            items.append(Item(order: table.firstParagraph * 2 - 1, text: "", zone: .tableCell, location: location,
                              inlineZones: [], facts: [fact]))
        case "p":
            guard let paragraph = paragraphs.popLast() else { return }
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
            items.append(Item(order: paragraph.ordinal * 2, text: paragraph.text.text, zone: paragraph.zone,
                              location: location, inlineZones: paragraph.text.inlineZones, facts: facts))
        default:
            break
        }
    }

    func text(_ string: String) {
        if collecting && skipping == 0 { appendText(string) }
    }

    private func appendText(_ string: String) {
        guard skipping == 0, let top = paragraphs.indices.last else { return }
        paragraphs[top].text.append(string)
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
        items.append(Item(order: at * 2 + 1, text: text, zone: .altText, location: location, inlineZones: [], facts: [fact]))
    }

    private func addAltText(_ value: String) {
        let at = paragraphs.last?.ordinal ?? ordinal
        let location = SourceLocation(kind: .paragraph, description: "\(part) ¶\(at) (image)", part: part, paragraph: at)
        items.append(Item(order: at * 2 + 1, text: value, zone: .altText, location: location, inlineZones: []))
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
