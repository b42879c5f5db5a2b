import Foundation
import LintCore
import Yams

/// Compiles one rule file (`Rules/<area>/<name>.yaml`) into a `Rule`: reads every key,
/// rejects unknown ones, and hands the pattern to the compiler of its kind.
struct RuleFileCompiler {
    static let patternKeys = PatternKind.allCases.map(\.rawValue)
    static let keys = ["id", "name", "severity", "message", "rationale", "references", "sectors", "except-sectors", "defers-to", "may-be-lawful-in", "channels", "zones",
                       "suggestion", "replacement", "tags", "unless", "where", "loose", "case-sensitive", "examples", "publishers"] + patternKeys

    let engine: any RegexEngine
    let normalizer: TextNormalizer
    let lexicons: [String: LexiconInfo]
    let sectors: SectorCatalog
    /// The registry and its fact tables.
    let laws: LawTable
    /// The day citations are resolved for (nil: the newest text in force).
    let asOf: CalendarDate?

    /// - Parameters:
    ///   - expectedID: the id the file's path implies (`area.name`).
    func compile(text: String, file: String, expectedID: String) throws(RuleFileError) -> Rule {
        try compileCiting(text: text, file: file, expectedID: expectedID).rule
    }

    /// The rule, and the provisions it cites as written (whether or not in force on `asOf`).
    func compileCiting(text: String, file: String, expectedID: String) throws(RuleFileError) -> (rule: Rule, cites: [CitedProvisions]) {
        let root = try YAMLDocument.parse(text, file: file)
        let map = try YAMLMap(root, file: file, path: "")
        try map.rejectUnknownKeys(allowed: Self.keys)

        let id = try map.requiredString("id")
        guard id.value == expectedID else {
            throw RuleFileError(file: file, line: id.line, column: id.column, kind: .idMismatch(id: id.value, expected: expectedID))
        }
        let name = try map.requiredString("name").value
        let severityText = try map.requiredString("severity")
        guard let severity = Severity(rawValue: severityText.value) else {
            throw RuleFileError(file: file, line: severityText.line, column: severityText.column,
                                kind: .invalidValue(key: "severity", value: severityText.value, allowed: Severity.allCases.reversed().map(\.rawValue)))
        }
        let message = try map.requiredString("message")
        guard message.value.unicodeScalars.contains(where: \.isHan) else {
            throw RuleFileError(file: file, line: message.line, column: message.column, kind: .notTraditionalChinese(key: "message"))
        }
        let rationale = try map.requiredString("rationale").value
        let suggestion = try map.string("suggestion")?.value
        let replacement = try map.string("replacement")
        if let replacement, replacement.value.isEmpty || replacement.value.contains("\n") {
            throw RuleFileError(file: file, line: replacement.line, column: replacement.column,
                                kind: .invalid("`replacement` is the literal text that replaces a match: one line, not empty"))
        }
        let tags = try map.stringList("tags")?.map(\.value) ?? []
        let loose = try map.bool("loose") ?? false
        let caseSensitive = try map.bool("case-sensitive") ?? false
        let (references, cites) = try readReferences(map)
        let sectorList = try readSectors(map)
        let exceptSectors = try readSectorList("except-sectors", map, apartFrom: sectorList)
        let deference = try readDeference(map, sectorList: sectorList, exceptSectors: exceptSectors)
        let channels = try readChannels(map)
        let zones = try readZones(map)

        let context = CompileContext(file: file, engine: engine, normalizer: normalizer, lexicons: lexicons,
                                     loose: loose, caseInsensitive: !caseSensitive, owner: "rule `\(id.value)`")

        let present = Self.patternKeys.filter { map.has($0) }
        guard present.count == 1, let kindKey = present.first, let kind = PatternKind(rawValue: kindKey) else {
            let problem = present.isEmpty
                ? "a rule needs one pattern: \(Self.patternKeys.map { "`\($0)`" }.joinedAsAlternatives())"
                : "a rule has exactly one pattern; found \(present.map { "`\($0)`" }.joined(separator: " and "))"
            throw map.error(at: present.count > 1 ? map.keyNode(present[1]) : nil, .invalid(problem))
        }
        let patternNode = map[kindKey]!
        let pattern: RulePattern
        switch kind {
        case .terms: pattern = .span(try TermsPattern.compile(patternNode, context: context))
        case .regex: pattern = .span(try RegexPattern.compile(patternNode, context: context))
        case .near: pattern = .span(try NearPattern.compile(patternNode, context: context))
        case .requires: pattern = .document(try RequiresPattern.compile(patternNode, context: context))
        case .checklist: pattern = .checklist(try ChecklistPatternCompiler.compile(patternNode, context: context))
        case .structure: pattern = .structure(try StructurePatternCompiler.compile(patternNode, context: context))
        }
        var structure: StructurePattern?
        if case let .structure(facts) = pattern {
            structure = facts
            for key in ["unless", "where", "loose", "zones"] where map.has(key) {
                throw map.error(at: map.keyNode(key), .invalid("`\(key)` tests text; a `structure` rule tests facts only (write the test in `structure.when`)"))
            }
        }
        if loose && kind == .regex {
            throw map.error(at: map.keyNode("loose"), .invalid("`loose` applies to phrases (`terms`, `near`, `requires`), not to `regex`"))
        }

        let exceptions = try map["unless"].map { node throws(RuleFileError) in try ExceptionsClause.compile(node, context: context) } ?? ExceptionSet()
        let matchRegex = pattern.triggerRegex
        let groupNames = Set(matchRegex?.groupNames.keys.filter { !NearPattern.groupNames.contains($0) } ?? [])
        let conditions = try map["where"].map { node throws(RuleFileError) in
            try ConditionsClause.compile(node, groupNames: groupNames, context: context)
        } ?? []

        var placeholders = ["match"] + groupNames.sorted()
        if kind == .requires || kind == .checklist { placeholders.append("missing") }
        if let structure { placeholders += structure.fact.properties.keys.sorted() }
        for placeholder in MessageTemplate(message.value).placeholders where !placeholders.contains(placeholder) {
            throw RuleFileError(file: file, line: message.line, column: message.column,
                                kind: .unknownPlaceholder(placeholder, allowed: placeholders))
        }

        guard let examplesNode = map["examples"] else { throw map.error(at: nil, .missingKey("examples")) }
        let examples = try ExamplesClause.compile(examplesNode, context: context, structure: structure)
        let variants = try map["publishers"].map { node throws(RuleFileError) in
            try PublishersClause.compile(node, rule: self, context: context, placeholders: placeholders)
        } ?? []

        let rule = Rule(id: RuleID(id.value), name: name, severity: severity, message: MessageTemplate(message.value),
                        rationale: rationale, references: references, sectors: sectorList, exceptSectors: exceptSectors,
                        channels: channels, zones: zones,
                        suggestion: suggestion, replacement: replacement?.value, tags: tags, pattern: pattern, exceptions: exceptions,
                        conditions: conditions, examples: examples,
                        origin: SourceOrigin(file: file, line: id.line, column: 1), publisherVariants: variants.map(\.variant),
                        deference: deference)
        return (rule, cites + variants.flatMap(\.cites))
    }

