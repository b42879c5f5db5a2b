import LintCore

/// Turns the events of a cmark walk into text segments: one per paragraph, heading, table
/// cell and image alt text, with text joined across soft line breaks and every character
/// mapped back to its source bytes.
///
/// Skipped: code spans and blocks, link destinations, bare-URL autolinks, footnote marks,
/// inline HTML tags and comments. HTML blocks are handed to `htmlBlock` (the HTML extractor).
///
/// Beside the text it reports structure facts (`StructureFact`): images and their alt text
/// (`![alt](src)`; an empty alt is a missing one, as Markdown has no way to mark a picture
/// decorative), links and their text, headings and their levels, tables (a GFM table always
/// has a header row), and the facts of HTML blocks and inline `<img>` tags.
struct MarkdownSegmenter {
    let source: [UInt8]
    let lineStarts: [Int]
    /// Extracts the segments of a raw HTML block, given its source byte range.
    let htmlBlock: (Range<Int>) throws(HTMLSegmenter.TooDeep) -> (segments: [TextSegment], facts: [StructureFact])
    /// The first HTML block that could not be read.
    private(set) var htmlError: HTMLSegmenter.TooDeep?

    private(set) var segments: [TextSegment] = []
    private(set) var facts: [StructureFact] = []
    /// Images, links, headings and tables being read (`enter` to `exit`).
    private var open: [OpenFact] = []

    private struct OpenFact {
        var type: CmarkTree.NodeType
        var start: Int?
        var url: String?
        var level = 0
        var text = ""
        var imageAlts: [String] = []
        var rows = 0
        var cells = 0
        var columns = 0
    }
    /// Text nodes that could only be located by their line (the parser's position and the
    /// source disagreed beyond repair).
    private(set) var unlocated: [Int] = []

    private var containers: [Zone] = []
    private var builders: [(builder: SegmentBuilder, zone: Zone)] = []
    /// Raw offset just after the last located text, to place nodes cmark gives no position.
    private var cursor = 0
    /// Inside a paragraph the table extension split off: where its positions count from
    /// (`CmarkTree.Event.relativeOrigin`).
    private var relativeOrigin: (line: Int, column: Int)?

    init(source: [UInt8], lineStarts: [Int],
         htmlBlock: @escaping (Range<Int>) throws(HTMLSegmenter.TooDeep) -> (segments: [TextSegment], facts: [StructureFact])) {
        self.source = source
        self.lineStarts = lineStarts
        self.htmlBlock = htmlBlock
    }

    /// Handles one walk event; returns `false` to skip the node's children.
    mutating func visit(_ event: CmarkTree.Event) -> Bool {
        event.entering ? enter(event) : exit(event)
        return event.entering ? !skipsChildren(event) : true
    }

    private func skipsChildren(_ event: CmarkTree.Event) -> Bool {
        switch event.type {
        case .codeBlock, .htmlBlock, .code: true
        case .link: isBareURL(event)
        default: false
        }
    }

