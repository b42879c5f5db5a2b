/// Everything loaded from the rule folders: compiled rules, the sector catalogue, the
/// law registry and the lexicon names.
public struct RuleSet: Sendable {
    public var rules: [Rule]
    public var sectors: SectorCatalog
    /// The law registry (`adlaw laws`, compiling a single rule): a check does not read it.
    public var laws: [LawEntry] {
        get { lawsPart.value }
        set { lawsPart = GivenPart(value: newValue) }
    }
    /// Lexicon name -> its file, description and term count (for `rules show`).
    public var lexicons: [String: LexiconInfo] {
        get { lexiconsPart.value }
        set { lexiconsPart = GivenPart(value: newValue) }
    }
    /// Rule folders loaded, in order.
    public var roots: [String]
    /// The rule pack's version (`Rules/VERSION`; the last folder that has one wins).
    public var version: String?
    /// When safe-harbour phrases are negated (`Rules/lexicons/polarity.yaml`); nil: never.
    public var polarity: Polarity?
    /// The day the citations were resolved for (nil: the newest text in force).
    public var lawsAsOf: CalendarDate?
    /// Rules left out because no law they cite was in force on `lawsAsOf`.
    public var inactiveRules: [InactiveRule]
    /// What every rule (inactive ones too) cites, as written, by current provision numbers.
    public var citations: [RuleID: [CitedProvisions]] {
        get { citationsPart.value }
        set { citationsPart = GivenPart(value: newValue) }
    }
    /// Where `laws`, `lexicons` and `citations` come from: the values themselves, or the
    /// rule-set cache's sections, decoded when first read (a check never reads them).
    public var lawsPart: any DeferredPart<[LawEntry]>
    public var lexiconsPart: any DeferredPart<[String: LexiconInfo]>
    public var citationsPart: any DeferredPart<[RuleID: [CitedProvisions]]> = GivenPart(value: [:])

    public init(rules: [Rule], sectors: SectorCatalog, laws: [LawEntry],
                lexicons: [String: LexiconInfo], roots: [String], version: String? = nil, polarity: Polarity? = nil,
                lawsAsOf: CalendarDate? = nil, inactiveRules: [InactiveRule] = []) {
        self.rules = rules
        self.sectors = sectors
        lawsPart = GivenPart(value: laws)
        lexiconsPart = GivenPart(value: lexicons)
        self.roots = roots
        self.version = version
        self.polarity = polarity
        self.lawsAsOf = lawsAsOf
        self.inactiveRules = inactiveRules
    }

    /// The registry and fact tables, by pcode.
    public var lawTable: LawTable { LawTable(laws) }

    public func rule(_ id: RuleID) -> Rule? { rules.first { $0.id == id } }

    /// A copy holding only the rules that pass `isIncluded`.
    public func filtered(_ isIncluded: (Rule) -> Bool) -> RuleSet {
        var copy = self
        copy.rules = rules.filter(isIncluded)
        return copy
    }
}

/// A part of a rule set that a run may never read: given whole (`GivenPart`), or read from
/// the rule-set cache when first used.
public protocol DeferredPart<Value>: Sendable {
    associatedtype Value: Sendable
    var value: Value { get }
}

/// A part of a rule set given whole.
public struct GivenPart<Value: Sendable>: DeferredPart {
    public let value: Value

    public init(value: Value) { self.value = value }
}

/// A named shared term list (`Rules/lexicons/<name>.yaml`), or a named grammar: a list of
/// regex patterns built from other lexicons (`patterns:`), shared by every rule that
/// writes `{{name}}`.
public struct LexiconInfo: Sendable, Hashable, Codable {
    public var name: String
    public var description: String
    public var source: String?
    public var file: String
    /// The terms after including other lexicons and normalizing (empty for a grammar).
    public var terms: [String]
    /// A grammar's patterns, folded like text and with every `{{name}}` expanded (empty
    /// for a term list).
    public var patterns: [String]

    public init(name: String, description: String, source: String?, file: String, terms: [String],
                patterns: [String] = []) {
        self.name = name
        self.description = description
        self.source = source
        self.file = file
        self.terms = terms
        self.patterns = patterns
    }

    /// Whether this is a grammar (`patterns:`) rather than a term list.
    public var isGrammar: Bool { !patterns.isEmpty }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(name: try c.decode(String.self, forKey: .name), description: try c.decode(String.self, forKey: .description),
                  source: try c.decodeIfPresent(String.self, forKey: .source), file: try c.decode(String.self, forKey: .file),
                  terms: try c.decode([String].self, forKey: .terms),
                  patterns: try c.decodeIfPresent([String].self, forKey: .patterns) ?? [])
    }
}

/// The sectors rules may name, and the words that suggest a document belongs to one.
public struct SectorCatalog: Sendable {
    public var definitions: [SectorDefinition]
    /// The sales channels rules may name (`channels:` in `sectors.yaml`).
    public var channels: [ChannelDefinition]
    /// When copy is read as an article, not an ad (`article:` in `sectors.yaml`).
    public var article: ArticleDefinition?