    /// `references:` one line per citation (`- 食品安全衛生管理法 第28條第2項`), resolved in the
    /// law fact table for `asOf`. Provisions not in force that day are left out; a rule left
    /// with none does not run that day (the loader lists it as inactive). Also read for each
    /// of a rule's `publishers:`.
    func readReferences(_ map: YAMLMap) throws(RuleFileError) -> ([LegalReference], [CitedProvisions]) {
        guard let node = map["references"] else { throw map.error(at: nil, .missingKey("references")) }
        guard let sequence = node.sequence, !sequence.isEmpty else {
            throw map.error(at: node, .wrongType(key: "references", expected: "a list of citations such as `- \(CitationSyntax.example)`"))
        }
        guard !laws.laws.isEmpty else {
            throw map.error(at: node, .invalid("no law registry is loaded, so no citation can be checked; add Rules/laws/<pcode>.yaml files"))
        }
        var cites: [CitedProvisions] = []
        for item in sequence {
            guard let scalar = item.scalar else {
                throw oldStyleCitation(item, in: map)
            }
            let text = Located(value: scalar.string, line: item.mark?.line ?? 1, column: item.mark?.column ?? 1)
            let cited = try CitationSyntax.parse(text, table: laws, file: map.file, key: "references")
            cites.append(cited)
        }
        let references = cites.compactMap { laws.reference(for: $0, asOf: asOf, citedTogether: cites) }
        return (references, cites)
    }

