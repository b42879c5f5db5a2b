/// An instruction to suppress findings, written where the copy is (a comment, a cell
/// note, a sidecar file) with a mandatory reason:
///
///     <!-- adlaw-disable-next-line food.medical-efficacy -- 衛福部核准字號 … -->
///     <!-- adlaw-disable fair-trade.superlative -- 2025 年調查佐證 -->
///     …
///     <!-- adlaw-enable fair-trade.superlative -->
///
/// Extractors and the directive collector produce these; the triage step applies them.
public struct SuppressionDirective: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// `adlaw-disable-next-line`: the next line that holds text.
        case nextLine = "disable-next-line"
        /// `adlaw-disable-line`: the line the comment is on.
        case line = "disable-line"
        /// `adlaw-disable` … `adlaw-enable`: the lines between.
        case block = "disable"
        /// `adlaw-disable` in a cell note or a sidecar entry: one location, or the whole file.
        case location = "disable-location"
    }

    /// What the directive covers in the document.
    public enum Scope: Sendable, Hashable {
        /// Findings starting on these lines.
        case lines(ClosedRange<Int>)
        /// Findings at this logical location, as adlaw prints it (a sidecar's `@ Sheet1!B3`).
        case logical(String)
        /// Findings at the element a note is attached to: the cell of a cell comment, the
        /// slide of a slide comment, the paragraph of a Word comment.
        case note(SourceLocation)
        /// Every finding in the document.
        case file
    }

    /// Why the directive cannot take effect. Such a directive suppresses nothing and is
    /// itself reported.
    public enum Problem: Sendable, Hashable {
        /// No `-- <reason>` (the reason is mandatory).
        case missingReason
        /// No rule named: a suppression always names the rules it silences.
        case missingRules
        /// `adlaw-disablexyz`: a word that is not a directive.
        case unknownDirective(String)
        /// `adlaw-disable` without a matching `adlaw-enable` (it ran to the end of the file).
        case unclosedBlock
        /// `adlaw-enable` with no open `adlaw-disable` for its rules.
        case unmatchedEnable
        /// `adlaw-disable-next-line` with no line of text after it.
        case nothingFollows
        /// A sidecar line that is not `adlaw-disable <rules> [@ <where>] -- <reason>`.
        case malformed(String)
    }

    public var kind: Kind
    /// Rule selectors as written: ids, areas (`food`) or globs (`food.*`).
    public var rules: [String]
    /// The reason after `--`, trimmed; nil when missing.
    public var reason: String?
    /// The document the directive applies to.
    public var path: String
    /// Where the directive is written: the document itself, or its sidecar file.
    public var writtenIn: String
    public var start: TextPosition
    public var end: TextPosition
    /// Byte range of the directive's comment in the document's source (nil for sidecar
    /// entries): findings inside it are about the directive's own words and are dropped.
    public var sourceRange: Range<Int>?
    /// The line the directive is on, for reports.
    public var snippet: Snippet
    public var scope: Scope
    public var problem: Problem?

    public init(kind: Kind, rules: [String], reason: String?, path: String, writtenIn: String, start: TextPosition,
                end: TextPosition, sourceRange: Range<Int>?, snippet: Snippet, scope: Scope, problem: Problem? = nil) {
        self.kind = kind
        self.rules = rules
        self.reason = reason
        self.path = path
        self.writtenIn = writtenIn
        self.start = start
        self.end = end
        self.sourceRange = sourceRange
        self.snippet = snippet
        self.scope = scope
        self.problem = problem
    }

    /// Whether the directive names this rule.
    public func names(_ id: RuleID) -> Bool { rules.contains { id.matches(selector: $0) } }

    /// Whether a finding lies in the directive's scope (rules not considered).
    public func covers(_ finding: Finding) -> Bool {
        switch scope {
        // Lines are those adlaw prints (`path:line:col`): the file's own lines, or for Office
        // files and PDFs the lines of adlaw's text view (`adlaw extract` shows them).
        case let .lines(lines): lines.contains(finding.start.line)
        case let .logical(location): Self.location(location, names: finding)
        case let .note(note): Self.noteCovers(note, finding)
        case .file: true
        }
    }

    /// Whether `written` names where `finding` is, in any form adlaw prints a location:
    /// the whole printed location (`copy.docx:12:3 (word/document.xml ¶4)`), `line:col`,
    /// the logical location (`word/document.xml ¶4`, `文案!B2`, `/posts/0/body`,
    /// `page 2, line 14`), or its leading part (`slide 2`, `page 2`), or a CSV cell (`C3`).
    public static func location(_ written: String, names finding: Finding) -> Bool {
        var text = written.trimmingDirectiveSpace()
        // `… (logical)`: the part in parentheses decides.
        if text.hasSuffix(")"), let open = text.lastIndex(of: "(") {
            let inner = String(text[text.index(after: open)..<text.index(before: text.endIndex)])
            if let logical = finding.logicalLocation, !inner.isEmpty, logical == inner.trimmingDirectiveSpace() { return true }
            text = String(text[..<open]).trimmingDirectiveSpace()
            if text.isEmpty { return false }
        }
        // `[path:]line:col`
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        if parts.count >= 2, let column = Int(parts[parts.count - 1]), let line = Int(parts[parts.count - 2]) {
            let path = parts.dropLast(2).joined(separator: ":")
            if path.isEmpty || path == finding.path || finding.path.hasSuffix("/" + path) {
                return finding.start.line == line && finding.start.column == column
            }
        }
        guard let logical = finding.logicalLocation else { return false }
        if logical == text || logical.hasPrefix(text + ",") { return true }
        if let location = finding.location, location.kind == .field || location.kind == .cell, let cell = location.cell {
            return text == cell || (location.kind == .cell && text == "\(location.sheet ?? "")!\(cell)")
        }
        return false
    }

    static func noteCovers(_ note: SourceLocation, _ finding: Finding) -> Bool {
        guard let location = finding.location else { return finding.logicalLocation == note.description }
        switch note.kind {
        case .cell: return location.kind == .cell && location.sheet == note.sheet && location.cell == note.cell
        case .slide: return location.kind == .slide && location.slide == note.slide
        case .paragraph: return location.kind == .paragraph && location.part == note.part && location.paragraph == note.paragraph
        default: return location.description == note.description
        }
    }

    /// `adlaw-disable-next-line a.b, c.d -- reason` as written (for listings).
    public var summary: String {
        let keyword = kind == .location ? "adlaw-disable" : kind == .block ? "adlaw-disable" : "adlaw-\(kind.rawValue)"
        return "\(keyword) \(rules.joined(separator: ", "))" + (reason.map { " -- \($0)" } ?? "")
    }
}
