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
