/// What reporters and `adlaw explain` need to know about a rule, without its matcher:
/// the title, the rationale, the citations and what to write instead. Built-in checks that
/// are not pattern rules (suppression hygiene) are described the same way.
public struct RuleDescriptor: Sendable, Hashable {
    public var id: RuleID
    public var name: String
    /// The severity findings of this rule are reported with (after any config override).
    public var severity: Severity
    public var rationale: String {
        get { detailsSource.details.rationale }
        set { detailsSource = RuleDetails(rationale: newValue, references: references) }
    }
    public var references: [LegalReference] {
        get { detailsSource.details.references }
        set { detailsSource = RuleDetails(rationale: rationale, references: newValue) }
    }
    /// Where `rationale` and `references` come from: the rule's (`Rule.detailsSource`), so a
    /// run that describes every rule it selects decodes a cached rule's only when a report
    /// reads them.
    public var detailsSource: any RuleDetailsSource
    public var suggestion: String?
    public var tags: [String]
    public var sectors: [Sector]

    public init(id: RuleID, name: String, severity: Severity, rationale: String, references: [LegalReference],
                suggestion: String?, tags: [String] = [], sectors: [Sector] = [.all]) {
        self.init(id: id, name: name, severity: severity, detailsSource: RuleDetails(rationale: rationale, references: references),
                  suggestion: suggestion, tags: tags, sectors: sectors)
    }

    public init(id: RuleID, name: String, severity: Severity, detailsSource: any RuleDetailsSource,
                suggestion: String?, tags: [String] = [], sectors: [Sector] = [.all]) {
        self.id = id
        self.name = name
        self.severity = severity
        self.detailsSource = detailsSource
        self.suggestion = suggestion
        self.tags = tags
        self.sectors = sectors
    }

    public static func == (a: RuleDescriptor, b: RuleDescriptor) -> Bool {
        a.id == b.id && a.name == b.name && a.severity == b.severity && a.suggestion == b.suggestion && a.tags == b.tags
            && a.sectors == b.sectors && a.detailsSource.details == b.detailsSource.details
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(name)
        hasher.combine(severity)
        hasher.combine(suggestion)
        hasher.combine(tags)
        hasher.combine(sectors)
        hasher.combine(detailsSource.details)
    }

    /// A link to read more: the first citation that has one.
    public var helpURL: String? { references.lazy.compactMap(\.url).first }
}

extension Rule {
    /// The rule without its matcher, for reports.
    public var descriptor: RuleDescriptor {
        RuleDescriptor(id: id, name: name, severity: severity, detailsSource: detailsSource,
                       suggestion: suggestion, tags: tags, sectors: sectors)
    }
}
