/// A rule identifier: `<area>.<name>`, matching the rule file's path `Rules/<area>/<name>.yaml`.
public struct RuleID: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }

    public init(rawValue: String) { self.rawValue = rawValue }

    /// The law area or sector folder the rule lives in (the part before the first dot).
    public var area: String {
        guard let dot = rawValue.firstIndex(of: ".") else { return rawValue }
        return String(rawValue[..<dot])
    }

    /// Whether `pattern` selects this id: an exact id, an area (`food`), or a glob with `*`.
    public func matches(selector pattern: String) -> Bool {
        if pattern == rawValue || pattern == area { return true }
        guard pattern.contains("*") else { return false }
        return GlobMatcher.matches(pattern: pattern, text: rawValue)
    }

    public static func < (lhs: RuleID, rhs: RuleID) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String { rawValue }

}

/// Minimal `*` / `?` glob matching (no character classes), used for rule selectors.
public enum GlobMatcher {
    public static func matches(pattern: String, text: String) -> Bool {
        let p = Array(pattern.unicodeScalars), t = Array(text.unicodeScalars)
        var pi = 0, ti = 0, starP = -1, starT = 0
        while ti < t.count {
            if pi < p.count, p[pi] == "?" || p[pi] == t[ti] {
                pi += 1; ti += 1
            } else if pi < p.count, p[pi] == "*" {
                starP = pi; starT = ti; pi += 1
            } else if starP >= 0 {
                pi = starP + 1; starT += 1; ti = starT
            } else {
                return false
            }
        }
        while pi < p.count, p[pi] == "*" { pi += 1 }
        return pi == p.count
    }
}