    private mutating func enter(_ event: CmarkTree.Event) {
        if event.type == .paragraph { relativeOrigin = event.relativeOrigin }
        let (line, column) = position(event)
        openFact(event, line: line, column: column)
        switch event.type {
        case .item: containers.append(.listItem)
        case .blockQuote: containers.append(.quote)
        case .footnoteDefinition: containers.append(.footnote)
        case .paragraph: builders.append((SegmentBuilder(), containers.last ?? .paragraph))
        case .heading: builders.append((SegmentBuilder(), .heading))
        case .tableCell: builders.append((SegmentBuilder(), .tableCell))
        case .image: builders.append((SegmentBuilder(), .altText))
        case .text:
            if let literal = event.literal {
                append(literal, line: line, column: column)
                let text = String(decoding: literal, as: UTF8.self)
                for index in open.indices where open[index].type != .table { open[index].text += text }
            }
        case .softBreak:
            let at = anchor(nil)
            withTop { $0.whitespace(atBase: at, newline: true) }
        case .lineBreak:
            let at = anchor(nil)
            withTop { $0.lineBreak(atBase: at) }
        case .code, .footnoteReference:
            let at = anchor(offset(line: line, column: column))
            withTop { $0.separator(atBase: at) }
        case .htmlInline:
            let tag = String(decoding: (event.literal ?? []).prefix(4), as: UTF8.self).lowercased()
            if tag.hasPrefix("<br") {
                let at = anchor(offset(line: line, column: column))
                withTop { $0.lineBreak(atBase: at) }
            } else if let literal = event.literal, ["<img", "<vid", "<aud"].contains(tag) {
                inlineElement(literal, at: offset(line: line, column: column))
            }
        case .link:
            if isBareURL(event) {
                let at = anchor(offset(line: line, column: column))
                withTop { $0.separator(atBase: at) }
            } else {
                withTop { $0.beginZone(.linkText) }
            }
        case .htmlBlock:
            if let range = blockRange(event) {
                do {
                    let read = try htmlBlock(range)
                    segments += read.segments
                    facts += read.facts
                } catch {
                    htmlError = htmlError ?? error
                }
            }
        default:
            break
        }
    }

    private mutating func exit(_ event: CmarkTree.Event) {
        closeFact(event)
        switch event.type {
        case .item, .blockQuote, .footnoteDefinition:
            _ = containers.popLast()
        case .paragraph, .heading, .tableCell, .image:
            if event.type == .paragraph { relativeOrigin = nil }
            guard var top = builders.popLast() else { return }
            if let segment = top.builder.build(zone: top.zone) { segments.append(segment) }
        case .link:
            withTop { $0.endZone() }
        default:
            break
        }
    }

    private mutating func withTop(_ body: (inout SegmentBuilder) -> Void) {
        guard !builders.isEmpty else { return }
        body(&builders[builders.count - 1].builder)
    }

    /// A link whose text is its own destination (`<https://…>`, a bare `www.…`): a URL,
    /// not copy.
    private func isBareURL(_ event: CmarkTree.Event) -> Bool {
        guard let url = event.url, let text = event.onlyChildLiteral.map({ String(decoding: $0, as: UTF8.self) }) else { return false }
        return url == text || url == "http://" + text || url == "https://" + text || url == "mailto:" + text
    }

    // MARK: - Structure facts

    private mutating func openFact(_ event: CmarkTree.Event, line: Int, column: Int) {
        switch event.type {
        case .image, .heading, .table:
            break
        case .link where !isBareURL(event):
            break
        case .tableRow:
            if let index = open.lastIndex(where: { $0.type == .table }) {
                open[index].rows += 1
                open[index].cells = 0
            }
            return
        case .tableCell:
            if let index = open.lastIndex(where: { $0.type == .table }) {
                open[index].cells += 1
                open[index].columns = max(open[index].columns, open[index].cells)
            }
            return
        default:
            return
        }
        open.append(OpenFact(type: event.type, start: offset(line: line, column: column), url: event.url, level: event.headingLevel))
    }

    private mutating func closeFact(_ event: CmarkTree.Event) {
        guard let top = open.last, top.type == event.type, [.image, .link, .heading, .table].contains(event.type) else { return }
        if event.type == .link && isBareURL(event) { return }
        open.removeLast()
        let start = top.start ?? cursor
        let range = start..<max(start, end(event) ?? cursor)
        let text = HTMLFactCollector.collapse(top.text)
        var fact: StructureFact
        switch event.type {
        case .image:
            fact = StructureFact(kind: .image, sourceRange: range)
            if !text.isEmpty { fact["alt"] = .text(text) }
            fact["decorative"] = .flag(false)
            if let url = top.url, !url.isEmpty { fact["source"] = .text(HTMLFactCollector.fileName(url)) }
            if !text.isEmpty, let link = open.lastIndex(where: { $0.type == .link }) { open[link].imageAlts.append(text) }
        case .link:
            fact = StructureFact(kind: .link, sourceRange: range)
            if !text.isEmpty {
                fact["text"] = .text(text)
            } else if !top.imageAlts.isEmpty {
                fact["text"] = .text(top.imageAlts.joined(separator: " "))
            }
            if let url = top.url { fact["target"] = .text(url) }
        case .heading:
            fact = StructureFact(kind: .heading, sourceRange: range)
            fact["level"] = .number(Double(top.level))
            if !text.isEmpty { fact["text"] = .text(text) }
        default:
            fact = StructureFact(kind: .table, sourceRange: range)
            fact["header"] = .flag(true)
            fact["rows"] = .number(Double(top.rows))
            fact["columns"] = .number(Double(top.columns))
            fact["layout"] = .flag(false)
        }
        facts.append(fact)
    }

