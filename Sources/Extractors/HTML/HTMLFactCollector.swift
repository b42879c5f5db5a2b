import LintCore

/// Collects the structure facts of an HTML page while `HTMLSegmenter` walks it: images and
/// their text alternatives, links and their accessible names, videos and caption tracks,
/// the `<html lang>`, headings, tables and their header cells, and the colours and sizes of
/// text where the markup sets them. Hidden and skipped elements (`hidden`, `display:none`,
/// `script`, `template`, ...) have no facts, as a screen reader would not meet them.
///
/// Colours: style sheets are not read, so a colour is known only where the markup sets it
/// (`style`, `bgcolor`, `<font color>`). A page without any style sheet is black text on
/// white with blue links unless its markup says otherwise; on a page with style sheets, a
/// colour is inherited only through elements that no class or id rule can restyle (no
/// `class`, no `id`, not a link). Text is reported only where some colour was set.
struct HTMLFactCollector {
    let source: [UInt8]
    let fragment: Bool
    let styleSheets: Bool
    private(set) var facts: [StructureFact] = []

    private struct Frame {
        var name: String
        var fontPixels: Double
        var bold: Bool
        /// The text colour, nil when unknown.
        var color: CSSColor?
        /// The opaque colour under the text, nil when unknown.
        var background: CSSColor?
        /// Whether the markup set a colour on this element or an ancestor.
        var declared: Bool
    }

    private struct Open {
        var element: String
        /// How many frames were open with it: it closes when its frame does.
        var depth: Int
        var tag: Range<Int>?
        var attributes: [String: String]
        var level = 0
        var text = ""
        var textRange: Range<Int>?
        var imageAlts: [String] = []
        // tables
        var rows = 0
        var columns = 0
        var cellsInRow = 0
        var header = false
        var nested = false
        var cells = 0
        var cellsWithText = 0
        var cellHasText = false
        // media
        var captions = false
    }

    private var frames: [Frame]
    private var links: [Open] = []
    private var headings: [Open] = []
    private var tables: [Open] = []
    private var media: [Open] = []
    private var block = 0
    private var lastRun: (fact: Int, block: Int, key: [String])?

    init(source: [UInt8], fragment: Bool, styleSheets: Bool) {
        self.source = source
        self.fragment = fragment
        self.styleSheets = styleSheets
        frames = [Frame(name: "#document", fontPixels: 16, bold: false,
                        color: styleSheets ? nil : .black, background: styleSheets ? nil : .white, declared: false)]
    }