    /// The error for a citation written the old way (`law:`, `article:`, `pcode:`, `penalty:`,
    /// `url:`): it names the one line to write instead, and, when the fact table lacks the
    /// provision, the table entry to add first, so a rule from an older branch is converted
    /// by reading the error.
    private func oldStyleCitation(_ item: Node, in map: YAMLMap) -> RuleFileError {
        let fields = item.mapping.map { mapping in
            Dictionary(mapping.compactMap { key, value in key.string.flatMap { k in value.scalar.map { (k, $0.string) } } },
                       uniquingKeysWith: { first, _ in first })
        } ?? [:]
        let pcode = fields["pcode"]?.trimmingCharacters(in: .whitespaces)
        let name = fields["law"]?.trimmingCharacters(in: .whitespaces) ?? pcode.flatMap { laws[$0]?.name }
        let article = (fields["article"] ?? fields["articles"]).map { $0.filter { !$0.isWhitespace } }
        guard let name, let article, !article.isEmpty else {
            return map.error(at: item, .badCitation("a citation is one line, the law's name and its provisions (`- \(CitationSyntax.example)`); the penalty, authority and link come from the law's fact table (Rules/laws/<pcode>.yaml), so `law:`, `article:`, `pcode:`, `penalty:` and `url:` are not written in rules"))
        }
        let law = laws[pcode ?? ""]?.name ?? name
        var line = "\(law) \(article)"
        var firstStep: String?
        let mark = item.mark
        do {
            _ = try CitationSyntax.parse(Located(value: line, line: mark?.line ?? 1, column: mark?.column ?? 1),
                                         table: laws, file: map.file, key: "references")
        } catch {
            switch error.kind {
            case let .provisionNotInTable(law, provision, table):
                let penalty = fields["penalty"].map { "; the penalty this rule wrote was 「\($0)」" } ?? ""
                firstStep = "first add \(law) \(provision) to `articles:` in \(table) (duty, binds, penalties, since, source; see docs/laws.md)\(penalty)"
            case let .provisionInParts(_, provision, parts):
                line = "\(law) \(parts.first ?? provision)"
                firstStep = "the fact table describes \(provision) in parts (\(parts.joined(separator: "、"))): keep the part or parts that apply, e.g. `- \(law) \(parts.prefix(2).joined(separator: "、"))`"
            case .unknownLaw:
                firstStep = "first register the law as Rules/laws/\(pcode ?? "<pcode>").yaml (name, pcode, status, versions, articles; see docs/laws.md)"
            default:
                firstStep = "then fix: \(error.problem)"
            }
        }
        return map.error(at: item, .oldStyleCitation(line: line, firstStep: firstStep))
    }

    private func readSectors(_ map: YAMLMap) throws(RuleFileError) -> [Sector] {
        guard let items = try map.stringList("sectors"), !items.isEmpty else {
            throw map.error(at: map["sectors"], .missingKey("sectors"))
        }
        var out: [Sector] = []
        for item in items {
            let sector = Sector(item.value)
            guard sectors.isKnown(sector) else {
                throw RuleFileError(file: map.file, line: item.line, column: item.column,
                                    kind: .invalidValue(key: "sectors", value: item.value,
                                                        allowed: ["all"] + sectors.definitions.map(\.id.rawValue)))
            }
            out.append(sector)
        }
        return out
    }

