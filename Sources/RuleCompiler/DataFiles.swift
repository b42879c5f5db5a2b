import Foundation
import LintCore
import Yams

/// A lexicon file as written, before its `$includes` are resolved.
struct RawLexicon {
    var name: String
    var description: String
    var source: String?
    var file: String
    /// `terms:` as written (empty for a grammar).
    var items: [Located<String>]
    /// `patterns:` as written (empty for a term list); see `GrammarLexicon`.
    var patterns: [Located<String>] = []

    var isGrammar: Bool { !patterns.isEmpty }
}

/// `Rules/lexicons/<name>.yaml`: a named term list shared by many rules.
///
///     lexicon: negations
///     description: 否定詞，出現在宣稱前表示否定
///     terms: [不能, 無法, 並非, $other-lexicon]
///
/// A lexicon with `patterns:` instead of `terms:` is a grammar (see `GrammarLexicon`).
enum LexiconFile {
    static let keys = ["lexicon", "description", "source", "terms", "patterns"]

    static func parse(_ text: String, file: String, expectedName: String) throws(RuleFileError) -> RawLexicon {
        let map = try YAMLMap(try YAMLDocument.parse(text, file: file), file: file, path: "")
        try map.rejectUnknownKeys(allowed: keys)
        let name = try map.requiredString("lexicon")
        guard name.value == expectedName else {
            throw RuleFileError(file: file, line: name.line, column: name.column,
                                kind: .invalid("lexicon name `\(name.value)` does not match the file name (expected `\(expectedName)`)"))
        }
        let description = try map.requiredString("description").value
        let source = try map.string("source")?.value
        if map.has("patterns") {
            if map.has("terms") {
                throw map.error(at: map.keyNode("patterns"),
                                .invalid("a lexicon has either `terms` (a word list) or `patterns` (a grammar), not both"))
            }
            guard let patterns = try map.stringList("patterns"), !patterns.isEmpty else {
                throw map.error(at: map["patterns"], .wrongType(key: "patterns", expected: "a list of regex patterns"))
            }
            return RawLexicon(name: name.value, description: description, source: source, file: file, items: [],
                              patterns: patterns)
        }
        guard let items = try map.stringList("terms"), !items.isEmpty else {
            throw map.error(at: map["terms"], .missingKey("terms"))
        }
        return RawLexicon(name: name.value, description: description, source: source, file: file, items: items)
    }

    /// The most terms a lexicon may hold once its includes are resolved. Every rule's
    /// phrases compile into one PCRE2 pattern of at most 64 KB; the largest shipped lexicon
    /// has about 200 terms. A longer list is refused at the lexicon, with a hint to split it,
    /// rather than as "regular expression is too large" at each rule that uses it.
    static let maxTerms = 2_000

    /// Resolves `$name` includes, normalizes and de-duplicates terms. Problems are collected
    /// (`errors`) while every lexicon still gets the terms that could be resolved, so a cycle
    /// is one error, not one more for every rule that uses a lexicon in it.
    static func resolve(_ raw: [String: RawLexicon], normalizer: TextNormalizer,
                        errors: inout [RuleFileError]) -> [String: LexiconInfo] {
        var resolved: [String: [String]] = [:]
        var reportedCycles: Set<Set<String>> = []
        var visiting: Set<String> = []

        func visit(_ name: String, stack: [String]) -> [String]? {
            if let done = resolved[name] { return done }
            guard let lexicon = raw[name] else { return nil }
            visiting.insert(name)
            defer { visiting.remove(name) }
            var terms: [String] = []
            var seen = Set<String>()
            for item in lexicon.items {
                if item.value.hasPrefix("$") && item.value.count > 1 {
                    let included = String(item.value.dropFirst())
                    if visiting.contains(included) {
                        // One error per cycle, however many of its lexicons lead into it.
                        let cycle = Array(stack[(stack.firstIndex(of: included) ?? 0)...]) + [included]
                        if reportedCycles.insert(Set(cycle)).inserted {
                            errors.append(RuleFileError(file: lexicon.file, line: item.line, column: item.column, kind: .lexiconCycle(cycle)))
                        }
                        continue
                    }
                    if raw[included]?.isGrammar == true {
                        errors.append(RuleFileError(file: lexicon.file, line: item.line, column: item.column,
                                                    kind: .invalid("`$\(included)` is a grammar (`patterns:`); a term list can only include term lists. Use `{{\(included)}}` in a regex instead")))
                        continue
                    }
                    guard let sub = visit(included, stack: stack + [included]) else {
                        errors.append(RuleFileError(file: lexicon.file, line: item.line, column: item.column, kind: .unknownLexicon(included)))
                        continue
                    }
                    for term in sub where seen.insert(term).inserted { terms.append(term) }
                } else {
                    let term = normalizer.normalizeLiteral(item.value)
                    if term.isEmpty {
                        errors.append(RuleFileError(file: lexicon.file, line: item.line, column: item.column, kind: .emptyMatch(key: "terms")))
                    } else if seen.insert(term).inserted {
                        terms.append(term)
                    }
                }
            }
            if terms.count > maxTerms, let first = lexicon.items.first {
                errors.append(RuleFileError(file: lexicon.file, line: first.line, column: first.column,
                                            kind: .lexiconTooLarge(name: name, count: terms.count, limit: maxTerms)))
                terms = Array(terms.prefix(maxTerms))
            }
            resolved[name] = terms
            return terms
        }

        for name in raw.keys.sorted() where raw[name]?.isGrammar == false { _ = visit(name, stack: [name]) }
        var out: [String: LexiconInfo] = [:]
        for (name, lexicon) in raw where !lexicon.isGrammar {
            out[name] = LexiconInfo(name: name, description: lexicon.description, source: lexicon.source,
                                    file: lexicon.file, terms: resolved[name] ?? [])
        }
        return out
    }
}