    /// An element the walk enters (not a skipped or hidden one).
    mutating func enter(_ name: String, attributes: [String: String], valueRanges: [String: Range<Int>], tag: Range<Int>?) {
        let parent = frames[frames.count - 1]
        let style = InlineStyle(element: name, attributes: attributes, parentPixels: parent.fontPixels)
        let opaque = styleSheets && (attributes["class"] != nil || attributes["id"] != nil || name == "a")
        var frame = Frame(name: name, fontPixels: style.fontPixels ?? parent.fontPixels, bold: style.bold ?? parent.bold,
                          color: opaque ? nil : parent.color, background: opaque ? nil : parent.background,
                          declared: parent.declared || style.color != nil || style.background != nil)
        if name == "a" && !styleSheets && style.color == nil { frame.color = .defaultLink }
        if let color = style.color { frame.color = color }
        if let background = style.background {
            if background.alpha >= 1 {
                frame.background = background
            } else if background.alpha > 0 {
                frame.background = parent.background.map { background.over($0) }
            }
        }
        if style.backgroundImage || style.translucent { frame.background = nil }
        if style.translucent { frame.color = nil }
        frames.append(frame)
        if HTMLSegmenter.blockZones[name] != nil { block += 1 }
        let depth = frames.count
        func open() -> Open { Open(element: name, depth: depth, tag: tag, attributes: attributes) }

        switch name {
        case "html" where !fragment:
            document(attributes: attributes, valueRanges: valueRanges, tag: tag)
        case "img":
            image(attributes: attributes, valueRanges: valueRanges, tag: tag)
        case "input" where attributes["type"]?.lowercased() == "image":
            image(attributes: attributes, valueRanges: valueRanges, tag: tag)
        case "a" where attributes["href"] != nil:
            links.append(open())
        case "video", "audio":
            media.append(open())
        case "track":
            if let kind = attributes["kind"]?.lowercased(), kind == "captions", !media.isEmpty { media[media.count - 1].captions = true }
        case "table":
            if !tables.isEmpty { tables[tables.count - 1].nested = true }
            tables.append(open())
        case "tr":
            if !tables.isEmpty {
                tables[tables.count - 1].rows += 1
                tables[tables.count - 1].cellsInRow = 0
            }
        case "td", "th":
            if !tables.isEmpty {
                var table = tables[tables.count - 1]
                table.cellsInRow += Int(attributes["colspan"] ?? "1").map { max(1, min($0, 1000)) } ?? 1
                table.columns = max(table.columns, table.cellsInRow)
                table.cells += 1
                table.cellHasText = false
                if name == "th" || attributes["scope"] != nil || attributes["headers"] != nil
                    || ["columnheader", "rowheader"].contains(attributes["role"]?.lowercased() ?? "") {
                    table.header = true
                }
                tables[tables.count - 1] = table
            }
        default:
            break
        }
        if let level = Self.headingLevel(name, attributes) {
            var heading = open()
            heading.level = level
            headings.append(heading)
        }
    }

    /// The element entered last is left.
    mutating func leave() {
        guard frames.count > 1 else { return }
        let depth = frames.count
        let name = frames.removeLast().name
        if HTMLSegmenter.blockZones[name] != nil { block += 1 }
        if let open = headings.last, open.depth == depth {
            headings.removeLast()
            let text = Self.collapse(open.text)
            var fact = StructureFact(kind: .heading, sourceRange: open.textRange ?? open.tag ?? 0..<0)
            fact["level"] = .number(Double(open.level))
            if !text.isEmpty { fact["text"] = .text(text) }
            facts.append(fact)
        }
        if let open = links.last, open.depth == depth {
            links.removeLast()
            link(open)
        }
        if let open = media.last, open.depth == depth {
            media.removeLast()
            var fact = StructureFact(kind: .media, sourceRange: open.tag ?? 0..<0)
            fact["element"] = .text(name)
            fact["captions"] = .flag(open.captions)
            fact["muted"] = .flag(open.attributes["muted"] != nil)
            fact["controls"] = .flag(open.attributes["controls"] != nil)
            if let source = open.attributes["src"].map(Self.fileName) { fact["source"] = .text(source) }
            facts.append(fact)
        }
        if name == "td" || name == "th", !tables.isEmpty, tables[tables.count - 1].cellHasText {
            tables[tables.count - 1].cellsWithText += 1
        }
        if let open = tables.last, open.depth == depth {
            tables.removeLast()
            let role = open.attributes["role"]?.lowercased() ?? ""
            // A table used for layout (e-mails are built of them): marked so, holding other
            // tables, a single row or column, or mostly cells without text.
            let layout = role == "presentation" || role == "none" || open.nested || open.rows < 2 || open.columns < 2
                || open.cellsWithText * 2 < open.cells
            var fact = StructureFact(kind: .table, sourceRange: open.tag ?? 0..<0)
            fact["header"] = .flag(open.header)
            fact["rows"] = .number(Double(open.rows))
            fact["columns"] = .number(Double(open.columns))
            fact["layout"] = .flag(layout)
            facts.append(fact)
        }
    }

