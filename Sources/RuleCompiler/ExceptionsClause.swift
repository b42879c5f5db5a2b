import LintCore
import Yams

/// `unless:` text around a match that cancels it.
///
///     unless:
///       inside: [治療師, 物理治療, $professions]   # the match lies inside one of these
///       preceded-by: [$negations]                 # a negation shortly before (不能治療)
///       within: 3                                 # characters allowed between negation and match
///       sentence-has: [資料來源, 調查]             # the same sentence cites something
///       document-has: ['#業配', 合作]              # the document discloses somewhere
///       document-lacks: [工業區, 商業區]            # the document never sets the context
///       followed-by: ['[*※]資料來源']              # shortly after, past the sentence (FollowedByClause)
///       followed-within: 120
///
/// Each value is a phrase set (a terms list, or `{terms:, regex:}`).
enum ExceptionsClause {
    static let keys = ["inside", "preceded-by", "within", "sentence-has", "document-has", "document-lacks"]
        + FollowedByClause.keys

    static func compile(_ node: Node, context: CompileContext) throws(RuleFileError) -> ExceptionSet {
        let map = try YAMLMap(node, file: context.file, path: "unless")
        try map.rejectUnknownKeys(allowed: keys)
        var set = ExceptionSet()
        func phrases(_ key: String) throws(RuleFileError) -> (PhraseSet, any CompiledRegex)? {
            guard let value = map[key] else { return nil }
            let phraseSet = try PhraseSet.read(value, key: "unless.\(key)", context: context)
            let regex = try context.compile(phraseSet.source(loose: context.loose), key: "unless.\(key)",
                                            line: phraseSet.line, column: phraseSet.column)
            return (phraseSet, regex)
        }
        if let (phraseSet, regex) = try phrases("inside") {
            set.inside = (regex, phraseSet.maxLength())
        }
        let within = try map.int("within")
        if let (phraseSet, regex) = try phrases("preceded-by") {
            let distance = within?.value ?? 3
            guard (0...50).contains(distance) else {
                throw context.error(within?.line ?? 1, within?.column ?? 1,
                                    .invalidValue(key: "unless.within", value: "\(distance)", allowed: ["a number from 0 to 50"]))
            }
            set.precededBy = (regex, distance, distance + phraseSet.maxLength())
        } else if let within {
            throw context.error(within.line, within.column, .invalid("`unless.within` only applies to `unless.preceded-by`"))
        }
        if let (_, regex) = try phrases("sentence-has") { set.sentenceHas = regex }
        if let (_, regex) = try phrases("document-has") { set.documentHas = regex }
        if let (_, regex) = try phrases("document-lacks") { set.documentLacks = regex }
        set.followedBy = try FollowedByClause.compile(map, context: context)
        return set
    }
}
