import LintCore

/// Finds directive comments in the source of a text format and works out the lines each
/// one covers. HTML comments (`<!-- … -->`, possibly over several lines) count in every text
/// format; in plain text, whole lines starting with `# adlaw-` or `// adlaw-` count too.
struct CommentScanner {
    let document: ExtractedDocument

    /// Formats whose source is the file's text, where comments can be written.
    static let textFormats: Set<String> = ["text", "markdown", "html"]

    struct Comment {
        var range: Range<Int>
        /// Content between the delimiters.
        var content: String
        var firstLine: Int
        var lastLine: Int
    }

    func scan() -> [SuppressionDirective] {
        guard Self.textFormats.contains(document.format) else { return [] }
        let source = document.source
        var comments = htmlComments(source)
        if document.format == "text" { comments += lineComments(source) }
        comments.sort { $0.range.lowerBound < $1.range.lowerBound }
        let skippable = commentOnlyLines(source, comments: comments)
        let lineCount = source.lineStarts.count
        let collector = DirectiveCollector()

        var out: [SuppressionDirective] = []
        var open: [(directive: SuppressionDirective, index: Int)] = []
        for comment in comments {
            guard let parsed = DirectiveText.parse(comment.content) else { continue }
            let lines = comment.firstLine...comment.lastLine
            switch parsed.keyword {
            case .disableNextLine?:
                var target = comment.lastLine + 1
                while target <= lineCount && skippable.contains(target) { target += 1 }
                if target > lineCount {
                    out.append(collector.directive(parsed, kind: .nextLine, scope: .lines(lines), document: document,
                                                   range: comment.range, problem: .nothingFollows))
                } else {
                    out.append(collector.directive(parsed, kind: .nextLine, scope: .lines(target...target), document: document, range: comment.range))
                }
            case .disableLine?:
                out.append(collector.directive(parsed, kind: .line, scope: .lines(lines), document: document, range: comment.range))
            case .disable?:
                let directive = collector.directive(parsed, kind: .block, scope: .lines(comment.firstLine...lineCount),
                                                    document: document, range: comment.range)
                out.append(directive)
                if directive.problem == nil { open.append((directive, out.count - 1)) }
            case .enable?:
                let closing = open.indices.filter { index in
                    parsed.rules.isEmpty || parsed.rules.contains { selector in open[index].directive.rules.contains(selector) }
                }
                if closing.isEmpty {
                    out.append(collector.directive(parsed, kind: .block, scope: .lines(lines), document: document,
                                                   range: comment.range, problem: .unmatchedEnable))
                }
                for index in closing.reversed() {
                    let entry = open.remove(at: index)
                    out[entry.index].scope = .lines(entry.directive.start.line...comment.lastLine)
                }
            case nil:
                out.append(collector.directive(parsed, kind: .line, scope: .lines(lines), document: document,
                                               range: comment.range, problem: .unknownDirective(parsed.word)))
            }
        }
        for entry in open { out[entry.index].problem = .unclosedBlock }
        return out
    }

    /// `<!-- … -->` comments; an unterminated one runs to the end of the text.
    func htmlComments(_ source: SourceText) -> [Comment] {
        let bytes = source.bytes
        var out: [Comment] = []
        var i = 0
        let open: [UInt8] = [0x3C, 0x21, 0x2D, 0x2D], close: [UInt8] = [0x2D, 0x2D, 0x3E]
        while let start = find(open, in: bytes, from: i) {
            let contentStart = start + open.count
            let closeAt = find(close, in: bytes, from: contentStart)
            let contentEnd = closeAt ?? bytes.count
            let end = closeAt.map { $0 + close.count } ?? bytes.count
            out.append(Comment(range: start..<end, content: String(decoding: bytes[contentStart..<contentEnd], as: UTF8.self),
                               firstLine: source.lineIndex(containing: start) + 1,
                               lastLine: source.lineIndex(containing: max(start, end - 1)) + 1))
            i = end
        }
        return out
    }

    /// Whole lines `# adlaw-…` / `// adlaw-…` (plain text has no comment syntax of its own;
    /// only lines that are directives are treated as comments).
    func lineComments(_ source: SourceText) -> [Comment] {
        var out: [Comment] = []
        for index in 0..<source.lineStarts.count {
            let range = source.lineContentRange(index)
            let line = String(decoding: source.bytes[range], as: UTF8.self)
            let trimmed = line.trimmingDirectiveWhitespace()
            for marker in ["//", "#"] where trimmed.hasPrefix(marker) {
                let content = String(trimmed.dropFirst(marker.count))
                guard content.trimmingDirectiveWhitespace().hasPrefix(DirectiveText.prefix) else { break }
                out.append(Comment(range: range, content: content, firstLine: index + 1, lastLine: index + 1))
                break
            }
        }
        return out
    }

    /// Lines that hold nothing but whitespace and comments: `disable-next-line` skips them.
    /// `comments` are sorted and do not overlap, so one sweep over the text is enough.
    func commentOnlyLines(_ source: SourceText, comments: [Comment]) -> Set<Int> {
        var out = Set<Int>()
        var next = 0
        for index in 0..<source.lineStarts.count {
            let range = source.lineContentRange(index)
            var blank = true
            var offset = range.lowerBound
            while offset < range.upperBound {
                while next < comments.count && comments[next].range.upperBound <= offset { next += 1 }
                if next < comments.count && comments[next].range.contains(offset) {
                    offset = comments[next].range.upperBound
                    continue
                }
                let byte = source.bytes[offset]
                if byte != 0x20 && byte != 0x09 { blank = false; break }
                offset += 1
            }
            if blank { out.insert(index + 1) }
        }
        return out
    }

    private func find(_ needle: [UInt8], in bytes: SourceBytes, from start: Int) -> Int? {
        guard needle.count <= bytes.count else { return nil }
        return bytes.withUnsafeBufferPointer { text in
            var i = start
            while i + needle.count <= text.count {
                if text[i] == needle[0] && text[i..<(i + needle.count)].elementsEqual(needle) { return i }
                i += 1
            }
            return nil
        }
    }
}
