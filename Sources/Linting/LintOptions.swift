import LintCore

/// Per-run choices that change what a document is checked for.
public struct LintOptions: Sendable {
    /// Sectors forced by `--sector`; they win over front matter and inference.
    public var sectors: [Sector]
    /// Infer sectors from the copy when none are declared.
    public var inferSectors: Bool
    /// Run `checklist` rules (campaign-plan obligations). `adlaw audit` does; `adlaw check`
    /// only with `--checklists`.
    public var includeChecklists: Bool

    /// Which rules are reported.
    public var filter: RuleFilter

    /// Sectors the config gives the document's path (`sectors:` in `.adlaw.yml`); used when
    /// the document declares none in its front matter.
    public var pathSectors: [Sector]

    /// Channels forced by `--channel`; they win over front matter, config and the copy.
    public var channels: [Channel] = []
    /// The channel `.adlaw.yml` gives (`channel:`); used when the front matter says none.
    public var configChannels: [Channel] = []
    /// Who publishes the copy (`--publisher`); wins over front matter and config.
    public var publisher: Publisher?
    /// The publisher `.adlaw.yml` gives (`publisher:`); used when the front matter says none.
    public var configPublisher: Publisher?
    /// Whether the copy is an ad or an article (`--kind`); wins over front matter and config.
    public var kind: DocumentKind?
    /// The kind `.adlaw.yml` gives (`kind:`); used when the front matter says none.
    public var configKind: DocumentKind?
    /// A plain text larger than twice this many bytes is checked in pieces of about this
    /// size, cut after a line end (`PieceChecker`): the same findings in bounded memory.
    /// Zero checks every text whole.
    public var pieceSize = 4 << 20
    /// The text searched beyond a piece's own on either side (at least eight times the
    /// longest exception window, plus 4 KiB).
    public var pieceMargin = 64 << 10

    public init(sectors: [Sector] = [], inferSectors: Bool = true, includeChecklists: Bool = false,
                filter: RuleFilter = .all, pathSectors: [Sector] = []) {
        self.sectors = sectors
        self.inferSectors = inferSectors
        self.includeChecklists = includeChecklists
        self.filter = filter
        self.pathSectors = pathSectors
    }
}

/// Which sectors a document was checked for, and why.
public struct SectorDecision: Sendable, Hashable {
    public enum Source: String, Sendable, Hashable, Codable {
        /// `--sector` on the command line.
        case option
        /// The document's front matter.
        case frontMatter = "front-matter"
        /// `sectors:` globs in `.adlaw.yml`.
        case config
        /// Inferred from what the copy sells.
        case inferred
        /// None: only rules for all sectors ran.
        case none
    }

    public var sectors: [Sector]
    public var source: Source
    /// For inferred sectors: the words that suggested each.
    public var evidence: [Sector: [String]]

    public init(sectors: [Sector], source: Source, evidence: [Sector: [String]] = [:]) {
        self.sectors = sectors
        self.source = source
        self.evidence = evidence
    }
}

/// What linting one document produced.
public struct DocumentResult: Sendable {
    public var path: String
    public var format: String
    public var findings: [Finding]
    public var diagnostics: [Diagnostic]
    public var sectors: SectorDecision
    /// How the copy is sold, and why adlaw thinks so.
    public var channels: ChannelDecision
    /// Campaign elements found in the document and the status of their obligations.
    public var checklists: [ChecklistResult]
    /// Who the document was checked as published by, and why.
    public var publisher: PublisherDecision = .assumed
    /// Whether the document was read as an ad or an article, and why.
    public var kind: DocumentKindDecision = .assumedAd

    public init(path: String, format: String, findings: [Finding], diagnostics: [Diagnostic], sectors: SectorDecision,
                channels: ChannelDecision = .unrestricted, checklists: [ChecklistResult] = []) {
        self.path = path
        self.format = format
        self.findings = findings
        self.diagnostics = diagnostics
        self.sectors = sectors
        self.channels = channels
        self.checklists = checklists
    }
}
