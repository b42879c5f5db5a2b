import LintCore

/// A problem in a rule, lexicon, sector or law file, with its location and a hint of
/// what to write instead.
public struct RuleFileError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        case unreadable(String)
        case yamlSyntax(String)
        /// YAML aliases expand the file past the budget (`limit` nodes and bytes).
        case aliasBudget(limit: Int)
        case unknownKey(String, suggestion: String?)
        case missingKey(String)
        case wrongType(key: String, expected: String)
        case invalidValue(key: String, value: String, allowed: [String])
        case badRegex(String)
        /// The phrases of `key` make a pattern larger than PCRE2 compiles (`bytes` of source)
        /// that cannot be split into several (`notSplit`: why); `owner` names the rule.
        case patternTooLarge(key: String, bytes: Int, notSplit: String? = nil, owner: String? = nil)
        /// A lexicon holds more terms than one pattern can (`count` of at most `limit`).
        case lexiconTooLarge(name: String, count: Int, limit: Int)
        case emptyMatch(key: String)
        case duplicateID(String, firstDefinedAt: String)
        case idMismatch(id: String, expected: String)
        case misplacedFile(String)
        case unknownLexicon(String)
        case lexiconCycle([String])
        case unknownLaw(name: String, suggestion: String?)
        case repealedLaw(name: String, pcode: String, repealed: String)
        case badCitation(String)
        /// A citation written as `law:`/`article:`/`pcode:`/`penalty:`/`url:` keys; `line` is the
        /// one-line citation to write instead, `firstStep` what the fact table needs first.
        case oldStyleCitation(line: String, firstStep: String?)
        case provisionNotInTable(law: String, provision: String, table: String)
        case provisionInParts(law: String, provision: String, parts: [String])
        case badExample(String)
        case tooFewExamples(kind: String, found: Int, needed: Int)
        case unknownPlaceholder(String, allowed: [String])
        case unknownGroup(String)
        case notTraditionalChinese(key: String)
        case invalid(String)
    }

    public var file: String
    public var line: Int
    public var column: Int
    public var kind: Kind

    public init(file: String, line: Int, column: Int, kind: Kind) {
        self.file = file
        self.line = line
        self.column = column
        self.kind = kind
    }

    public var problem: String {
        switch kind {
        case let .unreadable(reason): "cannot read the file: \(reason)"
        case let .yamlSyntax(reason): "YAML syntax error: \(reason)"
        case let .aliasBudget(limit): "YAML aliases (`*name`) expand the file past \(limit) nodes and characters"
        case let .unknownKey(key, _): "unknown key `\(key)`"
        case let .missingKey(key): "missing required key `\(key)`"
        case let .wrongType(key, expected): "`\(key)` must be \(expected)"
        case let .invalidValue(key, value, _): "`\(key)` has an invalid value `\(value)`"
        case let .badRegex(reason): "the regex does not compile: \(reason)"
        case let .patternTooLarge(key, bytes, notSplit, owner):
            "the phrases in `\(key)`\(owner.map { " of \($0)" } ?? "") make a pattern of \(bytes) bytes, more than PCRE2 compiles into one regex (64 KB compiled)"
                + (notSplit.map { ", and it cannot be split into several: \($0)" } ?? "")
        case let .lexiconTooLarge(name, count, limit): "lexicon `\(name)` has \(count) terms; a lexicon holds at most \(limit)"
        case let .emptyMatch(key): "the pattern in `\(key)` can match the empty string"
        case let .duplicateID(id, first): "duplicate rule id `\(id)` (first defined at \(first))"
        case let .idMismatch(id, expected): "rule id `\(id)` does not match the file's path (expected `\(expected)`)"
        case let .misplacedFile(reason): reason
        case let .unknownLexicon(name): "unknown lexicon `$\(name)`"
        case let .lexiconCycle(names): "lexicons include each other in a cycle: \(names.map { "$" + $0 }.joined(separator: " -> "))"
        case let .unknownLaw(name, _): "no law named `\(name)` in the law registry"
        case let .repealedLaw(name, pcode, repealed): "\(name) (\(pcode)) was repealed on \(repealed) and may not be cited"
        case let .badCitation(reason): "bad citation: \(reason)"
        case let .oldStyleCitation(line, _): "old-style citation: replace this entry (its `law:`, `article:`, `pcode:`, `authority:`, `penalty:` and `url:` lines) with the one line `- \(line)`; the penalty, authority and link now come from the law fact table (Rules/laws/<pcode>.yaml)"
        case let .provisionNotInTable(law, provision, table): "\(law) \(provision) is not in the law's fact table (\(table))"
        case let .provisionInParts(law, provision, parts): "the fact table describes \(law) \(provision) only in parts (\(parts.joined(separator: ", "))), each with its own duty or penalty"
        case let .badExample(reason): "bad example: \(reason)"
        case let .tooFewExamples(kind, found, needed): "\(found) `\(kind)` example(s); at least \(needed) are required"
        case let .unknownPlaceholder(name, _): "unknown placeholder `{\(name)}` in the message"
        case let .unknownGroup(name): "no capture group named `\(name)` in the pattern"
        case let .notTraditionalChinese(key): "`\(key)` must be written in Traditional Chinese"
        case let .invalid(reason): reason
        }
    }

    public var hint: String? {
        switch kind {
        case .unreadable: "check the path and the file's permissions"
        case .yamlSyntax: "check indentation and quoting; quote values that contain `: ` or start with `{`, `[`, `*` or `&`"
        case .aliasBudget: "write the repeated values out, or reuse fewer; adlaw limits aliases to ten times the file's size so a small file cannot grow into gigabytes"
        case let .unknownKey(_, suggestion?): "did you mean `\(suggestion)`?"
        case .unknownKey: "see the DSL reference in docs/rules.md for the keys a rule file may have"
        case let .missingKey(key): "add `\(key):`"
        case let .wrongType(key, expected): "write `\(key):` as \(expected)"
        case let .invalidValue(_, _, allowed) where !allowed.isEmpty: "use one of: \(allowed.joined(separator: ", "))"
        case .invalidValue: nil
        case .badRegex: "escape PCRE2 metacharacters with a backslash, or use `terms:` for literal phrases"
        case .patternTooLarge(_, _, _?, _): "a list is split by itself when its alternation is the whole pattern or comes after a fixed part (literals, classes, exact repeats); else split the list: put part of the phrases (or of a large `$lexicon`) in a second rule, or in a second lexicon used by a second rule"
        case .patternTooLarge: "split the list: put part of the phrases (or of a large `$lexicon`) in a second rule, or in a second lexicon used by a second rule"
        case .lexiconTooLarge: "split it into smaller lexicons (Rules/lexicons/<name>.yaml) and use each in its own rule; every rule's phrases compile into one PCRE2 pattern"
        case .emptyMatch: "make every alternative match at least one character (use + instead of *, remove empty alternatives)"
        case .duplicateID: "rename one of the files; ids are `<folder>.<file name>`"
        case let .idMismatch(_, expected): "write `id: \(expected)` or move the file"
        case .misplacedFile: "rule files go in `Rules/<area>/<name>.yaml`; lexicons in `Rules/lexicons/<name>.yaml`"
        case .unknownLexicon: "create `Rules/lexicons/<name>.yaml` or fix the name"
        case .lexiconCycle: "remove one of the `$name` includes"
        case let .unknownLaw(_, suggestion?): "did you mean `\(suggestion)`? Names are written exactly as in the national law database"
        case .unknownLaw: "add the law as Rules/laws/<pcode>.yaml (name, pcode, status, versions, articles), or fix the name"
        case .repealedLaw: "cite the law that replaced it (see `replaced-by` in its Rules/laws/<pcode>.yaml)"
        case .badCitation: "write one citation per line: the law's name, a space, its provisions, e.g. `- 食品安全衛生管理法 第28條第2項` or `- 消費者保護法 第19條第1項、第5項`"
        case let .oldStyleCitation(line, firstStep?): "write `- \(line)`; \(firstStep)"
        case let .oldStyleCitation(line, nil): "write `- \(line)` (one line per citation, indented under `references:`); docs/laws.md explains the fact table"
        case .provisionNotInTable: "add it under `articles:` with its duty, binds, penalties (or penalty-via, no-penalty), since and source; see docs/laws.md"
        case let .provisionInParts(_, _, parts): "cite the part that applies, e.g. `\(parts.first ?? "")`"
        case .badExample: "mark each span that must be reported with ⟦ and ⟧, e.g. 本產品可以⟦治療⟧失眠"
        case .tooFewExamples: "add examples: near misses a word list gets wrong make the best `no-match` examples"
        case let .unknownPlaceholder(_, allowed): "placeholders available here: \(allowed.map { "{\($0)}" }.joined(separator: " "))"
        case .unknownGroup: "name the group in the regex with (?<name>...)"
        case .notTraditionalChinese: "rule messages are shown to Taiwanese copywriters; write them in zh-TW"
        case .invalid: nil
        }
    }

    /// `file:line:col: error: problem` and an indented hint line.
    public var description: String {
        var text = "\(file):\(line):\(column): error: \(problem)"
        if let hint { text += "\n  hint: \(hint)" }
        return text
    }
}

/// Every problem found while loading a rule set; loading reports them all at once.
public struct RuleLoadError: Error, Sendable, CustomStringConvertible {
    public var errors: [RuleFileError]

    public init(errors: [RuleFileError]) { self.errors = errors }

    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
