import Foundation
import LintCore
import Yams

/// The phrase syntax shared by every place a rule names text to find: a list of terms
/// (`[治療, $diseases]`), or a mapping with `terms:` and/or `regex:`.
///
/// Terms are literal phrases (escaped, longest first); `$name` includes a lexicon.
/// Regexes are raw PCRE2; `{{name}}` inserts a lexicon as an alternation, or a built-in
/// fragment (`{{number}}`, `{{sentence-char}}`).
struct PhraseSet {
    var terms: [String] = []
    var regexes: [String] = []
    var line: Int
    var column: Int

    var isEmpty: Bool { terms.isEmpty && regexes.isEmpty }

    /// Length in characters of the longest term (regexes count as `regexWindow`).
    func maxLength(regexWindow: Int = 32) -> Int {
        max(terms.map { $0.unicodeScalars.count }.max() ?? 0, regexes.isEmpty ? 0 : regexWindow)
    }

    /// The PCRE2 source: one non-capturing group of every term and regex.
    func source(loose: Bool) -> String {
        var parts: [String] = []
        if !terms.isEmpty { parts.append(PatternSyntax.alternation(ofTerms: terms, loose: loose)) }
        parts += regexes.map { "(?:\($0))" }
        return "(?:" + parts.joined(separator: "|") + ")"
    }

    static let mappingKeys = ["terms", "regex"]

    /// Reads a phrase set from `node` (the value of `key`).
    static func read(_ node: Node, key: String, context: CompileContext) throws(RuleFileError) -> PhraseSet {
        let mark = node.mark
        var set = PhraseSet(line: mark?.line ?? 1, column: mark?.column ?? 1)
        if node.mapping != nil {
            let map = try YAMLMap(node, file: context.file, path: key)
            try map.rejectUnknownKeys(allowed: mappingKeys)
            if let terms = try map.stringList("terms") { set.terms = try expandTerms(terms, context: context) }
            if let regexes = try map.stringList("regex") {
                for regex in regexes { set.regexes.append(try expandRegex(regex, key: "\(key).regex", context: context)) }
            }
        } else {
            set.terms = try expandTerms(YAMLMap.strings(in: node, file: context.file, key: key), context: context)
        }
        if set.isEmpty {
            throw context.error(set.line, set.column, .wrongType(key: key, expected: "at least one term or regex"))
        }
        return set
    }

    /// Terms with `$lexicon` items replaced by the lexicon's terms, all normalized.
    static func expandTerms(_ items: [Located<String>], context: CompileContext) throws(RuleFileError) -> [String] {
        var out: [String] = []
        for item in items {
            let text = item.value
            if text.hasPrefix("$") && text.count > 1 {
                let name = String(text.dropFirst())
                guard let lexicon = context.lexicons[name] else {
                    throw context.error(item.line, item.column, .unknownLexicon(name))
                }
                if lexicon.isGrammar {
                    throw context.error(item.line, item.column,
                                        .invalid("`$\(name)` is a grammar (`patterns:`), not a word list; use `{{\(name)}}` in a `regex:` instead"))
                }
                out += lexicon.terms
            } else {
                let folded = context.normalizer.normalizeLiteral(text)
                if folded.isEmpty {
                    throw context.error(item.line, item.column, .emptyMatch(key: "terms"))
                }
                out.append(folded)
            }
        }
        return out
    }

    /// A regex folded like text, checked on its own (for an exact error position), with
    /// `{{name}}` placeholders expanded.
    static func expandRegex(_ item: Located<String>, key: String, context: CompileContext) throws(RuleFileError) -> String {
        let folded = PatternSyntax.normalizeRegex(item.value, normalizer: context.normalizer)
        do {
            _ = try context.engine.compile(folded, caseInsensitive: context.caseInsensitive)
        } catch {
            // Too large is no syntax error: the rule's whole pattern reports it (or is split).
            if !error.tooLarge {
                throw context.error(item.line, item.column + 1 + error.patternOffset, .badRegex(error.description))
            }
        }
        var out = ""
        var rest = Substring(folded)
        while let open = rest.range(of: "{{") {
            out += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                out += rest[open.lowerBound...]
                rest = ""
                break
            }
            let name = String(rest[open.upperBound..<close.lowerBound])
            if let builtin = PatternSyntax.builtins[name] {
                out += builtin
            } else if let lexicon = context.lexicons[name.hasPrefix("$") ? String(name.dropFirst()) : name] {
                out += lexicon.isGrammar
                    ? GrammarLexicon.alternation(lexicon)
                    : "(?:" + PatternSyntax.alternation(ofTerms: lexicon.terms, loose: context.loose) + ")"
            } else {
                throw context.error(item.line, item.column, .unknownLexicon(name))
            }
            rest = rest[close.upperBound...]
        }
        out += rest
        return out
    }
}
