/// Counted nouns in English messages: `1 finding`, `2 findings`, `3 info findings`.
/// Every summary line goes through here, so no message says `1 findings` or `10 infos`.
public enum Plural {
    /// `n` and the noun, singular for exactly one. `plural` defaults to the singular + `s`.
    public static func count(_ n: Int, _ singular: String, plural: String? = nil) -> String {
        "\(n) \(n == 1 ? singular : plural ?? singular + "s")"
    }

    /// A count of findings of one severity: `1 error`, `2 warnings`, `3 info` (info is
    /// not counted as a noun: `10 info`, never `10 infos`).
    public static func count(_ n: Int, severity: Severity) -> String {
        severity == .info ? "\(n) info" : count(n, severity.rawValue)
    }
}