/// `Rules/sectors.yaml`: the sectors rules may name, and the words that suggest one.
///
///     sectors:
///       food:
///         name: 食品
///         strong: [保健食品, 膠囊, 益生菌]   # one is enough to infer the sector
///         weak: [好吃, 飲品, 口味]           # two different ones are needed
///       drug:
///         decisive: [衛部藥製字]             # the copy is the sector's own product: one is enough,
///         outranks: [food, medical-device]  # and these sectors are then not inferred
struct RawSector {
    var id: String
    var name: String
    /// Other names accepted wherever a sector is named (`化妝品`, `醫療`).
    var aliases: [String]
    var strong: Node?
    var weak: Node?
    /// `claims-law:` the sector's law, named in a cross-sector claim finding that stands on
    /// a document of the sector (docs/rules.md "Claims first").
    var claimsLaw: String? = nil
    /// `decisive:` signals that the copy is the sector's own product, and `outranks:` the
    /// sectors they keep from being inferred (`SectorDefinition.outranks`).
    var decisive: Node? = nil
    var outranks: [Located<String>] = []
    var file: String
}

/// A sales channel as written in `sectors.yaml`:
///
///     channels:
///       online:
///         name: 網路、電視、型錄等通訊交易
///         default: true          # assumed when the copy says nothing
///         signals: [宅配, 下單]
///       store:
///         name: 實體門市
///         signals: [門市, 現場]
struct RawChannel {
    var id: String
    var name: String
    var signals: Node?
    var isDefault: Bool
    var file: String
}

/// When copy is read as an article (`article:` in `sectors.yaml`):
///
///     article:
///       selling: [立即購買, 本產品]       # any one: the copy sells, never an article
///       signals:                       # article signals by group; each group counts once
///         byline: [記者, 中央社]
///         institution: [醫學中心, 衛生局]
///         address: [您, 你]
///       weights: {byline: 2, address: -1}   # 1 unless named; never 0
///       min-signals: 3                 # the least total weight of the groups that match
///       rules: [claims.*, food.health-claim]
///       suffix: （讀來為衛教或報導…）
struct RawArticle {
    var selling: Node?
    var signals: [(group: String, node: Node)]
    var minSignals: Int
    var weights: [String: Int]
    var rules: [String]
    var suffix: String
    var file: String
}

enum SectorsFile {
    static let articleKeys = ["description", "selling", "signals", "weights", "min-signals", "rules", "suffix"]

