/// Everything one run produced, as reporters see it.
public struct LintReport: Sendable {
    public var toolName: String
    public var toolVersion: String
    public var files: [FileReport]
    /// All findings, in the stable order.
    public var findings: [Finding]
    public var diagnostics: [Diagnostic]
    public var rulesLoaded: Int
    /// Wall-clock seconds of the run; nil when timings are left out for byte-identical
    /// output (`--reproducible`, `ADLAW_REPRODUCIBLE=1`).
    public var durationSeconds: Double?
    /// The rules that ran, for formats that describe them (SARIF), sorted by id.
    public var rules: [RuleDescriptor]
    /// Findings that do not count: suppressed, substantiated by a claim, or in the baseline.
    public var waived: [WaivedFinding] = []
    /// Every suppression directive seen, with what it did.
    public var suppressions: [SuppressionRecord] = []
    /// Every configured claim, with its matches.
    public var claims: [ClaimRecord] = []
    /// Open findings on claims that have expired.
    public var expiredClaims: [ExpiredClaimMatch] = []
    /// Set when the run was compared with a baseline.
    public var baseline: BaselineSummary?

    public init(toolName: String = "adlaw", toolVersion: String, files: [FileReport], findings: [Finding],
                diagnostics: [Diagnostic], rulesLoaded: Int, durationSeconds: Double?, rules: [RuleDescriptor] = []) {
        self.toolName = toolName
        self.toolVersion = toolVersion
        self.files = files
        self.findings = findings
        self.diagnostics = diagnostics
        self.rulesLoaded = rulesLoaded
        self.durationSeconds = durationSeconds
        self.rules = rules
    }

    public func count(_ severity: Severity) -> Int { findings.filter { $0.severity == severity }.count }
}

/// One checked file: its format and the sectors it was checked for.
public struct FileReport: Sendable, Hashable {
    public var path: String
    public var format: String
    public var sectors: [Sector]
    /// `option`, `front-matter`, `inferred` or `none`.
    public var sectorSource: String
    /// For inferred sectors, the words that suggested each.
    public var inferredFrom: [Sector: [String]]
    public var findingCount: Int

    public init(path: String, format: String, sectors: [Sector], sectorSource: String,
                inferredFrom: [Sector: [String]], findingCount: Int) {
        self.path = path
        self.format = format
        self.sectors = sectors
        self.sectorSource = sectorSource
        self.inferredFrom = inferredFrom
        self.findingCount = findingCount
    }
}