    /// The source offset just after the node: cmark's end line and (inclusive) byte column.
    private func end(_ event: CmarkTree.Event) -> Int? {
        var line = event.endLine, column = event.endColumn
        if let origin = relativeOrigin {
            line += origin.line
            column += origin.column
        }
        guard let last = offset(line: line, column: column) else { return nil }
        return min(source.count, last + 1)
    }

    /// An `<img>`, `<video>` or `<audio>` tag inside a paragraph: its facts, read by the HTML
    /// extractor (a video or audio element up to its closing tag, for its caption tracks).
    private mutating func inlineElement(_ literal: [UInt8], at start: Int?) {
        guard let start, start + literal.count <= source.count, Array(source[start..<(start + literal.count)]) == literal else { return }
        var end = start + literal.count
        let name = Array(String(decoding: literal.prefix(6), as: UTF8.self).lowercased().utf8.dropFirst())
        if name.starts(with: Array("video".utf8)) || name.starts(with: Array("audio".utf8)) {
            let closing = Array("</".utf8) + Array(name.prefix(5))
            var i = end
            let limit = min(source.count, end + Self.inlineMediaLimit)
            while i + closing.count < limit {
                if source[i] == 0x3C, (0..<closing.count).allSatisfy({ source[i + $0] | 0x20 == closing[$0] | 0x20 }) {
                    end = min(source.count, i + closing.count + 1)
                    break
                }
                i += 1
            }
        }
        guard let read = try? htmlBlock(start..<end) else { return }
        for fact in read.facts where fact.kind == .image || fact.kind == .media {
            facts.append(fact)
            if let alt = fact["alt"]?.text, !alt.isEmpty, let link = open.lastIndex(where: { $0.type == .link }) {
                open[link].imageAlts.append(alt)
            }
        }
    }

    /// How far after an inline `<video>` its closing tag is looked for.
    private static let inlineMediaLimit = 16_384

    // MARK: - Locating text

    /// The event's start line and byte column, made absolute inside a split-off paragraph.
    private func position(_ event: CmarkTree.Event) -> (line: Int, column: Int) {
        guard let origin = relativeOrigin else { return (event.startLine, event.startColumn) }
        return (origin.line + event.startLine, origin.column + event.startColumn)
    }

    /// Where a joiner or separator goes: at `offset` (else just after the previous text),
    /// never before the text already in the segment, never past the end of the source.
    private func anchor(_ offset: Int?) -> Int {
        let floor = builders.last?.builder.baseFloor ?? 0
        return min(source.count, max(floor, offset ?? cursor))
    }

    /// The source offset of a 1-based line and byte column, when it lies on that line
    /// (cmark's columns for autolinks and table header cells can run past it).
    private func offset(line: Int, column: Int) -> Int? {
        guard line >= 1, line <= lineStarts.count, column >= 1 else { return nil }
        let content = lineContent(line - 1)
        let offset = content.lowerBound + column - 1
        return offset <= content.upperBound ? offset : nil
    }

    private func lineContent(_ index: Int) -> Range<Int> {
        let start = lineStarts[index]
        var end = index + 1 < lineStarts.count ? lineStarts[index + 1] : source.count
        if end > start && source[end - 1] == 0x0A { end -= 1 }
        if end > start && source[end - 1] == 0x0D { end -= 1 }
        return start..<end
    }

