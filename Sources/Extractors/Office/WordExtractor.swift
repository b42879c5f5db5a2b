import Foundation
import LintCore

/// Word documents (`.docx`): every paragraph's text joined across its runs (Word splits a
/// phrase into runs for formatting, spelling marks and revisions), in document order, then
/// headers and footers, footnotes and endnotes, and comments, each part once. Text boxes are
/// read once (the VML fallback copy is skipped), tracked deletions and field codes are not
/// read, and image descriptions are alt text. Located by part and paragraph:
/// `word/document.xml ¶12`.
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

    private func read(_ data: Data, part: String, zone: Zone, styles: [String: Zone], package: OOXMLPackage,
                      into view: inout OfficeTextView) throws(ExtractionError) {
        let handler = WordPartHandler(part: part, baseZone: zone, styles: styles)
        try XMLEventParser(part: part, path: package.path, maxDepth: limits.maxNestingDepth).parse(data, handler: handler)
        for item in handler.items.sorted(by: { $0.order < $1.order }) {
            view.append(item.text, zone: item.zone, location: item.location, inlineZones: item.inlineZones)
        }
    }

    /// Style id -> heading or title, from `word/styles.xml` (ids are localised: Chinese Word
    /// calls Heading 1 `1`; the style's `w:name` is not).
    private func readStyles(_ package: OOXMLPackage, main: String) throws(ExtractionError) -> [String: Zone] {
        guard let target = try package.relationships(of: main).values.first(where: { $0.type == "styles" })?.target,
              let data = try package.read(target) else { return [:] }
        let handler = StyleHandler()
        try XMLEventParser(part: target, path: package.path, maxDepth: limits.maxNestingDepth).parse(data, handler: handler)
        return handler.zones
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
    }

    let part: String
    let baseZone: Zone
    let styles: [String: Zone]
    private(set) var items: [Item] = []

    private var paragraphs: [(text: ParagraphText, ordinal: Int, paraId: String?, zone: Zone)] = []
    private var ordinal = 0
    private var collecting = false
    /// Open elements whose text is not read (the VML fallback of a text box, moved-away text,
    /// separator footnotes).
    private var skipping = 0
    private var tables = 0
    private var textBoxes = 0
    private var order = 0

    init(part: String, baseZone: Zone, styles: [String: Zone]) {
        self.part = part
        self.baseZone = baseZone
        self.styles = styles
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
            paragraphs.append((ParagraphText(), ordinal, attributes["w14:paraId"], zone))
        case "pStyle":
            if let id = attributes["w:val"], let styled = styles[id], let top = paragraphs.indices.last,
               paragraphs[top].zone == .paragraph {
                paragraphs[top].zone = styled
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
        case "txbxContent":
            textBoxes += 1
        case "docPr":
            for key in ["descr", "title"] {
                if let value = attributes[key], !value.isEmpty { addAltText(value) }
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
        case "p":
            guard let paragraph = paragraphs.popLast() else { return }
            let location = SourceLocation(kind: .paragraph, description: "\(part) ¶\(paragraph.ordinal)", part: part,
                                          paragraph: paragraph.ordinal, paraId: paragraph.paraId)
            items.append(Item(order: paragraph.ordinal * 2, text: paragraph.text.text, zone: paragraph.zone,
                              location: location, inlineZones: paragraph.text.inlineZones))
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

    private func addAltText(_ value: String) {
        let at = paragraphs.last?.ordinal ?? ordinal
        let location = SourceLocation(kind: .paragraph, description: "\(part) ¶\(at) (image)", part: part, paragraph: at)
        items.append(Item(order: at * 2 + 1, text: value, zone: .altText, location: location, inlineZones: []))
    }
}

/// Reads `word/styles.xml`: which style ids are headings or titles.
private final class StyleHandler: XMLEventHandler {
    var zones: [String: Zone] = [:]
    private var current: String?

    func start(_ name: String, attributes: [String: String]) {
        if name == "style" {
            current = attributes["w:styleId"]
        } else if name == "name", let id = current, let value = attributes["w:val"]?.lowercased() {
            if value.hasPrefix("heading") { zones[id] = .heading }
            if value == "title" || value == "subtitle" { zones[id] = .title }
        }
    }

    func end(_ name: String) { if name == "style" { current = nil } }
    func text(_ string: String) {}
}