    /// The `article:` section of a `sectors.yaml` (nil when it has none).
    static func parseArticle(_ text: String, file: String) throws(RuleFileError) -> RawArticle? {
        let map = try YAMLMap(try YAMLDocument.parse(text, file: file), file: file, path: "")
        guard let node = map["article"] else { return nil }
        let entry = try YAMLMap(node, file: file, path: "article")
        try entry.rejectUnknownKeys(allowed: articleKeys)
        guard let minimum = try entry.int("min-signals")?.value, minimum >= 1 else {
            throw entry.error(at: entry["min-signals"], .invalid("`min-signals` is a whole number, 1 or more"))
        }
        let rules = try entry.stringList("rules")?.map(\.value) ?? []
        var groups: [(group: String, node: Node)] = []
        if let node = entry["signals"] {
            guard let mapping = node.mapping else {
                throw entry.error(at: node, .wrongType(key: "article.signals", expected: "a mapping of group name to phrases"))
            }
            for (key, value) in mapping {
                guard let group = key.string else { throw entry.error(at: key, .invalid("a group name is a word")) }
                groups.append((group, value))
            }
        }
        var weights: [String: Int] = [:]
        if let node = entry["weights"] {
            let map = try YAMLMap(node, file: file, path: "article.weights")
            for (key, _) in map.mapping {
                guard let group = key.string, groups.contains(where: { $0.group == group }) else {
                    throw map.error(at: key, .invalid("`weights` names a group of `signals`"))
                }
                guard let weight = try map.int(group), weight.value != 0 else {
                    throw map.error(at: map[group], .invalid("a weight is a whole number other than 0 (negative for a group that speaks against an article)"))
                }
                weights[group] = weight.value
            }
        }
        return RawArticle(selling: entry["selling"], signals: groups, minSignals: minimum, weights: weights, rules: rules,
                          suffix: try entry.requiredString("suffix").value, file: file)
    }

    static let entryKeys = ["name", "description", "aliases", "strong", "weak", "claims-law", "decisive", "outranks"]
    static let channelKeys = ["name", "description", "signals", "default"]

    /// The channels of a `sectors.yaml` (none when it has no `channels:`).
    static func parseChannels(_ text: String, file: String) throws(RuleFileError) -> [RawChannel] {
        let map = try YAMLMap(try YAMLDocument.parse(text, file: file), file: file, path: "")
        guard let node = map["channels"] else { return [] }
        guard let mapping = node.mapping else {
            throw map.error(at: node, .wrongType(key: "channels", expected: "a mapping of channel id to its definition"))
        }
        var out: [RawChannel] = []
        for (key, value) in mapping {
            guard let id = key.string, id.range(of: #"^[a-z][a-z0-9-]*$"#, options: .regularExpression) != nil else {
                throw map.error(at: key, .invalid("channel ids are lower-case words joined by `-`"))
            }
            let entry = try YAMLMap(value, file: file, path: "channels.\(id)")
            try entry.rejectUnknownKeys(allowed: channelKeys)
            out.append(RawChannel(id: id, name: try entry.requiredString("name").value, signals: entry["signals"],
                                  isDefault: try entry.bool("default") ?? false, file: file))
        }
        return out
    }

    static func parse(_ text: String, file: String) throws(RuleFileError) -> [RawSector] {
        let map = try YAMLMap(try YAMLDocument.parse(text, file: file), file: file, path: "")
        try map.rejectUnknownKeys(allowed: ["sectors", "channels", "article"])
        guard let sectorsNode = map["sectors"], let mapping = sectorsNode.mapping else {
            throw map.error(at: map["sectors"], .wrongType(key: "sectors", expected: "a mapping of sector id to its definition"))
        }
        var out: [RawSector] = []
        // Every id, name and alias names one sector only: `--sector 醫療` must not be a guess.
        var named: [String: String] = [:]
        for (key, value) in mapping {
            guard let id = key.string, id.range(of: #"^[a-z][a-z0-9-]*$"#, options: .regularExpression) != nil, id != "all", id != "none" else {
                throw map.error(at: key, .invalid("sector ids are lower-case words joined by `-` (`all` and `none` are reserved)"))
            }
            let entry = try YAMLMap(value, file: file, path: "sectors.\(id)")
            try entry.rejectUnknownKeys(allowed: entryKeys)
            let name = try entry.requiredString("name").value
            let aliases = try entry.stringList("aliases")?.map(\.value) ?? []
            for written in [id, name] + aliases {
                if let other = named[written], other != id {
                    throw map.error(at: entry["aliases"] ?? key, .invalid("`\(written)` names both `\(other)` and `\(id)`; give it to one sector only"))
                }
                named[written] = id
            }
            let claimsLaw = try entry.string("claims-law")
            if let claimsLaw, !claimsLaw.value.unicodeScalars.contains(where: \.isHan) {
                throw RuleFileError(file: file, line: claimsLaw.line, column: claimsLaw.column, kind: .notTraditionalChinese(key: "claims-law"))
            }
            let outranks = try entry.stringList("outranks") ?? []
            if !outranks.isEmpty, entry["decisive"] == nil {
                throw entry.error(at: entry["outranks"], .invalid("`outranks` needs `decisive` signals: the sectors are outranked only where one of them matches"))
            }
            out.append(RawSector(id: id, name: name, aliases: aliases, strong: entry["strong"], weak: entry["weak"],
                                 claimsLaw: claimsLaw?.value, decisive: entry["decisive"], outranks: outranks, file: file))
        }
        return out
    }