    private func lineIndex(containing offset: Int) -> Int {
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    /// Appends a text node, aligned with its source bytes, never before the text already in
    /// its segment. cmark's position is tried first, then just after the previous text; both
    /// are off for some nodes (continuation lines of list items, text after an escape, table
    /// header cells inside quotes and list items), so then the node is searched for on its
    /// line and on the lines just after the previous text.
    private mutating func append(_ literal: [UInt8], line: Int, column: Int) {
        guard !literal.isEmpty, !builders.isEmpty else { return }
        let floor = builders[builders.count - 1].builder.baseFloor
        var candidates: [Int] = []
        if let start = offset(line: line, column: column), start >= floor { candidates.append(start) }
        if cursor >= floor, cursor < source.count, !candidates.contains(cursor) { candidates.append(cursor) }
        for candidate in candidates where place(literal, from: candidate, to: lineContent(lineIndex(containing: candidate)).upperBound, anchored: true) {
            return
        }
        let lineIndex = line >= 1 && line <= lineStarts.count ? line - 1 : self.lineIndex(containing: max(cursor, floor))
        let content = lineContent(lineIndex)
        if place(literal, from: max(content.lowerBound, cursor, floor), to: content.upperBound) { return }
        // A line before the previous text's is stale (a table header cell after the lines
        // cmark-gfm split off): the lines just after the previous text come first.
        let after = max(cursor, floor)
        if after < source.count, content.upperBound < after {
            let first = self.lineIndex(containing: after)
            for index in first..<min(lineStarts.count, first + Self.linesSearchedAhead) {
                let next = lineContent(index)
                if place(literal, from: max(next.lowerBound, after), to: next.upperBound) { return }
            }
        }
        if place(literal, from: max(content.lowerBound, floor), to: content.upperBound) { return }
        // Not found: keep the text, located at the start of its line, or just after the
        // text already in its segment when that is further on.
        unlocated.append(lineIndex + 1)
        let start = min(source.count, max(content.lowerBound, floor))
        let end = start < source.count ? max(start, lineContent(self.lineIndex(containing: start)).upperBound) : start
        // The parser read placeholders for invalid bytes (`ParserInput`): each is U+FFFD here.
        var text: [UInt8] = []
        for byte in literal {
            if byte == ParserInput.placeholder { text += [0xEF, 0xBF, 0xBD] } else { text.append(byte) }
        }
        builders[builders.count - 1].builder.unaligned(String(decoding: text, as: UTF8.self), base: start..<end)
    }

    /// How many lines from the previous text's line are searched for a node whose position
    /// is off: a header cell follows the paragraph cmark-gfm split off before it.
    private static let linesSearchedAhead = 3

    /// Aligns the literal at `start` (`anchored`) or at the first position from `start` where
    /// it aligns, ending by `limit`; writes it and moves the cursor past it.
    private mutating func place(_ literal: [UInt8], from start: Int, to limit: Int, anchored: Bool = false) -> Bool {
        guard start < limit, limit <= source.count else { return false }
        let aligner = SourceAligner(source: source, flavor: .markdown)
        for position in start..<(anchored ? start + 1 : limit) {
            if let (steps, end) = aligner.align(literal, from: position, limit: limit) {
                SourceAligner.apply(steps, source: source, into: &builders[builders.count - 1].builder)
                cursor = end
                return true
            }
        }
        return false
    }

    /// The source bytes of a block, from its first line's start column to its last line's end.
    private func blockRange(_ event: CmarkTree.Event) -> Range<Int>? {
        guard event.startLine >= 1, event.endLine >= event.startLine, event.endLine <= lineStarts.count else { return nil }
        let start = lineStarts[event.startLine - 1] + max(0, event.startColumn - 1)
        let end = lineContent(event.endLine - 1).upperBound
        return start < end ? start..<end : nil
    }
}
