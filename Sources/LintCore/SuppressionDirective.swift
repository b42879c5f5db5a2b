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
        case let .lines(lines): lines.contains(finding.start.line) && finding.logicalLocation == nil
        case let .logical(location): finding.logicalLocation == location || (Int(location) == finding.start.line && finding.logicalLocation == nil)
        case let .note(note): Self.noteCovers(note, finding)
        case .file: true
        }
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