    /// One phrase list of `sectors.yaml` (a sector's signals, a channel's, the article data's)
    /// compiled to one regex; nil when the key is absent. `path` names it in errors.
    private static func phrases(_ node: Node?, _ path: String, _ key: String,
                                _ context: CompileContext) throws(RuleFileError) -> (any CompiledRegex)? {
        guard let node else { return nil }
        let set = try PhraseSet.read(node, key: path, context: context)
        return try context.compile(set.source(loose: false), key: key, line: set.line, column: set.column)
    }

    static func compile(_ raw: [RawSector], channels rawChannels: [RawChannel] = [], article rawArticle: RawArticle? = nil,
                        engine: any RegexEngine, normalizer: TextNormalizer,
                        lexicons: [String: LexiconInfo]) throws(RuleFileError) -> SectorCatalog {
        var definitions: [SectorDefinition] = []
        let ids = Set(raw.map(\.id))
        for sector in raw {
            for other in sector.outranks where other.value == sector.id || !ids.contains(other.value) {
                throw RuleFileError(file: sector.file, line: other.line, column: other.column,
                                    kind: .invalid(other.value == sector.id
                                                   ? "`sectors.\(sector.id).outranks` names the sector itself"
                                                   : "`sectors.\(sector.id).outranks` names `\(other.value)`, which is no sector"))
            }
        }
        for sector in raw {
            let context = CompileContext(file: sector.file, engine: engine, normalizer: normalizer, lexicons: lexicons,
                                         loose: false, caseInsensitive: true)
            definitions.append(SectorDefinition(id: Sector(sector.id), name: sector.name,
                                                strongSignals: try phrases(sector.strong, "sectors.\(sector.id).strong", "strong", context),
                                                weakSignals: try phrases(sector.weak, "sectors.\(sector.id).weak", "weak", context),
                                                aliases: sector.aliases, claimsLaw: sector.claimsLaw,
                                                decisiveSignals: try phrases(sector.decisive, "sectors.\(sector.id).decisive", "decisive", context),
                                                outranks: sector.outranks.map { Sector($0.value) }))
        }
        var channels: [ChannelDefinition] = []
        for channel in rawChannels {
            let context = CompileContext(file: channel.file, engine: engine, normalizer: normalizer, lexicons: lexicons,
                                         loose: false, caseInsensitive: true)
            channels.append(ChannelDefinition(id: Channel(channel.id), name: channel.name,
                                              signals: try phrases(channel.signals, "channels.\(channel.id).signals", "signals", context),
                                              isDefault: channel.isDefault))
        }
        var catalog = SectorCatalog(definitions: definitions.sorted { $0.id < $1.id }, channels: channels.sorted { $0.id < $1.id })
        if let article = rawArticle {
            let context = CompileContext(file: article.file, engine: engine, normalizer: normalizer, lexicons: lexicons,
                                         loose: false, caseInsensitive: true)
            var groups: [(group: String, regex: any CompiledRegex)] = []
            for (group, node) in article.signals {
                let key = "signals.\(group)"
                if let regex = try phrases(node, "article.\(key)", key, context) { groups.append((group, regex)) }
            }
            catalog.article = ArticleDefinition(selling: try phrases(article.selling, "article.selling", "selling", context),
                                                signals: groups,
                                                minSignals: article.minSignals, weights: article.weights,
                                                rules: article.rules, suffix: article.suffix)
        }
        return catalog
    }
}
