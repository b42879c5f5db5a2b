import LintCore
import Yams

/// `structure:` facts about how a document is built, not its words: images and their
/// text alternatives, links, videos and captions, the page language, headings, tables,
/// colours and sizes of text, PDF tagging (see `FactKind` for every property).
///
///     structure:
///       fact: image
///       formats: [html, markdown, docx, pptx]    # optional; default every format
///       when:                                    # any entry; in an entry, every test
///         - alt: absent
///         - alt: { is: [圖片, image, $file-words] }
///         - { large: false, contrast: { less-than: 4.5 } }
///         - { formats: [pdf], text-characters: { less-than: 1 } }   # an entry for some formats
///
/// A test is `absent`, `present`, `true`, `false`, or a mapping of `is`, `is-not` (the whole
/// value, trimmed of spaces, punctuation and symbols, is / is none of the phrases),
/// `matches`, `not-matches` (phrase sets found anywhere in the value) and the numeric
/// comparisons (`less-than: 4.5`). Text tests see the value folded like copy (full-width
/// forms, 臺/台) and case-insensitively unless the rule is `case-sensitive`.
enum StructurePatternCompiler {
    static let keys = ["fact", "formats", "when"]
    static let textTests = ["is", "is-not", "matches", "not-matches"]
    static let numberTests = NumericCondition.Comparison.allCases.map(\.rawValue)
    /// The input formats a rule may name (`DocumentReader`'s format names).
    static let formats = ["text", "markdown", "html", "docx", "pptx", "xlsx", "csv", "tsv", "json", "pdf"]

    static func compile(_ node: Node, context: CompileContext) throws(RuleFileError) -> StructurePattern {
        let map = try YAMLMap(node, file: context.file, path: "structure")
        try map.rejectUnknownKeys(allowed: keys)
        let factName = try map.requiredString("fact")
        guard let kind = FactKind(rawValue: factName.value) else {
            throw context.error(factName.line, factName.column,
                                .invalidValue(key: "structure.fact", value: factName.value, allowed: FactKind.allCases.map(\.rawValue)))
        }
        var formatList: [String] = []
        for format in try map.stringList("formats") ?? [] {
            guard formats.contains(format.value) else {
                throw context.error(format.line, format.column, .invalidValue(key: "structure.formats", value: format.value, allowed: formats))
            }
            formatList.append(format.value)
        }
        guard let whenNode = map["when"] else { throw map.error(at: nil, .missingKey("structure.when")) }
        let entries: [Node]
        if let sequence = whenNode.sequence {
            entries = Array(sequence)
        } else {
            entries = [whenNode]
        }
        guard !entries.isEmpty else {
            throw map.error(at: whenNode, .wrongType(key: "structure.when", expected: "a mapping of property tests, or a list of them"))
        }
        var alternatives: [StructurePattern.Alternative] = []
        for entry in entries {
            let tests = try YAMLMap(entry, file: context.file, path: "structure.when")
            let properties = kind.properties
            try tests.rejectUnknownKeys(allowed: properties.keys.sorted() + ["formats"])
            var entryFormats: [String] = []
            for format in try tests.stringList("formats") ?? [] {
                guard formats.contains(format.value), formatList.isEmpty || formatList.contains(format.value) else {
                    throw context.error(format.line, format.column,
                                        .invalidValue(key: "structure.when.formats", value: format.value, allowed: formatList.isEmpty ? formats : formatList))
                }
                entryFormats.append(format.value)
            }
            guard tests.keys.contains(where: { $0 != "formats" }) else {
                throw tests.error(at: entry, .wrongType(key: "structure.when", expected: "at least one property test"))
            }
            var compiled: [PropertyTest] = []
            for property in tests.keys where property != "formats" {
                compiled += try compileTests(property, type: properties[property]!, in: tests, context: context)
            }
            alternatives.append(StructurePattern.Alternative(formats: entryFormats, tests: compiled))
        }
        return StructurePattern(fact: kind, formats: formatList, alternatives: alternatives)
    }

    /// The tests of one property: a keyword (`absent`, `present`, `true`, `false`) or a
    /// mapping of text or numeric tests.
    private static func compileTests(_ property: String, type: FactKind.ValueType, in map: YAMLMap,
                                     context: CompileContext) throws(RuleFileError) -> [PropertyTest] {
        let node = map[property]!
        let key = map.keyPath(property)
        if let scalar = node.scalar {
            switch scalar.string.lowercased() {
            case "absent": return [PropertyTest(property: property, condition: .absent)]
            case "present": return [PropertyTest(property: property, condition: .present)]
            case "true", "yes", "false", "no":
                guard type == .flag else {
                    throw map.error(at: node, .wrongType(key: key, expected: "a test for \(type.rawValue): \(allowed(for: type))"))
                }
                return [PropertyTest(property: property, condition: .flag(["true", "yes"].contains(scalar.string.lowercased())))]
            default:
                throw map.error(at: node, .invalidValue(key: key, value: scalar.string, allowed: ["absent", "present"] + (type == .flag ? ["true", "false"] : [])))
            }
        }
        let tests = try YAMLMap(node, file: context.file, path: key)
        let allowedKeys = type == .text ? textTests : type == .number ? numberTests : []
        guard !allowedKeys.isEmpty else {
            throw map.error(at: node, .wrongType(key: key, expected: "a test for a yes/no property: \(allowed(for: type))"))
        }
        try tests.rejectUnknownKeys(allowed: allowedKeys)
        var out: [PropertyTest] = []
        for test in tests.keys {
            let value = tests[test]!
            if type == .number {
                guard let bound = try tests.number(test), let comparison = NumericCondition.Comparison(rawValue: test) else {
                    throw tests.error(at: value, .wrongType(key: tests.keyPath(test), expected: "a number"))
                }
                out.append(PropertyTest(property: property, condition: .number(comparison, bound)))
                continue
            }
            let phrases = try PhraseSet.read(value, key: tests.keyPath(test), context: context)
            let body = phrases.source(loose: context.loose)
            let whole = test == "is" || test == "is-not"
            // The whole value, give or take spaces, punctuation and symbols around it
            // (「更多 »」, 「點此！」, 「→ 了解更多」).
            let source = whole ? #"\A[\s\p{P}\p{S}]*"# + body + #"[\s\p{P}\p{S}]*\z"# : body
            let regex = try context.compile(source, key: tests.keyPath(test), line: phrases.line, column: phrases.column)
            let condition: PropertyTest.Condition
            switch test {
            case "is": condition = .isOneOf(regex)
            case "is-not": condition = .isNoneOf(regex)
            case "matches": condition = .matches(regex)
            default: condition = .matchesNone(regex)
            }
            out.append(PropertyTest(property: property, condition: condition))
        }
        return out
    }

    private static func allowed(for type: FactKind.ValueType) -> String {
        switch type {
        case .text: "absent, present, or a mapping of " + textTests.joined(separator: ", ")
        case .number: "absent, present, or a mapping of " + numberTests.joined(separator: ", ")
        case .flag: "absent, present, true or false"
        }
    }
}