    public init(definitions: [SectorDefinition], channels: [ChannelDefinition] = []) {
        self.definitions = definitions
        self.channels = channels
    }

    public static let empty = SectorCatalog(definitions: [])

    public func isKnown(_ sector: Sector) -> Bool {
        sector == .all || definitions.contains { $0.id == sector }
    }

    public func isKnown(_ channel: Channel) -> Bool { channels.contains { $0.id == channel } }

    /// The channel assumed when a document says nothing about how it is sold.
    public var defaultChannels: [Channel] { channels.filter(\.isDefault).map(\.id) }

    public func definition(_ sector: Sector) -> SectorDefinition? { definitions.first { $0.id == sector } }

    /// The sector a person means by `written`: its id (any case, full-width forms folded),
    /// its name (`食品`) or one of its aliases (`化妝品`, `醫療`, `金融`). nil: no sector (and
    /// `all`, which rules name but documents cannot be checked as).
    public func resolve(_ written: String) -> Sector? {
        let key = Self.key(written)
        guard !key.isEmpty else { return nil }
        if Self.noneNames.contains(key) { return Sector.none }
        return definitions.first { definition in
            Self.key(definition.id.rawValue) == key || definition.allNames.contains { Self.key($0) == key }
        }?.id
    }

    /// "did you mean" for a sector nobody defined: the nearest id, name or alias.
    public func suggestion(for written: String) -> Sector? {
        var names: [String: Sector] = [:]
        for definition in definitions {
            names[definition.id.rawValue] = definition.id
            for name in definition.allNames { names[Self.key(name)] = definition.id }
        }
        return EditDistance.closest(to: Self.key(written), in: Array(names.keys)).flatMap { names[$0] }
    }

    /// The sector ids and their names, for messages: `food（食品）, cosmetics（化粧品）, …`.
    public var listing: String {
        (definitions.map { "\($0.id)（\($0.name)）" } + ["none（無受管制商品）"]).joined(separator: ", ")
    }

    /// An unknown sector explained: what was written, the nearest sector, and the list.
    public func unknownSectorMessage(_ written: String, in place: String) -> String {
        var message = "unknown sector `\(written)` \(place)"
        if let near = suggestion(for: written) {
            message += "; did you mean `\(near)`\(definition(near).map { "（\($0.name)）" } ?? "")?"
        } else {
            message += "."
        }
        return message + " Sectors: \(listing)"
    }

    /// What `Sector.none` may be written as.
    static let noneNames: Set<String> = ["none", "無"]

    static func key(_ text: String) -> String {
        TextNormalizer(variants: [("妝", "粧")]).normalizeLiteral(text).trimmingDirectiveSpace().lowercased()
    }
}

/// One sector: its name and the signal words used to infer it.
public struct SectorDefinition: Sendable {
    public var id: Sector
    public var name: String
    /// One distinct match is enough to infer the sector.
    public var strongSignals: (any CompiledRegex)?
    /// Two distinct matches are needed.
    public var weakSignals: (any CompiledRegex)?

    /// Other names people write for it in front matter, `--sector` and `.adlaw.yml`
    /// (`化妝品`, `醫療`); the name itself always counts.
    public var aliases: [String]
    /// The sector's law for a claim every product is barred from (`claims-law:`), named in a
    /// note when a cross-sector claim finding stands on a document of the sector because no
    /// rule of the sector reported it (docs/rules.md "Claims first").
    public var claimsLaw: String?
    /// `decisive:` signals that the copy is this sector's own product (a licence number, a
    /// label's fixed wording, a pet product named): one is enough to infer the sector, and
    /// they decide over the sectors in `outranks`.
    public var decisiveSignals: (any CompiledRegex)?
    /// `outranks:` sectors not inferred where a `decisive` signal of this sector matches,
    /// unless a decisive signal of their own does too: their signal words are this sector's
    /// wording as well (a drug's B群 and 醫療級, a pet supplement's 魚油), and their rules
    /// would misread its copy. The note names them and says their rules did not run.
    public var outranks: [Sector]

    public init(id: Sector, name: String, strongSignals: (any CompiledRegex)?, weakSignals: (any CompiledRegex)?,
                aliases: [String] = [], claimsLaw: String? = nil,
                decisiveSignals: (any CompiledRegex)? = nil, outranks: [Sector] = []) {
        self.id = id
        self.name = name
        self.strongSignals = strongSignals
        self.weakSignals = weakSignals
        self.aliases = aliases
        self.claimsLaw = claimsLaw
        self.decisiveSignals = decisiveSignals
        self.outranks = outranks
    }

    /// The name and the aliases.
    public var allNames: [String] { [name] + aliases }

    /// The sector's signal patterns, in the order the prefilter and the inference search
    /// them: strong, weak, decisive.
    public var signals: [any CompiledRegex] { [strongSignals, weakSignals, decisiveSignals].compactMap { $0 } }
}
