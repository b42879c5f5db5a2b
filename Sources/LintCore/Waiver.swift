/// Why a finding does not count against the run, though it is still reported.
public enum Waiver: Sendable, Hashable {
    /// An `adlaw-disable…` directive with its reason.
    case suppressed(SuppressionDirective)
    /// A claim approved in the config, with its evidence, not yet expired.
    case substantiated(SubstantiatedClaim)
    /// Listed in the baseline file: a finding accepted before, not a new one.
    case baselined(file: String)
}

/// A finding with the reason it does not fail the run.
public struct WaivedFinding: Sendable, Hashable {
    public var finding: Finding
    public var waiver: Waiver

    public init(finding: Finding, waiver: Waiver) {
        self.finding = finding
        self.waiver = waiver
    }
}

/// A suppression directive and what it did, for the listing in every report.
public struct SuppressionRecord: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable {
        /// It suppressed at least one finding.
        case applied
        /// It is valid but suppressed nothing (reported as `adlaw.suppression-unused`).
        case unused
        /// It could not take effect (no reason, no rule, unknown rule, unclosed block ...).
        case rejected
        /// It suppressed nothing, and its rules did not run (`--only`, `disable:`).
        case idle
    }

    public var directive: SuppressionDirective
    public var status: Status
    public var suppressed: Int
    /// Why it was rejected, in words.
    public var problem: String?

    public init(directive: SuppressionDirective, status: Status, suppressed: Int, problem: String? = nil) {
        self.directive = directive
        self.status = status
        self.suppressed = suppressed
        self.problem = problem
    }
}

/// A configured claim and what it matched in this run.
public struct ClaimRecord: Sendable, Hashable {
    public var claim: SubstantiatedClaim
    /// Findings it substantiated (while valid) or would have (after expiry).
    public var matches: Int
    public var expired: Bool
    /// Days until it expires (negative: days since).
    public var daysLeft: Int

    public init(claim: SubstantiatedClaim, matches: Int, expired: Bool, daysLeft: Int) {
        self.claim = claim
        self.matches = matches
        self.expired = expired
        self.daysLeft = daysLeft
    }
}

/// An open finding on a claim whose approval has expired: shown with the claim, and it
/// fails the run again.
public struct ExpiredClaimMatch: Sendable, Hashable {
    public var finding: Finding
    public var claim: SubstantiatedClaim

    public init(finding: Finding, claim: SubstantiatedClaim) {
        self.finding = finding
        self.claim = claim
    }
}

/// How the run compared with a baseline file.
public struct BaselineSummary: Sendable, Hashable {
    public var file: String
    /// Findings found in the baseline (not new).
    public var known: Int
    /// Findings not in the baseline: they count.
    public var new: Int
    /// Baseline entries with no finding any more (fixed, or their file was not checked).
    public var gone: Int

    public init(file: String, known: Int, new: Int, gone: Int) {
        self.file = file
        self.known = known
        self.new = new
        self.gone = gone
    }
}
