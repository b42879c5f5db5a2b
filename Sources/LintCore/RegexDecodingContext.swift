/// What a decoder needs to read compiled regexes back from an archived rule set
/// (`RuleSet` is `Codable`): the engine to compile them with. A pattern that occurs more
/// than once (a shared lexicon, a negation list) is compiled once and shared.
///
/// With a `table` (the patterns a `RegexEncodingContext` collected, compiled by the
/// reader), regexes are read as indices into it and nothing is compiled.
///
/// `Sendable` only because `Decoder.userInfo` asks for it: the memo is not locked, so a
/// context must serve one decoding at a time (decoders decode on the calling thread).
public final class RegexDecodingContext: @unchecked Sendable {
    /// Where the context is put in `Decoder.userInfo`.
    public static let userInfoKey = CodingUserInfoKey(rawValue: "adlaw.regexDecodingContext")

    private let engine: (any RegexEngine)?
    private var compiled: [ArchivedRegex.Source: any CompiledRegex] = [:]
    /// The patterns that indices refer to, when regexes are archived as indices.
    let table: [any CompiledRegex]?

    public init(engine: any RegexEngine) {
        self.engine = engine
        table = nil
    }

    /// A context for regexes archived as indices into `table`.
    public init(table: [any CompiledRegex]) {
        engine = nil
        self.table = table
    }

    /// The `userInfo` for a decoder of archived rule sets.
    public var userInfo: [CodingUserInfoKey: any Sendable] {
        guard let key = Self.userInfoKey else { return [:] }
        return [key: self]
    }

    func compile(_ source: ArchivedRegex.Source) throws(RegexCompileError) -> any CompiledRegex {
        if let regex = compiled[source] { return regex }
        guard let engine else { throw RegexCompileError(message: "no regex engine to compile archived patterns", patternOffset: 0) }
        let regex = try engine.compile(source.pattern, caseInsensitive: source.caseInsensitive)
        compiled[source] = regex
        return regex
    }
}

/// Collects the distinct patterns of a rule set being archived, so each is written once
/// (in `patterns`, in order of first use) and referred to by its index everywhere else.
/// Put in `Encoder.userInfo` (`userInfo`); one encoding at a time (not locked).
public final class RegexEncodingContext: @unchecked Sendable {
    /// Where the context is put in `Encoder.userInfo`.
    public static let userInfoKey = CodingUserInfoKey(rawValue: "adlaw.regexEncodingContext")

    /// Every distinct pattern met so far (by source and case folding), in order of first use.
    public private(set) var patterns: [any CompiledRegex] = []
    private var indices: [ArchivedRegex.Source: Int] = [:]

    public init() {}

    /// The `userInfo` for an encoder of archived rule sets.
    public var userInfo: [CodingUserInfoKey: any Sendable] {
        guard let key = Self.userInfoKey else { return [:] }
        return [key: self]
    }

    func index(of source: ArchivedRegex.Source, regex: any CompiledRegex) -> Int {
        if let index = indices[source] { return index }
        indices[source] = patterns.count
        patterns.append(regex)
        return patterns.count - 1
    }
}
