import LintCore
import Yams

/// `requires:` a document-level check. When the trigger matches somewhere in a document
/// and the required text is missing from the whole document, one finding is reported at
/// the first trigger; `{missing}` in the message names what is missing.
///
///     requires:
///       trigger: [$alcohol-products]
///       all-of:                      # or any-of:
///         - label: 禁止酒駕
///           terms: [禁止酒駕]
///         - label: 飲酒過量，有害健康
///           terms: [飲酒過量，有害健康, 飲酒過量有害健康]
enum RequiresPattern {
    static let keys = ["trigger", "all-of", "any-of"]
    static let itemKeys = ["label", "terms", "regex"]

    static func compile(_ node: Node, context: CompileContext) throws(RuleFileError) -> DocumentPattern {
        let map = try YAMLMap(node, file: context.file, path: "requires")
        try map.rejectUnknownKeys(allowed: keys)
        guard let triggerNode = map["trigger"] else { throw map.error(at: nil, .missingKey("requires.trigger")) }
        let trigger = try PhraseSet.read(triggerNode, key: "requires.trigger", context: context)
        let triggerRegex = try context.compile(trigger.source(loose: context.loose), key: "requires.trigger",
                                               line: trigger.line, column: trigger.column)
        let mode: DocumentPattern.Mode
        let listNode: Node
        switch (map["all-of"], map["any-of"]) {
        case let (all?, nil): mode = .allOf; listNode = all
        case let (nil, any?): mode = .anyOf; listNode = any
        case (.some, .some): throw map.error(at: map.keyNode("any-of"), .invalid("use either `all-of` or `any-of`, not both"))
        case (nil, nil): throw map.error(at: nil, .missingKey("requires.all-of` or `requires.any-of"))
        }
        let key = "requires.\(mode.rawValue)"
        guard let sequence = listNode.sequence, !sequence.isEmpty else {
            throw map.error(at: listNode, .wrongType(key: key, expected: "a list of required phrases"))
        }
        var items: [RequiredItem] = []
        for itemNode in sequence {
            let label: String
            let phrases: PhraseSet
            if itemNode.mapping != nil {
                let itemMap = try YAMLMap(itemNode, file: context.file, path: key)
                try itemMap.rejectUnknownKeys(allowed: itemKeys)
                var set = try PhraseSet.readItem(itemNode, key: key, context: context)
                set.line = itemNode.mark?.line ?? set.line
                phrases = set
                label = try itemMap.string("label")?.value ?? set.terms.first ?? "required text"
            } else {
                phrases = try PhraseSet.read(itemNode, key: key, context: context)
                label = phrases.terms.first ?? "required text"
            }
            let regex = try context.compile(phrases.source(loose: context.loose), key: key,
                                            line: phrases.line, column: phrases.column)
            items.append(RequiredItem(label: label, regex: regex))
        }
        return DocumentPattern(trigger: SpanPattern(kind: .requires, regex: triggerRegex), required: items, mode: mode)
    }
}

extension PhraseSet {
    /// Reads a required item: a phrase-set mapping that may also carry `label:`.
    fileprivate static func readItem(_ node: Node, key: String, context: CompileContext) throws(RuleFileError) -> PhraseSet {
        let mark = node.mark
        var set = PhraseSet(line: mark?.line ?? 1, column: mark?.column ?? 1)
        let map = try YAMLMap(node, file: context.file, path: key)
        if let terms = try map.stringList("terms") { set.terms = try expandTerms(terms, context: context) }
        if let regexes = try map.stringList("regex") {
            for regex in regexes { set.regexes.append(try expandRegex(regex, key: "\(key).regex", context: context)) }
        }
        if set.isEmpty { throw context.error(set.line, set.column, .missingKey("\(key).terms")) }
        return set
    }
}
