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

    static func compile(_ node: Node, context: CompileContext) throws(RuleFileError) -> [RuleExample] {
        let map = try YAMLMap(node, file: context.file, path: "examples")
        try map.rejectUnknownKeys(allowed: keys)
        var examples: [RuleExample] = []
        for (key, expectation) in [("match", RuleExample.Expectation.match), ("no-match", .noMatch)] {
            let items = try map.stringList(key) ?? []
            guard items.count >= minimumEach else {
                throw map.error(at: map.keyNode(key), .tooFewExamples(kind: key, found: items.count, needed: minimumEach))
            }
            for item in items {
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
