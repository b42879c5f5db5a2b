import LintCore

/// Finds the suppression directives of a document:
///
/// - in the comments of text formats: `<!-- adlaw-… -->` in Markdown, HTML and text, and
///   whole-line `# adlaw-…` or `// adlaw-…` in plain text (read from the source, whatever
///   the extractor made of the comments);
/// - in comment segments an extractor attached to an element (a spreadsheet cell comment,
///   a slide comment): the directive covers that element (the cell, the slide);
/// - in a sidecar file (`<file>.adlaw`) for formats without comments.
///
/// An extractor for a new format plugs in by emitting notes as `TextSegment`s with zone
/// `.comment` and a `SourceLocation` naming the commented element (same sheet and cell,
/// slide, or part and paragraph); nothing here changes.
public struct DirectiveCollector: Sendable {
    /// The sidecar beside a document: `report.docx` → `report.docx.adlaw`.
    public static let sidecarExtension = "adlaw"

    public init() {}

    public static func sidecarPath(for path: String) -> String { path + "." + sidecarExtension }

    /// Directives in the document's comments and comment segments.
    public func collect(_ document: ExtractedDocument) -> [SuppressionDirective] {
        var out = CommentScanner(document: document).scan()
        let seen = Set(out.compactMap(\.sourceRange?.lowerBound))
        for segment in document.segments where segment.zone == .comment {
            guard segment.location != nil || segment.logicalLocation != nil, let parsed = DirectiveText.parse(segment.text) else { continue }
            let start = segment.sourceMap.baseStart(0)
            if seen.contains(start) { continue }
            let end = segment.sourceMap.baseEnd(segment.text.utf8.count)
            let range = start..<max(start, end)
            let scope: SuppressionDirective.Scope = segment.location.map { .note($0) } ?? .logical(segment.logicalLocation ?? "")
            out.append(directive(parsed, kind: .location, scope: scope, document: document, range: range))
        }
        return out
    }

    /// Directives in a sidecar file: one per line, `adlaw-disable <rules> [@ <where>] -- <reason>`,
    /// where `<where>` is a line (`12`), a line range (`12-20`) or a logical location as
    /// adlaw prints it (`Sheet1!B3`); without `@` the whole file. `#` starts a comment line.
    public func collect(sidecar text: String, sidecarPath: String, documentPath: String) -> [SuppressionDirective] {
        let source = SourceText(text)
        var out: [SuppressionDirective] = []
        for index in 0..<source.lineStarts.count {
            let range = source.lineContentRange(index)
            let line = String(decoding: source.bytes[range], as: UTF8.self)
            let trimmed = line.trimmingDirectiveWhitespace()
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let position = source.position(of: range.lowerBound), endPosition = source.position(of: range.upperBound)
            let snippet = source.snippet(for: range)
            guard let parsed = DirectiveText.parse(trimmed), parsed.keyword == .disable else {
                out.append(SuppressionDirective(
                    kind: .location, rules: [], reason: nil, path: documentPath, writtenIn: sidecarPath, start: position,
                    end: endPosition, sourceRange: nil, snippet: snippet, scope: .file,
                    problem: .malformed("expected `adlaw-disable <rule-id> [@ <line or location>] -- <reason>`")))
                continue
            }
            var scope = SuppressionDirective.Scope.file
            if let target = parsed.target {
                let bounds = target.split(separator: "-", maxSplits: 1).map { Int(String($0).trimmingDirectiveWhitespace()) }
                if bounds.count == 1, let line = bounds[0] {
                    scope = .lines(line...line)
                } else if bounds.count == 2, let first = bounds[0], let last = bounds[1], first <= last {
                    scope = .lines(first...last)
                } else {
                    scope = .logical(target)
                }
            }
            out.append(SuppressionDirective(
                kind: .location, rules: parsed.rules, reason: parsed.reason, path: documentPath, writtenIn: sidecarPath,
                start: position, end: endPosition, sourceRange: nil, snippet: snippet, scope: scope,
                problem: Self.problem(of: parsed)))
        }
        return out
    }

    func directive(_ parsed: DirectiveText, kind: SuppressionDirective.Kind, scope: SuppressionDirective.Scope,
                   document: ExtractedDocument, range: Range<Int>, problem: SuppressionDirective.Problem? = nil) -> SuppressionDirective {
        let positions = document.source.positions(of: [range.lowerBound, range.upperBound])
        return SuppressionDirective(
            kind: kind, rules: parsed.rules, reason: parsed.reason, path: document.path, writtenIn: document.path,
            start: positions[range.lowerBound]!, end: positions[range.upperBound]!, sourceRange: range,
            snippet: document.source.snippet(for: range), scope: scope, problem: problem ?? Self.problem(of: parsed))
    }

    /// What stops a parsed directive from taking effect, before rules are known.
    static func problem(of parsed: DirectiveText) -> SuppressionDirective.Problem? {
        guard let keyword = parsed.keyword else { return .unknownDirective(parsed.word) }
        if keyword == .enable { return nil }
        if parsed.rules.isEmpty { return .missingRules }
        if parsed.reason == nil { return .missingReason }
        return nil
    }
}

extension String {
    func trimmingDirectiveWhitespace() -> String {
        var s = Substring(self)
        while let c = s.first, c.isWhitespace { s = s.dropFirst() }
        while let c = s.last, c.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}
