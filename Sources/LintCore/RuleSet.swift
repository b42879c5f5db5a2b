/// Everything loaded from the rule folders: compiled rules, the sector catalogue, the
/// law registry and the lexicon names.
public struct RuleSet: Sendable {
    public var rules: [Rule]
    public var sectors: SectorCatalog
    public var laws: [LawEntry]
    /// Lexicon name -> its file, description and term count (for `rules show`).
    public var lexicons: [String: LexiconInfo]
    /// Rule folders loaded, in order.
    public var roots: [String]
    /// The rule pack's version (`Rules/VERSION`; the last folder that has one wins).
    public var version: String?

    public init(rules: [Rule], sectors: SectorCatalog, laws: [LawEntry],
                lexicons: [String: LexiconInfo], roots: [String], version: String? = nil) {
        self.rules = rules
        self.sectors = sectors
        self.laws = laws
        self.lexicons = lexicons
        self.roots = roots
        self.version = version
    }

    public func rule(_ id: RuleID) -> Rule? { rules.first { $0.id == id } }

    /// A copy holding only the rules that pass `isIncluded`.
    public func filtered(_ isIncluded: (Rule) -> Bool) -> RuleSet {
        var copy = self
        copy.rules = rules.filter(isIncluded)
        return copy
    }
}

/// A law in the registry (`Rules/laws.yaml`). Rules may cite only registered laws in force.
public struct LawEntry: Sendable, Hashable, Codable {
    public enum Status: String, Sendable, Hashable, Codable { case inForce = "in-force", repealed }

    public var pcode: String
    public var name: String
    public var status: Status
    public var repealedOn: String?
    public var replacedBy: [String]
    public var url: String?

    public init(pcode: String, name: String, status: Status, repealedOn: String? = nil,
                replacedBy: [String] = [], url: String? = nil) {
        self.pcode = pcode
        self.name = name
        self.status = status
        self.repealedOn = repealedOn
        self.replacedBy = replacedBy
        self.url = url
    }
}

/// A named shared term list (`Rules/lexicons/<name>.yaml`).
public struct LexiconInfo: Sendable, Hashable, Codable {
    public var name: String
    public var description: String
    public var source: String?
    public var file: String
    /// The terms after including other lexicons and normalizing.
    public var terms: [String]

    public init(name: String, description: String, source: String?, file: String, terms: [String]) {
        self.name = name
        self.description = description
        self.source = source
        self.file = file
        self.terms = terms
    }
}

/// The sectors rules may name, and the words that suggest a document belongs to one.
public struct SectorCatalog: Sendable {
    public var definitions: [SectorDefinition]

    public init(definitions: [SectorDefinition]) { self.definitions = definitions }

    public static let empty = SectorCatalog(definitions: [])

    public func isKnown(_ sector: Sector) -> Bool {
        sector == .all || definitions.contains { $0.id == sector }
    }

    public func definition(_ sector: Sector) -> SectorDefinition? { definitions.first { $0.id == sector } }
}

/// One sector: its name and the signal words used to infer it.
public struct SectorDefinition: Sendable {
    public var id: Sector
    public var name: String
    /// One distinct match is enough to infer the sector.
    public var strongSignals: (any CompiledRegex)?
    /// Two distinct matches are needed.
    public var weakSignals: (any CompiledRegex)?

    public init(id: Sector, name: String, strongSignals: (any CompiledRegex)?, weakSignals: (any CompiledRegex)?) {
        self.id = id
        self.name = name
        self.strongSignals = strongSignals
        self.weakSignals = weakSignals
    }
}
