import LintCore

/// `unless: followed-by`: text shortly after a match that cancels it, across sentence and
/// line ends (a footnote or a basis given on the next line).
///
///     unless:
///       followed-by: ['^\s*[*＊※]\s*(?:資料來源|來源|依據)']  # the footnote under a ranking claim
///       followed-within: 120                               # characters from the match's end (default 80)
///
/// A phrase counts when it starts at most `followed-within` characters after the end of the
/// match, in the same segment or the segments after it (the characters of each segment in
/// between count toward the distance). Unlike `sentence-has`, it looks past the sentence: a
/// claim marked `銷售第一*` with `*資料來源：…` two lines below is substantiated. Like every
/// safe harbour it respects polarity: 「未註明資料來源」 does not count.
enum FollowedByClause {
    static let keys = ["followed-by", "followed-within"]
    static let defaultWithin = 80
    static let maximumWithin = 300

    static func compile(_ map: YAMLMap, context: CompileContext) throws(RuleFileError)
        -> (regex: any CompiledRegex, within: Int, window: Int)? {
        let within = try map.int("followed-within")
        guard let value = map["followed-by"] else {
            if let within {
                throw context.error(within.line, within.column,
                                    .invalid("`unless.followed-within` only applies to `unless.followed-by`"))
            }
            return nil
        }
        let distance = within?.value ?? defaultWithin
        guard (0...maximumWithin).contains(distance) else {
            throw context.error(within?.line ?? 1, within?.column ?? 1,
                                .invalidValue(key: "unless.followed-within", value: "\(distance)",
                                              allowed: ["a number from 0 to \(maximumWithin)"]))
        }
        let phraseSet = try PhraseSet.read(value, key: "unless.followed-by", context: context)
        let regex = try context.compile(phraseSet.source(loose: context.loose), key: "unless.followed-by",
                                        line: phraseSet.line, column: phraseSet.column)
        return (regex, distance, distance + phraseSet.maxLength())
    }
}