    /// A text node inside the element entered last: `raw` is its source range, `decoded`
    /// its text.
    mutating func text(raw: Range<Int>, decoded: [UInt8], source: [UInt8]) {
        var lower = raw.lowerBound, upper = raw.upperBound
        while lower < upper, Self.isSpace(source[lower]) { lower += 1 }
        while upper > lower, Self.isSpace(source[upper - 1]) { upper -= 1 }
        guard lower < upper, decoded.contains(where: { !Self.isSpace($0) }) else { return }
        let range = lower..<upper
        let string = String(decoding: decoded, as: UTF8.self)
        if !links.isEmpty { Self.add(string, range, to: &links[links.count - 1]) }
        if !headings.isEmpty { Self.add(string, range, to: &headings[headings.count - 1]) }
        if !tables.isEmpty { tables[tables.count - 1].cellHasText = true }
        run(range)
    }

    // MARK: - Facts

    private mutating func document(attributes: [String: String], valueRanges: [String: Range<Int>], tag: Range<Int>?) {
        let langKey = attributes["lang"] != nil ? "lang" : "xml:lang"
        // Text before `<html>` makes the parser imply the element; the tag written later
        // still gives its attributes, and the page is located at it.
        guard let range = tag ?? valueRanges[langKey] ?? Self.firstHTMLTag(in: source) else { return }
        var fact = StructureFact(kind: .document, sourceRange: range)
        if let lang = attributes[langKey] {
            fact["lang"] = .text(lang)
            if let value = valueRanges[langKey] { fact.propertyRanges["lang"] = value }
        }
        facts.append(fact)
    }

    private mutating func image(attributes: [String: String], valueRanges: [String: Range<Int>], tag: Range<Int>?) {
        var fact = StructureFact(kind: .image, sourceRange: tag ?? 0..<0)
        let role = attributes["role"]?.lowercased() ?? ""
        let decorative = attributes["alt"] == "" || role == "presentation" || role == "none" || attributes["aria-hidden"]?.lowercased() == "true"
        if let alt = attributes["alt"] {
            fact["alt"] = .text(alt)
            if let value = valueRanges["alt"] { fact.propertyRanges["alt"] = value }
        } else if let label = attributes["aria-label"], !label.allSatisfy(\.isWhitespace) {
            fact["alt"] = .text(label)
            if let value = valueRanges["aria-label"] { fact.propertyRanges["alt"] = value }
        } else if attributes["aria-labelledby"] != nil {
            fact["alt"] = .text("")
        } else if let title = attributes["title"], !title.allSatisfy(\.isWhitespace) {
            fact["alt"] = .text(title)
            if let value = valueRanges["title"] { fact.propertyRanges["alt"] = value }
        } else if decorative {
            fact["alt"] = .text("")
        }
        fact["decorative"] = .flag(decorative)
        if let source = attributes["src"] { fact["source"] = .text(Self.fileName(source)) }
        facts.append(fact)
        if !links.isEmpty, let alt = fact["alt"]?.text, !alt.allSatisfy(\.isWhitespace) {
            links[links.count - 1].imageAlts.append(alt)
        }
    }

    private mutating func link(_ open: Open) {
        let visible = Self.collapse(open.text)
        var fact = StructureFact(kind: .link, sourceRange: open.textRange ?? open.tag ?? 0..<0)
        if let label = open.attributes["aria-label"], !label.allSatisfy(\.isWhitespace) {
            fact["text"] = .text(Self.collapse(label))
        } else if !visible.isEmpty {
            fact["text"] = .text(visible)
            if let range = open.textRange { fact.propertyRanges["text"] = range }
        } else if !open.imageAlts.isEmpty {
            fact["text"] = .text(open.imageAlts.joined(separator: " "))
        } else if open.attributes["aria-labelledby"] != nil {
            fact["text"] = .text("")
        } else if let title = open.attributes["title"], !title.allSatisfy(\.isWhitespace) {
            fact["text"] = .text(title)
        }
        if let href = open.attributes["href"] { fact["target"] = .text(href) }
        facts.append(fact)
    }

