/// What reporters and `adlaw explain` need to know about a rule, without its matcher:
/// the title, the rationale, the citations and what to write instead. Built-in checks that
/// are not pattern rules (suppression hygiene) are described the same way.
public struct RuleDescriptor: Sendable, Hashable {
    public var id: RuleID
    public var name: String
    /// The severity findings of this rule are reported with (after any config override).
    public var severity: Severity
    public var rationale: String
    public var references: [LegalReference]
    public var suggestion: String?
    public var tags: [String]
    public var sectors: [Sector]

    public init(id: RuleID, name: String, severity: Severity, rationale: String, references: [LegalReference],
                suggestion: String?, tags: [String] = [], sectors: [Sector] = [.all]) {
        self.id = id
        self.name = name
        self.severity = severity
        self.rationale = rationale
        self.references = references
        self.suggestion = suggestion
        self.tags = tags
        self.sectors = sectors
    }

    /// A link to read more: the first citation that has one.
    public var helpURL: String? { references.lazy.compactMap(\.url).first }
}

extension Rule {
    /// The rule without its matcher, for reports.
    public var descriptor: RuleDescriptor {
        RuleDescriptor(id: id, name: name, severity: severity, rationale: rationale, references: references,
                       suggestion: suggestion, tags: tags, sectors: sectors)
    }
}
