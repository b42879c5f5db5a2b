import LintCore
import Yams

/// `regex:` raw PCRE2 for experts: one pattern or a list (any of them). The text it sees
/// is normalized (full-width folded to ASCII, 臺 → 台); `{{name}}` inserts a lexicon or a
/// built-in fragment; named groups `(?<amount>...)` feed `where:` and the message.
///
///     regex: '(?:首獎|頭獎)[^。\n]{0,10}?(?<amount>{{number}})\s*元'
enum RegexPattern {
    static func compile(_ node: Node, context: CompileContext) throws(RuleFileError) -> SpanPattern {
        let mark = node.mark
        let items = try YAMLMap.strings(in: node, file: context.file, key: "regex")
        var parts: [String] = []
        for item in items { parts.append(try PhraseSet.expandRegex(item, key: "regex", context: context)) }
        guard !parts.isEmpty else {
            throw context.error(mark?.line ?? 1, mark?.column ?? 1, .wrongType(key: "regex", expected: "a PCRE2 pattern"))
        }
        let source = parts.count == 1 ? parts[0] : parts.map { "(?:\($0))" }.joined(separator: "|")
        let regex = try context.compile(source, key: "regex", line: mark?.line ?? 1, column: mark?.column ?? 1)
        return SpanPattern(kind: .regex, regex: regex)
    }
}
