import LintCore

/// Turns the events of a cmark walk into text segments: one per paragraph, heading, table
/// cell and image alt text, with text joined across soft line breaks and every character
/// mapped back to its source bytes.
///
/// Skipped: code spans and blocks, link destinations, bare-URL autolinks, footnote marks,
/// inline HTML tags and comments. HTML blocks are handed to `htmlBlock` (the HTML extractor).
struct MarkdownSegmenter {
    let source: [UInt8]
    let lineStarts: [Int]
    /// Extracts the segments of a raw HTML block, given its source byte range.
    let htmlBlock: (Range<Int>) throws(HTMLSegmenter.TooDeep) -> [TextSegment]
    /// The first HTML block that could not be read.
    private(set) var htmlError: HTMLSegmenter.TooDeep?

    private(set) var segments: [TextSegment] = []
    /// Text nodes that could only be located by their line (the parser's position and the
    /// source disagreed beyond repair).
    private(set) var unlocated: [Int] = []

    private var containers: [Zone] = []
    private var builders: [(builder: SegmentBuilder, zone: Zone)] = []
    /// Raw offset just after the last located text, to place nodes cmark gives no position.
    private var cursor = 0

    init(source: [UInt8], lineStarts: [Int], htmlBlock: @escaping (Range<Int>) throws(HTMLSegmenter.TooDeep) -> [TextSegment]) {
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
        switch event.type {
        case .item: containers.append(.listItem)
        case .blockQuote: containers.append(.quote)
        case .footnoteDefinition: containers.append(.footnote)
        case .paragraph: builders.append((SegmentBuilder(), containers.last ?? .paragraph))
        case .heading: builders.append((SegmentBuilder(), .heading))
        case .tableCell: builders.append((SegmentBuilder(), .tableCell))
        case .image: builders.append((SegmentBuilder(), .altText))
        case .text:
            if let literal = event.literal { append(literal, line: event.startLine, column: event.startColumn) }
        case .softBreak:
            let at = cursor
            withTop { $0.whitespace(atBase: at, newline: true) }
        case .lineBreak:
            let at = cursor
            withTop { $0.lineBreak(atBase: at) }
        case .code, .footnoteReference:
            let at = offset(line: event.startLine, column: event.startColumn) ?? cursor
            withTop { $0.separator(atBase: at) }
        case .htmlInline:
            let tag = String(decoding: (event.literal ?? []).prefix(4), as: UTF8.self).lowercased()
            if tag.hasPrefix("<br") {
                let at = offset(line: event.startLine, column: event.startColumn) ?? cursor
                withTop { $0.lineBreak(atBase: at) }
            }
        case .link:
            if isBareURL(event) {
                let at = offset(line: event.startLine, column: event.startColumn) ?? cursor
                withTop { $0.separator(atBase: at) }
            } else {
                withTop { $0.beginZone(.linkText) }
            }
        case .htmlBlock:
            if let range = blockRange(event) {
                do { segments += try htmlBlock(range) } catch { htmlError = htmlError ?? error }
            }
        default:
            break
        }
    }

    private mutating func exit(_ event: CmarkTree.Event) {
        switch event.type {
        case .item, .blockQuote, .footnoteDefinition:
            _ = containers.popLast()
        case .paragraph, .heading, .tableCell, .image:
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

    // MARK: - Locating text

    private func offset(line: Int, column: Int) -> Int? {
        guard line >= 1, line <= lineStarts.count, column >= 1 else { return nil }
        return lineStarts[line - 1] + column - 1
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

    /// Appends a text node, aligned with its source bytes. cmark's position is tried first;
    /// it is off for some nodes (continuation lines of list items, text after an escape), so
    /// then the node is searched for on its line, after the previous node.
    private mutating func append(_ literal: [UInt8], line: Int, column: Int) {
        guard !literal.isEmpty, !builders.isEmpty else { return }
        let aligner = SourceAligner(source: source, flavor: .markdown)
        let lineIndex = line >= 1 && line <= lineStarts.count ? line - 1 : self.lineIndex(containing: cursor)
        let content = lineContent(lineIndex)
        var candidates: [Int] = []
        if let start = offset(line: line, column: column), content.contains(start) { candidates.append(start) }
        if content.contains(cursor) { candidates.append(cursor) }
        for candidate in candidates {
            if let (steps, end) = aligner.align(literal, from: candidate, limit: content.upperBound) {
                SourceAligner.apply(steps, source: source, into: &builders[builders.count - 1].builder)
                cursor = end
                return
            }
        }
        var position = max(content.lowerBound, min(cursor, content.upperBound))
        for pass in 0..<2 {
            while position < content.upperBound {
                if let (steps, end) = aligner.align(literal, from: position, limit: content.upperBound) {
                    SourceAligner.apply(steps, source: source, into: &builders[builders.count - 1].builder)
                    cursor = end
                    return
                }
                position += 1
            }
            if pass == 0 { position = content.lowerBound }
        }
        // Not found on its line: keep the text, located at the start of its line.
        // Never before the text already placed, so a segment's characters stay in order.
        unlocated.append(lineIndex + 1)
        var start = candidates.first ?? content.lowerBound
        if content.contains(cursor) || cursor == content.upperBound { start = max(start, cursor) }
        // The parser read placeholders for invalid bytes (`ParserInput`): each is U+FFFD here.
        var text: [UInt8] = []
        for byte in literal {
            if byte == ParserInput.placeholder { text += [0xEF, 0xBF, 0xBD] } else { text.append(byte) }
        }
        text = Array(String(decoding: text, as: UTF8.self).utf8)
        builders[builders.count - 1].builder.unit(text, base: start..<max(start, content.upperBound))
    }

    /// The source bytes of a block, from its first line's start column to its last line's end.
    private func blockRange(_ event: CmarkTree.Event) -> Range<Int>? {
        guard event.startLine >= 1, event.endLine >= event.startLine, event.endLine <= lineStarts.count else { return nil }
        let start = lineStarts[event.startLine - 1] + max(0, event.startColumn - 1)
        let end = lineContent(event.endLine - 1).upperBound
        return start < end ? start..<end : nil
    }
}
