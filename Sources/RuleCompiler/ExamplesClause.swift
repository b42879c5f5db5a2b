import LintCore
import Yams

/// `examples:` text that must and must not produce findings. In `match` examples, ⟦ and ⟧
/// surround each exact span that must be reported; they run as tests.
///
///     examples:
///       match:
///         - 每天一杯，⟦預防感冒⟧
///       no-match:
///         - 幫助消化
enum ExamplesClause {
    static let keys = ["match", "no-match"]
    static let open: Character = "⟦"
    static let close: Character = "⟧"
    static let minimumEach = 2

    /// - Parameter structure: for a `structure` rule, its pattern: its examples may also be
    ///   facts (`- fact: { size: 14 }` with an optional `format:`) for what no text can show.
    static func compile(_ node: Node, context: CompileContext, structure: StructurePattern? = nil) throws(RuleFileError) -> [RuleExample] {
        let map = try YAMLMap(node, file: context.file, path: "examples")
        try map.rejectUnknownKeys(allowed: keys)
        var examples: [RuleExample] = []
        for (key, expectation) in [("match", RuleExample.Expectation.match), ("no-match", .noMatch)] {
            var found = 0
            for item in map[key]?.sequence.map(Array.init) ?? [] where item.mapping != nil {
                guard let structure else {
                    throw map.error(at: item, .wrongType(key: "examples.\(key)", expected: "a list of text items"))
                }
                examples.append(try FactExample.parse(item, expectation: expectation, pattern: structure, context: context))
                found += 1
            }
            let texts = try map[key].map { value throws(RuleFileError) -> [Located<String>] in
                guard let sequence = value.sequence else { return try YAMLMap.strings(in: value, file: context.file, key: "examples.\(key)") }
                var out: [Located<String>] = []
                for item in sequence where item.mapping == nil {
                    out += try YAMLMap.strings(in: item, file: context.file, key: "examples.\(key)")
                }
                return out
            } ?? []
            guard found + texts.count >= minimumEach else {
                throw map.error(at: map.keyNode(key), .tooFewExamples(kind: key, found: found + texts.count, needed: minimumEach))
            }
            if let structure, !texts.isEmpty, !structure.applies(toFormat: "html"), let first = texts.first {
                throw context.error(first.line, first.column,
                                    .badExample("text examples of a `structure` rule are HTML, and this rule does not look at HTML; write the fact instead (`- fact: { … }`)"))
            }
            for item in texts {
                examples.append(try parse(item, expectation: expectation, context: context))
            }
        }
        return examples
    }

    static func parse(_ item: Located<String>, expectation: RuleExample.Expectation,
                      context: CompileContext) throws(RuleFileError) -> RuleExample {
        var text = ""
        var spans: [Range<Int>] = []
        var openAt: Int?
        for ch in item.value {
            if ch == open {
                if openAt != nil { throw context.error(item.line, item.column, .badExample("⟦ inside another ⟦ ⟧ span")) }
                openAt = text.utf8.count
            } else if ch == close {
                guard let start = openAt else { throw context.error(item.line, item.column, .badExample("⟧ without an opening ⟦")) }
                if start == text.utf8.count { throw context.error(item.line, item.column, .badExample("an empty ⟦⟧ span")) }
                spans.append(start..<text.utf8.count)
                openAt = nil
            } else {
                text.append(ch)
            }
        }
        if openAt != nil { throw context.error(item.line, item.column, .badExample("⟦ without a closing ⟧")) }
        if expectation == .match && spans.isEmpty {
            throw context.error(item.line, item.column, .badExample("a `match` example must mark the reported span with ⟦ ⟧"))
        }
        if expectation == .noMatch && !spans.isEmpty {
            throw context.error(item.line, item.column, .badExample("a `no-match` example cannot contain ⟦ ⟧"))
        }
        return RuleExample(expectation: expectation, text: text, spans: spans, line: item.line)
    }
}
