/// The outcome of analysing one pattern.
public struct LiteralRequirementResult: Sendable, Hashable {
    public var requirement: LiteralRequirement?
    public var failure: LiteralAnalysisFailure?

    public init(requirement: LiteralRequirement?, failure: LiteralAnalysisFailure?) {
        self.requirement = requirement
        self.failure = failure
    }

    init(_ result: Result<LiteralRequirement, LiteralAnalysisFailure>) {
        switch result {
        case let .success(r): requirement = r
        case let .failure(f): failure = f
        }
    }
}
