import LintCore

/// `.adlaw.yml` as written: what to check and how strictly, for one repository or folder.
/// Relative paths and globs in it are relative to the folder holding the file.
public struct AdlawConfig: Sendable {
    /// The config file (as found or given).
    public var file: String
    /// The folder holding it: the base of its relative paths and globs.
    public var directory: String
    public var version: Int

    public var ruleFolders: [Positioned<String>] = []
    /// `nil`: not set (the built-in pack is loaded).
    public var builtinRules: Bool?
    public var only: [Positioned<String>] = []
    public var disable: [Positioned<String>] = []
    public var severityOverrides: [SeverityOverride] = []
    public var sectorMappings: [SectorMapping] = []
    /// How the copy of this repository is sold (`channel: store` or `[online, store]`), used
    /// when a file's front matter says nothing; empty: the copy decides, else online.
    public var channels: [Positioned<String>] = []
    /// Who publishes the copy of this repository (`publisher: government`), used when a
    /// file's front matter says nothing; nil: a private publisher.
    public var publisher: Publisher?
    /// Whether the copy of this repository sells (`kind: ad`) or informs (`kind: article`);
    /// nil: decided per document from the copy.
    public var kind: DocumentKind?
    public var exclude: [Positioned<String>] = []
    public var failOn: FailThreshold?
    public var minSeverity: Severity?
    public var baseline: Positioned<String>?
    public var claims: [ClaimEntry] = []

    public init(file: String, directory: String, version: Int = 1) {
        self.file = file
        self.directory = directory
        self.version = version
    }

    /// A rule's severity changed for this repository (`rules.severity`).
    public struct SeverityOverride: Sendable {
        public var rule: Positioned<String>
        public var severity: Severity
    }

    /// Sectors of the copy under some paths (`sectors:`), used when a file declares none.
    public struct SectorMapping: Sendable {
        public var paths: [Positioned<String>]
        public var sectors: [Positioned<String>]
    }

    /// A claim as written, with the positions of the parts later checks may reject.
    public struct ClaimEntry: Sendable {
        public var claim: SubstantiatedClaim
        public var line: Int
        public var column: Int
        public var rules: [Positioned<String>]
        public var pattern: Positioned<String>?
    }
}
