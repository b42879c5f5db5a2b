import Foundation

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

/// Kept in the rule-set cache beside each searched pattern, so a run does not analyse the
/// patterns again: `l` the literals (base64 bytes), `b` each literal's bound (-1: none),
/// `s` the stripped view, or `f` why there is no requirement.
extension LiteralRequirementResult: Codable {
    enum CodingKeys: String, CodingKey { case literals = "l", bounds = "b", stripped = "s", failure = "f" }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if let reason = try c.decodeIfPresent(String.self, forKey: .failure) {
            self.init(requirement: nil, failure: LiteralAnalysisFailure(reason: reason))
            return
        }
        let literals = try c.decode([Data].self, forKey: .literals).map { Array($0) }
        let bounds = try c.decode([Int].self, forKey: .bounds)
        guard !literals.isEmpty, literals.count == bounds.count, !literals.contains(where: \.isEmpty), bounds.allSatisfy({ $0 >= -1 }) else {
            throw DecodingError.dataCorruptedError(forKey: .literals, in: c, debugDescription: "literals and bounds do not fit together")
        }
        let each = bounds.map { $0 < 0 ? nil : $0 }
        // The weakest bound holds for the whole requirement (nil when any is unbounded).
        let worst = each.contains(nil) ? nil : each.compactMap { $0 }.max()
        let view: LiteralRequirement.View = try c.decodeIfPresent(Bool.self, forKey: .stripped) == true ? .stripped : .raw
        self.init(requirement: LiteralRequirement(literals: literals, maxBefore: worst, literalMaxBefore: each, view: view), failure: nil)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        guard let requirement else {
            try c.encode(failure?.reason ?? "", forKey: .failure)
            return
        }
        try c.encode(requirement.literals.map { Data($0) }, forKey: .literals)
        try c.encode(requirement.literalMaxBefore.map { $0 ?? -1 }, forKey: .bounds)
        if requirement.view == .stripped { try c.encode(true, forKey: .stripped) }
    }
}