    /// `except-sectors: [food, cosmetics]`: on documents of these sectors the sectors' own
    /// rules decide, and this rule steps aside. Also `defers-to:` and `may-be-lawful-in:`
    /// (`readDeference`): sectors named, known, and in none of the lists in `apartFrom`.
    private func readSectorList(_ key: String, _ map: YAMLMap, apartFrom used: [Sector]) throws(RuleFileError) -> [Sector] {
        guard let items = try map.stringList(key) else { return [] }
        var out: [Sector] = []
        for item in items {
            let sector = Sector(item.value)
            guard sectors.isKnown(sector), sector != .all else {
                throw RuleFileError(file: map.file, line: item.line, column: item.column,
                                    kind: .invalidValue(key: key, value: item.value,
                                                        allowed: sectors.definitions.map(\.id.rawValue)))
            }
            if used.contains(sector) || out.contains(sector) {
                let other = ["sectors", "except-sectors", "defers-to", "may-be-lawful-in"].first { name in
                    name != key && (try? map.stringList(name))?.contains { $0.value == item.value } == true
                } ?? key
                throw RuleFileError(file: map.file, line: item.line, column: item.column,
                                    kind: .invalid("`\(item.value)` is both in `\(other)` and in `\(key)`"))
            }
            out.append(sector)
        }
        return out
    }

    /// `defers-to: [food, cosmetics]` and `may-be-lawful-in: [drug, medical]` on a
    /// cross-sector rule (`sectors: [all]`): it runs on those sectors' documents too, and
    /// their rules decide where they report the same claim (docs/rules.md "Claims first").
    private func readDeference(_ map: YAMLMap, sectorList: [Sector], exceptSectors: [Sector]) throws(RuleFileError) -> SectorDeference {
        let defersTo = try readSectorList("defers-to", map, apartFrom: sectorList + exceptSectors)
        let licensed = try readSectorList("may-be-lawful-in", map, apartFrom: sectorList + exceptSectors + defersTo)
        let deference = SectorDeference(defersTo: defersTo, mayBeLawfulIn: licensed)
        if !deference.isEmpty && !sectorList.contains(.all) {
            let key = defersTo.isEmpty ? "may-be-lawful-in" : "defers-to"
            throw map.error(at: map.keyNode(key), .invalid("`\(key)` is for a cross-sector rule (`sectors: [all]`) that gives way to a sector's own rules"))
        }
        return deference
    }

    /// `channels: [online]`: the rule runs only on copy sold through these channels.
    private func readChannels(_ map: YAMLMap) throws(RuleFileError) -> [Channel] {
        guard let items = try map.stringList("channels") else { return [] }
        var out: [Channel] = []
        for item in items {
            let channel = Channel(item.value)
            guard sectors.isKnown(channel) else {
                throw RuleFileError(file: map.file, line: item.line, column: item.column,
                                    kind: .invalidValue(key: "channels", value: item.value,
                                                        allowed: sectors.channels.map(\.id.rawValue)))
            }
            out.append(channel)
        }
        return out
    }

    private func readZones(_ map: YAMLMap) throws(RuleFileError) -> [Zone] {
        guard let items = try map.stringList("zones") else { return [] }
        var out: [Zone] = []
        for item in items {
            let zone = Zone(item.value)
            guard Zone.known.contains(zone) else {
                throw RuleFileError(file: map.file, line: item.line, column: item.column,
                                    kind: .invalidValue(key: "zones", value: item.value, allowed: Zone.known.map(\.rawValue)))
            }
            out.append(zone)
        }
        return out
    }
}

extension Unicode.Scalar {
    /// CJK Unified Ideographs (and extension A), enough to tell Chinese text from English.
    var isHan: Bool { (0x4E00...0x9FFF).contains(value) || (0x3400...0x4DBF).contains(value) }
}
