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
