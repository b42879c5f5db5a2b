import LintCore

/// A verdict as the server and the batch mode add it to the JSON document:
/// `{"level": "block", "label": "不得刊登", "reason": ..., "ruleId": ... or null}`.
public struct VerdictJSON: Encodable, Sendable {
    public var verdict: Verdict

    public init(_ verdict: Verdict) { self.verdict = verdict }

    enum CodingKeys: String, CodingKey { case level, label, reason, ruleId }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(verdict.level.rawValue, forKey: .level)
        try container.encode(verdict.level.label, forKey: .label)
        try container.encode(verdict.reason, forKey: .reason)
        try container.encode(verdict.ruleID?.rawValue, forKey: .ruleId)
    }
}
