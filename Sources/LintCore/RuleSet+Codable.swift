// A compiled rule set written out and read back whole (the CLI's rule-set cache), so a
// run can skip reading the YAML rule files. Regexes are written as their sources and
// compiled again when read (`ArchivedRegex`, `RegexDecodingContext`).

extension RuleSet: Codable {
    enum CodingKeys: String, CodingKey { case rules, sectors, laws, lexicons, roots, version, polarity, lawsAsOf, inactiveRules, citations }

    /// Set to `true` in an encoder's or decoder's `userInfo`: the parts a check does not
    /// read are left out (each rule's examples, rationale and references, the rule set's
    /// laws, lexicons and citations); the rule-set cache keeps them in sections of their
    /// own and gives them back deferred (`Rule.withExamples`, `Rule.withDetails`,
    /// `lawsPart`, `lexiconsPart`, `citationsPart`).
    public static let partsApartKey = CodingUserInfoKey(rawValue: "adlaw.partsApart")

    static func partsApart(_ decoder: any Decoder) -> Bool {
        partsApartKey.map { decoder.userInfo[$0] as? Bool == true } ?? false
    }

    static func partsApart(_ encoder: any Encoder) -> Bool {
        partsApartKey.map { encoder.userInfo[$0] as? Bool == true } ?? false
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let apart = Self.partsApart(decoder)
        self.init(rules: try c.decode([Rule].self, forKey: .rules),
                  sectors: try c.decode(SectorCatalog.self, forKey: .sectors),
                  laws: apart ? [] : try c.decode([LawEntry].self, forKey: .laws),
                  lexicons: apart ? [:] : try c.decode([String: LexiconInfo].self, forKey: .lexicons),
                  roots: try c.decode([String].self, forKey: .roots),
                  version: try c.decodeIfPresent(String.self, forKey: .version),
                  polarity: try c.decodeIfPresent(Polarity.self, forKey: .polarity),
                  lawsAsOf: try c.decodeIfPresent(CalendarDate.self, forKey: .lawsAsOf),
                  inactiveRules: try c.decodeIfPresent([InactiveRule].self, forKey: .inactiveRules) ?? [])
        // Written as a list in rule order: a dictionary with non-string keys would be
        // encoded in hash order, and the cache must give the same bytes every time.
        if !apart { citations = try c.decodeIfPresent(Citations.self, forKey: .citations)?.byRule ?? [:] }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(rules, forKey: .rules)
        try c.encode(sectors, forKey: .sectors)
        let apart = Self.partsApart(encoder)
        if !apart {
            try c.encode(laws, forKey: .laws)
            try c.encode(lexicons, forKey: .lexicons)
        }
        try c.encode(roots, forKey: .roots)
        try c.encodeIfPresent(version, forKey: .version)
        try c.encodeIfPresent(polarity, forKey: .polarity)
        try c.encodeIfPresent(lawsAsOf, forKey: .lawsAsOf)
        try c.encode(inactiveRules, forKey: .inactiveRules)
        if !apart { try c.encode(Citations(byRule: citations), forKey: .citations) }
    }
}

extension Polarity: Codable {
    enum CodingKeys: String, CodingKey { case negators, within, window }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        guard let negators = try c.decodeRegexIfPresent(forKey: .negators) else {
            throw DecodingError.dataCorruptedError(forKey: .negators, in: c, debugDescription: "polarity without negators")
        }
        self.init(negators: negators, within: try c.decode(Int.self, forKey: .within), window: try c.decode(Int.self, forKey: .window))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeRegexIfPresent(negators, forKey: .negators)
        try c.encode(within, forKey: .within)
        try c.encode(window, forKey: .window)
    }
}

extension Rule: Codable {
    enum CodingKeys: String, CodingKey {
        case id, name, severity, message, rationale, references, sectors, exceptSectors, channels, zones, suggestion, replacement, tags
        case pattern, exceptions, conditions, examples, origin, publisherVariants, deference
    }