    /// A run of text whose colours the markup sets and both are known: one fact per run of
    /// the same colours and size in one block.
    private mutating func run(_ range: Range<Int>) {
        let frame = frames[frames.count - 1]
        guard frame.declared, let color = frame.color, let background = frame.background else { return }
        let foreground = color.over(background)
        let points = (frame.fontPixels * 0.75 * 10).rounded() / 10
        let large = points >= 18 || (points >= 14 && frame.bold)
        let key = [foreground.hex, background.hex, "\(points)", "\(frame.bold)"]
        if let last = lastRun, last.block == block, last.key == key, last.fact == facts.count - 1 {
            facts[last.fact].sourceRange = facts[last.fact].sourceRange.lowerBound..<range.upperBound
            return
        }
        var fact = StructureFact(kind: .text, sourceRange: range)
        fact["color"] = .text(foreground.hex)
        fact["background"] = .text(background.hex)
        fact["contrast"] = .number(CSSColor.contrast(foreground, background))
        fact["size"] = .number(points)
        fact["bold"] = .flag(frame.bold)
        fact["large"] = .flag(large)
        facts.append(fact)
        lastRun = (facts.count - 1, block, key)
    }

    // MARK: - Helpers

    private static func add(_ text: String, _ range: Range<Int>, to open: inout Open) {
        open.text += open.text.isEmpty ? text : " " + text
        // Text nodes can come out of source order (the parser moves misnested content), so
        // the range covers both rather than running from the first to the last.
        open.textRange = open.textRange.map { min($0.lowerBound, range.lowerBound)..<max($0.upperBound, range.upperBound) } ?? range
    }

    static func headingLevel(_ name: String, _ attributes: [String: String]) -> Int? {
        if name.count == 2, name.first == "h", let level = Int(String(name.last!)), (1...6).contains(level) { return level }
        if attributes["role"]?.lowercased() == "heading" { return Int(attributes["aria-level"] ?? "2").map { max(1, min(9, $0)) } ?? 2 }
        return nil
    }

    /// Whitespace runs as one space, trimmed; none between CJK characters.
    static func collapse(_ text: String) -> String {
        var out = ""
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace || scalar == "\u{00A0}" {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace, let last = out.unicodeScalars.last, !(last.isWide && scalar.isWide) { out.unicodeScalars.append(" ") }
            pendingSpace = false
            out.unicodeScalars.append(scalar)
        }
        return out
    }

    /// The last path component of a URL, without query or fragment (`banner.jpg`).
    static func fileName(_ url: String) -> String {
        if url.hasPrefix("data:") { return "data:" }
        var path = Substring(url)
        if let cut = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<cut] }
        while path.hasSuffix("/") { path = path.dropLast() }
        return path.split(separator: "/").last.map(String.init) ?? String(path)
    }

    /// The first `<html …>` tag written in the source, if any.
    static func firstHTMLTag(in source: [UInt8]) -> Range<Int>? {
        let needle = Array("<html".utf8)
        var i = 0
        while i + needle.count < source.count {
            if source[i] == 0x3C, (0..<needle.count).allSatisfy({ source[i + $0] | 0x20 == needle[$0] | 0x20 }) {
                let next = source[i + needle.count]
                if next == 0x3E || next == 0x2F || isSpace(next) {
                    var end = i + needle.count
                    while end < source.count && source[end] != 0x3E { end += 1 }
                    return i..<min(source.count, end + 1)
                }
            }
            i += 1
        }
        return nil
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C }
}

extension Unicode.Scalar {
    /// CJK characters and full-width forms: no space is kept between two of them.
    fileprivate var isWide: Bool {
        (0x2E80...0x9FFF).contains(value) || (0xAC00...0xD7AF).contains(value) || (0xF900...0xFAFF).contains(value)
            || (0xFF00...0xFFEF).contains(value) || (0x20000...0x3FFFF).contains(value)
    }
}
