/// A claim legal has approved with evidence (`claims:` in `.adlaw.yml`): findings on it
/// are shown as substantiated and do not fail the run until the claim expires.
public struct SubstantiatedClaim: Sendable, Hashable {
    /// A short name for reports and audits (the text, when the config gives no id).
    public var id: String
    /// The approved wording, matched as a literal phrase (normalized like rule terms)...
    public var text: String?
    /// ...or a PCRE2 pattern for wordings with variable parts.
    public var pattern: String?
    /// Rule selectors (ids, areas, globs) the claim answers; empty: any rule.
    public var rules: [String]
    /// Path globs (relative to the config file) the claim is approved for; empty: anywhere.
    public var paths: [String]
    /// What substantiates it: a survey, a test report, a permit number.
    public var evidence: String
    public var approvedBy: String
    public var approvedOn: CalendarDate?
    /// The last day the approval holds.
    public var expires: CalendarDate
    /// Where the claim is written in the config.
    public var origin: SourceOrigin

    public init(id: String, text: String?, pattern: String?, rules: [String], paths: [String], evidence: String,
                approvedBy: String, approvedOn: CalendarDate?, expires: CalendarDate, origin: SourceOrigin) {
        self.id = id
        self.text = text
        self.pattern = pattern
        self.rules = rules
        self.paths = paths
        self.evidence = evidence
        self.approvedBy = approvedBy
        self.approvedOn = approvedOn
        self.expires = expires
        self.origin = origin
    }

    public func isExpired(on today: CalendarDate) -> Bool { today > expires }
}