    public convenience init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(id: try c.decode(RuleID.self, forKey: .id),
                  name: try c.decode(String.self, forKey: .name),
                  severity: try c.decode(Severity.self, forKey: .severity),
                  message: try c.decode(MessageTemplate.self, forKey: .message),
                  rationale: try RuleSet.partsApart(decoder) ? c.decodeIfPresent(String.self, forKey: .rationale) ?? ""
                      : c.decode(String.self, forKey: .rationale),
                  references: try RuleSet.partsApart(decoder) ? c.decodeIfPresent([LegalReference].self, forKey: .references) ?? []
                      : c.decode([LegalReference].self, forKey: .references),
                  sectors: try c.decode([Sector].self, forKey: .sectors),
                  exceptSectors: try c.decode([Sector].self, forKey: .exceptSectors),
                  channels: try c.decode([Channel].self, forKey: .channels),
                  zones: try c.decode([Zone].self, forKey: .zones),
                  suggestion: try c.decodeIfPresent(String.self, forKey: .suggestion),
                  replacement: try c.decodeIfPresent(String.self, forKey: .replacement),
                  tags: try c.decode([String].self, forKey: .tags),
                  pattern: try c.decode(RulePattern.self, forKey: .pattern),
                  exceptions: try c.decode(ExceptionSet.self, forKey: .exceptions),
                  conditions: try c.decode([NumericCondition].self, forKey: .conditions),
                  examples: try RuleSet.partsApart(decoder) ? c.decodeIfPresent([RuleExample].self, forKey: .examples) ?? []
                      : c.decode([RuleExample].self, forKey: .examples),
                  origin: try c.decode(SourceOrigin.self, forKey: .origin),
                  publisherVariants: try c.decodeIfPresent([PublisherVariant].self, forKey: .publisherVariants) ?? [],
                  deference: try c.decodeIfPresent(SectorDeference.self, forKey: .deference) ?? .none)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encode(severity, forKey: .severity)
        try c.encode(message, forKey: .message)
        if !RuleSet.partsApart(encoder) {
            try c.encode(rationale, forKey: .rationale)
            try c.encode(references, forKey: .references)
        }
        try c.encode(sectors, forKey: .sectors)
        try c.encode(exceptSectors, forKey: .exceptSectors)
        try c.encode(channels, forKey: .channels)
        try c.encode(zones, forKey: .zones)
        try c.encodeIfPresent(suggestion, forKey: .suggestion)
        try c.encodeIfPresent(replacement, forKey: .replacement)
        try c.encode(tags, forKey: .tags)
        try c.encode(pattern, forKey: .pattern)
        try c.encode(exceptions, forKey: .exceptions)
        try c.encode(conditions, forKey: .conditions)
        if !RuleSet.partsApart(encoder) { try c.encode(examples, forKey: .examples) }
        try c.encode(origin, forKey: .origin)
        if !publisherVariants.isEmpty { try c.encode(publisherVariants, forKey: .publisherVariants) }
        if !deference.isEmpty { try c.encode(deference, forKey: .deference) }
    }
}

extension RulePattern: Codable {
    enum CodingKeys: String, CodingKey { case span, document, checklist, structure }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if let span = try c.decodeIfPresent(SpanPattern.self, forKey: .span) {
            self = .span(span)
        } else if let document = try c.decodeIfPresent(DocumentPattern.self, forKey: .document) {
            self = .document(document)
        } else if let structure = try c.decodeIfPresent(StructurePattern.self, forKey: .structure) {
            self = .structure(structure)
        } else {
            self = .checklist(try c.decode(ChecklistPattern.self, forKey: .checklist))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case let .span(span): try c.encode(span, forKey: .span)
        case let .document(document): try c.encode(document, forKey: .document)
        case let .checklist(list): try c.encode(list, forKey: .checklist)
        case let .structure(structure): try c.encode(structure, forKey: .structure)
        }
    }
}

extension SpanPattern: Codable {
    enum CodingKeys: String, CodingKey { case kind, regex, componentGroups }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(kind: try c.decode(PatternKind.self, forKey: .kind), regex: try c.decodeRegex(forKey: .regex),
                  componentGroups: try c.decode([Int].self, forKey: .componentGroups))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind)
        try c.encodeRegex(regex, forKey: .regex)
        try c.encode(componentGroups, forKey: .componentGroups)
    }
}

extension DocumentPattern: Codable {
    enum CodingKeys: String, CodingKey { case trigger, required, mode }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(trigger: try c.decode(SpanPattern.self, forKey: .trigger),
                  required: try c.decode([RequiredItem].self, forKey: .required),
                  mode: try c.decode(Mode.self, forKey: .mode))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(trigger, forKey: .trigger)
        try c.encode(required, forKey: .required)
        try c.encode(mode, forKey: .mode)
    }
}

