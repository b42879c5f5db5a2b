/// The kind of a diagnostic: a stable name for tests and machine readers (JSON `code`,
/// SARIF notification ids, JUnit error types). A closed set, so a misspelt code is a
/// compile error rather than a filter that silently matches nothing.
public enum DiagnosticCode: String, Sendable, Hashable, Codable, CaseIterable {
    // Reading a file (ExtractionError).
    case notFound = "not-found"
    case unreadable
    case tooLarge = "too-large"
    case binary
    case unsupportedEncoding = "unsupported-encoding"
    case unsupportedFormat = "unsupported-format"
    case malformed
    case limitExceeded = "limit-exceeded"
    /// Standard input was empty or absent: nothing was checked.
    case emptyInput = "empty-input"
    /// A symbolic link that leads out of the repository or the walked folder (not followed).
    case linkOutside = "link-outside"
    /// A walked file that is adlaw's own output (a report, an audit, a baseline): not copy.
    case adlawOutput = "adlaw-output"
    // Notes on a file that was read.
    case invalidUTF8 = "invalid-utf8"
    case encoding
    case frontMatter = "front-matter"
    case unterminatedQuote = "unterminated-quote"
    case approximateLocation = "approximate-location"
    case missingPart = "missing-part"
    /// An Office part listed more than once (read once).
    case repeatedPart = "repeated-part"
    case noText = "no-text"
    /// A property of a file that a rule needs could not be read (a PDF's tagging without pdfinfo).
    case notChecked = "not-checked"
    // Walking folders.
    case symlinkLoop = "symlink-loop"
    case brokenLink = "broken-link"
    case specialFile = "special-file"
    case skippedFiles = "skipped-files"
    /// Hidden files and folders (and Office lock files) left out of a walk or `--staged`.
    case hiddenFiles = "hidden-files"
    case ignoredFiles = "ignored-files"
    case excludedByConfig = "excluded-by-config"
    /// A `.adlaw.yml` found but not used (another user's, or linked out of the repository).
    case configIgnored = "config-ignored"
    // Linting.
    case sectorsInferred = "sectors-inferred"
    /// No sector could be decided: only the rules for every sector ran.
    case sectorsNone = "sectors-none"
    /// Rules that did not run because no provision they cite was in force on the day checked
    /// (`--as-of`): silence from them is not a clean result.
    case rulesNotInForce = "rules-not-in-force"
    case channelInferred = "channel-inferred"
    /// The copy was read as an article (health education, news), not an ad: its health
    /// claims were reported at `info`.
    case readAsArticle = "read-as-article"
    case unknownKind = "unknown-kind"
    case unknownChannel = "unknown-channel"
    case unknownSector = "unknown-sector"
    case unknownPublisher = "unknown-publisher"
    case matchLimit = "match-limit"
    /// A rule used up its CPU time on a document and stopped there.
    case timeLimit = "time-limit"
    /// A rule, or a file, reached the most findings reported; the rest were left out.
    case findingLimit = "finding-limit"
    // Triage.
    case claimExpiring = "claim-expiring"
    case claimExpired = "claim-expired"
    /// The config names a baseline that has not been written yet: every finding counts.
    case baselineMissing = "baseline-missing"

    /// Codes of inputs that could not be read at all (the run is incomplete).
    public var isReadFailure: Bool {
        switch self {
        case .notFound, .unreadable, .tooLarge, .binary, .unsupportedEncoding, .unsupportedFormat, .malformed, .limitExceeded, .emptyInput,
             .linkOutside: true
        default: false
        }
    }
}
