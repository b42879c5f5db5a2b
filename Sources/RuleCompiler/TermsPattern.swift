import LintCore
import Yams

/// `terms:` literal phrases, escaped and tried longest first; `$name` includes a lexicon.
///
///     terms: [保證有效, 百分之百有效, $guarantee-words]
enum TermsPattern {
    static func compile(_ node: Node, context: CompileContext) throws(RuleFileError) -> SpanPattern {
        let mark = node.mark
        let items = try YAMLMap.strings(in: node, file: context.file, key: "terms")
        let terms = try PhraseSet.expandTerms(items, context: context)
        guard !terms.isEmpty else {
            throw context.error(mark?.line ?? 1, mark?.column ?? 1, .wrongType(key: "terms", expected: "a non-empty list of phrases"))
        }
        let source = "(?:" + PatternSyntax.alternation(ofTerms: terms, loose: context.loose) + ")"
        let regex = try context.compile(source, key: "terms", line: mark?.line ?? 1, column: mark?.column ?? 1)
        return SpanPattern(kind: .terms, regex: regex)
    }
}
