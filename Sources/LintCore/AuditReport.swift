/// A campaign audit for legal review: verdicts, every finding with its law, the
/// campaign-plan checklists, and what could not be read.
public struct AuditReport: Sendable {
    public var title: String
    /// When the audit ran (ISO 8601), shown on the report.
    public var generatedAt: String
    public var toolVersion: String
    public var rulePackVersion: String?
    public var rulesLoaded: Int
    public var verdict: Verdict
    public var files: [AuditFile]
    /// Every finding, in the stable order.
    public var findings: [Finding]
    public var checklists: [ChecklistResult]
    /// Rule metadata for each rule that produced a finding or a checklist.
    public var rules: [RuleID: RuleDescriptor]
    /// Files that could not be read (and so were not checked).
    public var unreadable: [Diagnostic]
    /// Findings that do not count: suppressed with a reason, substantiated by an approved
    /// claim, or accepted in the baseline. Listed so nothing is silenced without a trace.
    public var waived: [WaivedFinding] = []
    /// Every suppression directive seen, with what it did.
    public var suppressions: [SuppressionRecord] = []
    /// Every configured claim, with its matches and expiry.
    public var claims: [ClaimRecord] = []
    /// Open findings on claims whose approval has expired.
    public var expiredClaims: [ExpiredClaimMatch] = []
    /// The day the copy was checked against: citations and penalties are those of the law
    /// in force that day (nil: the newest text in force).
    public var lawsAsOf: CalendarDate?
    /// Rules not run because no provision they cite was in force that day.
    public var inactiveRules: [InactiveRule] = []
    /// Findings among `findings` that only the baseline accepted: they count, shown as
    /// known, not approved (a baseline has no reason and no approver).
    public var known: Set<Finding> = []
    /// Every input the run left out, and why (the coverage section).
    public var skipped: [SkippedInput] = []
    /// Whether the rule pack has rules for some sectors only (then a file whose sector is
    /// unknown was not fully checked).
    public var sectorRulesExist = false
    /// Sector names for the report (`food` → 食品).
    public var sectorNames: [Sector: String] = [:]

    public init(title: String, generatedAt: String, toolVersion: String, rulePackVersion: String?, rulesLoaded: Int,
                verdict: Verdict, files: [AuditFile], findings: [Finding], checklists: [ChecklistResult],
                rules: [RuleID: RuleDescriptor], unreadable: [Diagnostic]) {
        self.title = title
        self.generatedAt = generatedAt
        self.toolVersion = toolVersion
        self.rulePackVersion = rulePackVersion
        self.rulesLoaded = rulesLoaded
        self.verdict = verdict
        self.files = files
        self.findings = findings
        self.checklists = checklists
        self.rules = rules
        self.unreadable = unreadable
    }

    public func count(_ severity: Severity) -> Int { findings.filter { $0.severity == severity }.count }
}

/// Whether a file or a campaign may go out.
public enum VerdictLevel: String, Sendable, Hashable, CaseIterable, Comparable {
    case publish
    case needsReview = "needs-review"
    case block

    private var rank: Int { self == .publish ? 0 : self == .needsReview ? 1 : 2 }
    public static func < (lhs: VerdictLevel, rhs: VerdictLevel) -> Bool { lhs.rank < rhs.rank }

    /// The label legal reviewers read.
    public var label: String {
        switch self {
        case .publish: "可刊登"
        case .needsReview: "需法務審閱"
        case .block: "不得刊登"
        }
    }
}

/// A verdict and the rule (if any) that decided it.
public struct Verdict: Sendable, Hashable {
    public var level: VerdictLevel
    public var ruleID: RuleID?
    /// Why, in the reviewer's language.
    public var reason: String

    public init(level: VerdictLevel, ruleID: RuleID?, reason: String) {
        self.level = level
        self.ruleID = ruleID
        self.reason = reason
    }
}

/// One file of the campaign.
public struct AuditFile: Sendable, Hashable {
    public var path: String
    public var format: String
    public var sectors: [Sector]
    public var sectorSource: String
    public var verdict: Verdict
    public var findingCount: Int
    public var readable: Bool
    /// How the copy is sold, and why adlaw thinks so (`assumed` when the copy said nothing).
    public var channels: [Channel] = []
    public var channelSource: String = "assumed"
    /// Findings of the file that only the baseline accepted.
    public var knownCount = 0
    /// No sector was decided although sector rules exist: those rules did not run.
    public var sectorUnknown = false
    /// Health-claim findings reported at `info` because the copy was read as an article
    /// (health education, news), not an ad; 0 when it was read as an ad.
    public var readAsArticle = 0

    public init(path: String, format: String, sectors: [Sector], sectorSource: String, verdict: Verdict,
                findingCount: Int, readable: Bool) {
        self.path = path
        self.format = format
        self.sectors = sectors
        self.sectorSource = sectorSource
        self.verdict = verdict
        self.findingCount = findingCount
        self.readable = readable
    }
}
