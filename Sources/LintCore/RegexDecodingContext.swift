/// What a decoder needs to read compiled regexes back from an archived rule set
/// (`RuleSet` is `Codable`): the engine to compile them with. A pattern that occurs more
/// than once (a shared lexicon, a negation list) is compiled once and shared.
///
/// `Sendable` only because `Decoder.userInfo` asks for it: the memo is not locked, so a
/// context must serve one decoding at a time (decoders decode on the calling thread).
public final class RegexDecodingContext: @unchecked Sendable {
    /// Where the context is put in `Decoder.userInfo`.
    public static let userInfoKey = CodingUserInfoKey(rawValue: "adlaw.regexDecodingContext")

    private let engine: any RegexEngine
    private var compiled: [ArchivedRegex.Source: any CompiledRegex] = [:]

    public init(engine: any RegexEngine) { self.engine = engine }

    /// The `userInfo` for a decoder of archived rule sets.
    public var userInfo: [CodingUserInfoKey: any Sendable] {
        guard let key = Self.userInfoKey else { return [:] }
        return [key: self]
    }

    func compile(_ source: ArchivedRegex.Source) throws(RegexCompileError) -> any CompiledRegex {
        if let regex = compiled[source] { return regex }
        let regex = try engine.compile(source.pattern, caseInsensitive: source.caseInsensitive)
        compiled[source] = regex
        return regex
    }
}
