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
/// patterns again: `l` the literals as text (they end at character boundaries, so they are
/// UTF-8; `d`, base64 bytes, should one not be), `b` each literal's bound (-1: none), `s`
/// the stripped view, `t` the terms of a requirement by branch, or `f` why there is no
/// requirement. Text, not base64: decoding a base64 `Data` per literal was 7% of a small
/// run's start-up.
extension LiteralRequirementResult: Codable {
    enum CodingKeys: String, CodingKey { case literals = "l", bytes = "d", bounds = "b", stripped = "s", failure = "f", terms = "t" }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if let reason = try c.decodeIfPresent(String.self, forKey: .failure) {
            self.init(requirement: nil, failure: LiteralAnalysisFailure(reason: reason))
            return
        }
        let literals: [[UInt8]]
        if let text = try c.decodeIfPresent([String].self, forKey: .literals) {
            literals = text.map { Array($0.utf8) }
        } else {
            literals = try c.decode([Data].self, forKey: .bytes).map { Array($0) }
        }
        let bounds = try c.decode([Int].self, forKey: .bounds)
        guard !literals.isEmpty, literals.count == bounds.count, !literals.contains(where: \.isEmpty), bounds.allSatisfy({ $0 >= -1 }) else {
            throw DecodingError.dataCorruptedError(forKey: .literals, in: c, debugDescription: "literals and bounds do not fit together")
        }
        let each = bounds.map { $0 < 0 ? nil : $0 }
        // The weakest bound holds for the whole requirement (nil when any is unbounded).
        let worst = each.contains(nil) ? nil : each.compactMap { $0 }.max()
        let view: LiteralRequirement.View = try c.decodeIfPresent(Bool.self, forKey: .stripped) == true ? .stripped : .raw
        let terms = try c.decodeIfPresent([LiteralRequirement.Term].self, forKey: .terms) ?? []
        guard terms.allSatisfy({ $0.first.allSatisfy { literals.indices.contains($0) } }) else {
            throw DecodingError.dataCorruptedError(forKey: .terms, in: c, debugDescription: "a term names a literal that is not there")
        }
        self.init(requirement: LiteralRequirement(literals: literals, maxBefore: worst, literalMaxBefore: each, view: view, terms: terms),
                  failure: nil)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        guard let requirement else {
            try c.encode(failure?.reason ?? "", forKey: .failure)
            return
        }
        let text = requirement.literals.compactMap { String(validating: $0, as: UTF8.self) }
        if text.count == requirement.literals.count {
            try c.encode(text, forKey: .literals)
        } else {
            try c.encode(requirement.literals.map { Data($0) }, forKey: .bytes)
        }
        try c.encode(requirement.literalMaxBefore.map { $0 ?? -1 }, forKey: .bounds)
        if requirement.view == .stripped { try c.encode(true, forKey: .stripped) }
        if !requirement.terms.isEmpty { try c.encode(requirement.terms, forKey: .terms) }
    }
}

/// `f` the indices of the first literals and `g` their bounds, `s` the second literals as
/// text and `b` their bounds (-1: none).
extension LiteralRequirement.Term: Codable {
    enum CodingKeys: String, CodingKey { case first = "f", firstBounds = "g", second = "s", secondBounds = "b" }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let first = try c.decode([Int].self, forKey: .first), firstBounds = try c.decode([Int].self, forKey: .firstBounds)
        let second = try c.decode([String].self, forKey: .second).map { Array($0.utf8) }
        let secondBounds = try c.decode([Int].self, forKey: .secondBounds)
        guard !first.isEmpty, first.count == firstBounds.count, second.count == secondBounds.count,
              !second.contains(where: \.isEmpty), (firstBounds + secondBounds).allSatisfy({ $0 >= -1 }) else {
            throw DecodingError.dataCorruptedError(forKey: .first, in: c, debugDescription: "a term's literals and bounds do not fit together")
        }
        self.init(first: first, firstMaxBefore: firstBounds.map { $0 < 0 ? nil : $0 },
                  second: second, secondMaxBefore: secondBounds.map { $0 < 0 ? nil : $0 })
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(first, forKey: .first)
        try c.encode(firstMaxBefore.map { $0 ?? -1 }, forKey: .firstBounds)
        try c.encode(second.map { String(decoding: $0, as: UTF8.self) }, forKey: .second)
        try c.encode(secondMaxBefore.map { $0 ?? -1 }, forKey: .secondBounds)
    }
}