extension RequiredItem: Codable {
    enum CodingKeys: String, CodingKey { case label, regex }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(label: try c.decode(String.self, forKey: .label), regex: try c.decodeRegex(forKey: .regex))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(label, forKey: .label)
        try c.encodeRegex(regex, forKey: .regex)
    }
}

extension ExceptionSet: Codable {
    enum CodingKeys: String, CodingKey {
        case inside, insideWindow, precededBy, precededWithin, precededWindow, sentenceHas, documentHas, documentLacks
        case followedBy, followedWithin, followedWindow
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init()
        if let regex = try c.decodeRegexIfPresent(forKey: .inside) {
            inside = (regex, try c.decode(Int.self, forKey: .insideWindow))
        }
        if let regex = try c.decodeRegexIfPresent(forKey: .precededBy) {
            precededBy = (regex, try c.decode(Int.self, forKey: .precededWithin), try c.decode(Int.self, forKey: .precededWindow))
        }
        sentenceHas = try c.decodeRegexIfPresent(forKey: .sentenceHas)
        documentHas = try c.decodeRegexIfPresent(forKey: .documentHas)
        documentLacks = try c.decodeRegexIfPresent(forKey: .documentLacks)
        if let regex = try c.decodeRegexIfPresent(forKey: .followedBy) {
            followedBy = (regex, try c.decode(Int.self, forKey: .followedWithin), try c.decode(Int.self, forKey: .followedWindow))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        if let inside {
            try c.encodeRegex(inside.regex, forKey: .inside)
            try c.encode(inside.window, forKey: .insideWindow)
        }
        if let precededBy {
            try c.encodeRegex(precededBy.regex, forKey: .precededBy)
            try c.encode(precededBy.within, forKey: .precededWithin)
            try c.encode(precededBy.window, forKey: .precededWindow)
        }
        try c.encodeRegexIfPresent(sentenceHas, forKey: .sentenceHas)
        try c.encodeRegexIfPresent(documentHas, forKey: .documentHas)
        try c.encodeRegexIfPresent(documentLacks, forKey: .documentLacks)
        if let followedBy {
            try c.encodeRegex(followedBy.regex, forKey: .followedBy)
            try c.encode(followedBy.within, forKey: .followedWithin)
            try c.encode(followedBy.window, forKey: .followedWindow)
        }
    }
}

extension ChecklistPattern: Codable {
    enum CodingKeys: String, CodingKey { case element, trigger, items }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(element: try c.decode(String.self, forKey: .element),
                  trigger: try c.decode(SpanPattern.self, forKey: .trigger),
                  items: try c.decode([ChecklistItem].self, forKey: .items))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(element, forKey: .element)
        try c.encode(trigger, forKey: .trigger)
        try c.encode(items, forKey: .items)
    }
}

extension ChecklistItem: Codable {
    enum CodingKeys: String, CodingKey { case label, phrases, noFinding, figures, when, confirm }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(label: try c.decode(String.self, forKey: .label),
                  phrases: try c.decodeRegexIfPresent(forKey: .phrases),
                  noFinding: try c.decode([String].self, forKey: .noFinding),
                  figures: try c.decodeRegexIfPresent(forKey: .figures),
                  when: try c.decodeRegexIfPresent(forKey: .when),
                  confirm: try c.decodeIfPresent(String.self, forKey: .confirm))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(label, forKey: .label)
        try c.encodeRegexIfPresent(phrases, forKey: .phrases)
        try c.encode(noFinding, forKey: .noFinding)
        try c.encodeRegexIfPresent(figures, forKey: .figures)
        try c.encodeRegexIfPresent(when, forKey: .when)
        try c.encodeIfPresent(confirm, forKey: .confirm)
    }
}

extension SectorCatalog: Codable {
    enum CodingKeys: String, CodingKey { case definitions, channels, article }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(definitions: try c.decode([SectorDefinition].self, forKey: .definitions),
                  channels: try c.decode([ChannelDefinition].self, forKey: .channels))
        article = try c.decodeIfPresent(ArticleDefinition.self, forKey: .article)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(definitions, forKey: .definitions)
        try c.encode(channels, forKey: .channels)
        try c.encodeIfPresent(article, forKey: .article)
    }
}

