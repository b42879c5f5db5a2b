/// The regex engine behind every rule. The linter and the rule compiler depend only on
/// these protocols; the concrete engine (PCRE2) is chosen in one place, the CLI.
public protocol RegexEngine: Sendable {
    /// Compiles a pattern in the engine's syntax. Patterns always run in UTF mode with
    /// Unicode properties; `caseInsensitive` folds Latin letters.
    func compile(_ pattern: String, caseInsensitive: Bool) throws(RegexCompileError) -> any CompiledRegex

    /// Per-thread working memory (match data, JIT stack). Never share one across tasks.
    func makeScratch() -> any RegexScratch
}

/// Per-thread working memory of an engine.
public protocol RegexScratch: AnyObject {}

/// A compiled pattern. Immutable and shareable across threads.
public protocol CompiledRegex: Sendable {
    var pattern: String { get }
    /// Whether it was compiled to fold Latin letters (`compile(_:caseInsensitive:)`).
    var isCaseInsensitive: Bool { get }
    /// Whether the pattern can match the empty string (such rules are rejected).
    var canMatchEmpty: Bool { get }
    /// Named capture groups and their numbers.
    var groupNames: [String: Int] { get }

    /// The first match starting at or after `start`, looking only at `buffer[..<end]`
    /// (lookbehind sees everything before `start`).
    func firstMatch(in buffer: UTF8Buffer, from start: Int, end: Int,
                    scratch: any RegexScratch) throws(RegexMatchError) -> RegexMatch?
}

extension CompiledRegex {
    public func firstMatch(in buffer: UTF8Buffer, from start: Int = 0,
                           scratch: any RegexScratch) throws(RegexMatchError) -> RegexMatch? {
        try firstMatch(in: buffer, from: start, end: buffer.count, scratch: scratch)
    }
}

/// A match: the whole range and each capture group's range (`nil` when unset).
public struct RegexMatch: Sendable, Equatable {
    public var range: Range<Int>
    /// Index 0 is the whole match; index i is capture group i.
    public var groups: [Range<Int>?]

    public init(range: Range<Int>, groups: [Range<Int>?]) {
        self.range = range
        self.groups = groups
    }

    public func group(_ number: Int) -> Range<Int>? { number < groups.count ? groups[number] : nil }
}

/// A pattern that does not compile.
public struct RegexCompileError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    /// Offset in the pattern (in characters) where the engine stopped.
    public var patternOffset: Int
    /// The pattern is valid but compiles to more than the engine holds (PCRE2: 64 KB): a
    /// list too long for one pattern, not a syntax error.
    public var tooLarge: Bool

    public init(message: String, patternOffset: Int, tooLarge: Bool = false) {
        self.message = message
        self.patternOffset = patternOffset
        self.tooLarge = tooLarge
    }

    public var description: String { "\(message) (at character \(patternOffset) of the pattern)" }
}

/// A match that could not finish. The rule is stopped for that document; the run goes on.
public enum RegexMatchError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Too much backtracking: the pattern is catastrophic on this text.
    case matchLimit
    /// The JIT stack or heap ran out (deep recursion in the pattern).
    case resourceLimit(String)
    /// Any other engine error.
    case engine(code: Int32, message: String)
    /// The rule used up its time on the document (`seconds` of CPU time): a pattern just
    /// under the match limit at every position costs seconds per 100 KB.
    case timeLimit(seconds: Double)

    public var description: String {
        switch self {
        case .matchLimit:
            "the pattern backtracked past the match limit (catastrophic backtracking); simplify nested repeats such as (a+)+"
        case let .resourceLimit(what):
            "the pattern ran out of \(what); simplify deeply nested or recursive groups"
        case let .engine(code, message):
            "regex engine error \(code): \(message)"
        case let .timeLimit(seconds):
            "it ran longer than its time budget on this file (\(Int(seconds.rounded(.up))) s of CPU time; slow patterns backtrack at every position)"
        }
    }
}
