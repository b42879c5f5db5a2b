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