extension ArticleDefinition: Codable {
    enum CodingKeys: String, CodingKey { case selling, groups, minSignals, weights, rules, suffix }

    /// One article-signal group, coded on its own so its regex can be.
    struct Group: Codable {
        var group: String
        var regex: (any CompiledRegex)?
        enum CodingKeys: String, CodingKey { case group, regex }

        init(group: String, regex: any CompiledRegex) {
            self.group = group
            self.regex = regex
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            group = try c.decode(String.self, forKey: .group)
            regex = try c.decodeRegexIfPresent(forKey: .regex)
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(group, forKey: .group)
            try c.encodeRegexIfPresent(regex, forKey: .regex)
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let groups = try c.decode([Group].self, forKey: .groups)
        self.init(selling: try c.decodeRegexIfPresent(forKey: .selling),
                  signals: groups.compactMap { group in group.regex.map { (group.group, $0) } },
                  minSignals: try c.decode(Int.self, forKey: .minSignals),
                  weights: try c.decodeIfPresent([String: Int].self, forKey: .weights) ?? [:],
                  rules: try c.decode([String].self, forKey: .rules),
                  suffix: try c.decode(String.self, forKey: .suffix))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeRegexIfPresent(selling, forKey: .selling)
        try c.encode(signals.map { Group(group: $0.group, regex: $0.regex) }, forKey: .groups)
        try c.encode(minSignals, forKey: .minSignals)
        if !weights.isEmpty { try c.encode(weights, forKey: .weights) }
        try c.encode(rules, forKey: .rules)
        try c.encode(suffix, forKey: .suffix)
    }
}

extension ChannelDefinition: Codable {
    enum CodingKeys: String, CodingKey { case id, name, signals, isDefault }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(id: try c.decode(Channel.self, forKey: .id), name: try c.decode(String.self, forKey: .name),
                  signals: try c.decodeRegexIfPresent(forKey: .signals), isDefault: try c.decode(Bool.self, forKey: .isDefault))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encodeRegexIfPresent(signals, forKey: .signals)
        try c.encode(isDefault, forKey: .isDefault)
    }
}

extension SectorDefinition: Codable {
    enum CodingKeys: String, CodingKey { case id, name, strongSignals, weakSignals, aliases, claimsLaw, decisiveSignals, outranks }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(id: try c.decode(Sector.self, forKey: .id), name: try c.decode(String.self, forKey: .name),
                  strongSignals: try c.decodeRegexIfPresent(forKey: .strongSignals),
                  weakSignals: try c.decodeRegexIfPresent(forKey: .weakSignals),
                  aliases: try c.decodeIfPresent([String].self, forKey: .aliases) ?? [],
                  claimsLaw: try c.decodeIfPresent(String.self, forKey: .claimsLaw),
                  decisiveSignals: try c.decodeRegexIfPresent(forKey: .decisiveSignals),
                  outranks: try c.decodeIfPresent([Sector].self, forKey: .outranks) ?? [])
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encodeRegexIfPresent(strongSignals, forKey: .strongSignals)
        try c.encodeRegexIfPresent(weakSignals, forKey: .weakSignals)
        try c.encode(aliases, forKey: .aliases)
        try c.encodeIfPresent(claimsLaw, forKey: .claimsLaw)
        try c.encodeRegexIfPresent(decisiveSignals, forKey: .decisiveSignals)
        if !outranks.isEmpty { try c.encode(outranks, forKey: .outranks) }
    }
}

extension RuleSet {
    /// What every rule cites, written as a list in rule-id order: a dictionary with
    /// non-string keys would be encoded in hash order, and the cache must give the same
    /// bytes every time.
    public struct Citations: Codable, Sendable {
        public var byRule: [RuleID: [CitedProvisions]]

        public init(byRule: [RuleID: [CitedProvisions]]) { self.byRule = byRule }

        private struct Item: Codable {
            var rule: RuleID
            var cites: [CitedProvisions]
        }

        public init(from decoder: any Decoder) throws {
            byRule = [:]
            for item in try [Item](from: decoder) { byRule[item.rule] = item.cites }
        }

        public func encode(to encoder: any Encoder) throws {
            try byRule.keys.sorted().map { Item(rule: $0, cites: byRule[$0] ?? []) }.encode(to: encoder)
        }
    }
}
