import LintCore

/// A grammar: a lexicon file with `patterns:` instead of `terms:`. Each pattern is a regex
/// built from other lexicons and grammars; a rule writes `{{name}}` in a regex to use every
/// pattern of the grammar at once. One grammar (say, a medical-efficacy claim: a verb, a
/// disease, an outcome) is then shared by the food, cosmetics, drug and cross-sector rules,
/// which differ only in the law they cite, their severity and their exceptions.
///
///     lexicon: medical-claim
///     description: 醫療效能宣稱：療效動詞＋疾病，或疾病＋療效結果。
///     patterns:
///       - '(?:{{claim-verbs}}){{sentence-char}}{0,4}?(?:{{diseases}})'
///       - '(?:{{diseases}}){{sentence-char}}{0,5}?(?:{{cure-outcomes}})'
///
/// Patterns must not define named groups (a grammar can appear twice in one rule). Each
/// pattern is compiled on its own when the rule pack loads, so a mistake is reported at the
/// grammar's file and line, not at every rule that uses it.
enum GrammarLexicon {
    /// Expands every grammar of `raw` against the resolved term lists and returns the term
    /// lists and the grammars together. Grammars may use each other; cycles are errors.
    static func resolve(_ raw: [String: RawLexicon], termLists: [String: LexiconInfo], engine: any RegexEngine,
                        normalizer: TextNormalizer) throws(RuleLoadError) -> [String: LexiconInfo] {
        var known = termLists
        var errors: [RuleFileError] = []
        var failed = Set<String>()

        func visit(_ name: String, stack: [String]) {
            guard known[name] == nil, !failed.contains(name), let grammar = raw[name], grammar.isGrammar else { return }
            // Grammars this one names are expanded first, so `{{name}}` finds them complete.
            for pattern in grammar.patterns {
                for used in placeholders(in: pattern.value) where raw[used]?.isGrammar == true {
                    if stack.contains(used) {
                        errors.append(RuleFileError(file: grammar.file, line: pattern.line, column: pattern.column,
                                                    kind: .lexiconCycle(stack + [used])))
                        failed.insert(name)
                        return
                    }
                    visit(used, stack: stack + [used])
                }
            }
            let context = CompileContext(file: grammar.file, engine: engine, normalizer: normalizer, lexicons: known,
                                         loose: false, caseInsensitive: true)
            var expanded: [String] = []
            for pattern in grammar.patterns {
                do throws(RuleFileError) {
                    let source = try PhraseSet.expandRegex(pattern, key: "patterns", context: context)
                    let regex = try context.compile(source, key: "patterns", line: pattern.line, column: pattern.column)
                    if !regex.groupNames.isEmpty {
                        throw context.error(pattern.line, pattern.column,
                                            .invalid("a grammar pattern must not define named groups (`(?<name>…)`); a rule may use the grammar more than once"))
                    }
                    expanded.append(source)
                } catch {
                    errors.append(error)
                    failed.insert(name)
                }
            }
            guard !failed.contains(name) else { return }
            known[name] = LexiconInfo(name: name, description: grammar.description, source: grammar.source,
                                      file: grammar.file, terms: [], patterns: expanded)
        }

        for name in raw.keys.sorted() where raw[name]?.isGrammar == true { visit(name, stack: [name]) }
        if !errors.isEmpty { throw RuleLoadError(errors: errors) }
        return known
    }

    /// The source a rule's `{{name}}` expands to: every pattern as one alternation.
    static func alternation(_ grammar: LexiconInfo) -> String {
        "(?:" + grammar.patterns.map { "(?:\($0))" }.joined(separator: "|") + ")"
    }

    /// The names inside `{{…}}` in a regex as written.
    static func placeholders(in source: String) -> [String] {
        var names: [String] = []
        var rest = Substring(source)
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            let name = rest[open.upperBound..<close.lowerBound]
            names.append(String(name.hasPrefix("$") ? name.dropFirst() : name))
            rest = rest[close.upperBound...]
        }
        return names
    }
}
