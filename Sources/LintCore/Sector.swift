/// A market sector a rule applies to (`food`, `cosmetics`, ...), or `all`.
///
/// Sectors are data: the known set is declared in `Rules/sectors.yaml`, so adding one
/// never changes code.
public struct Sector: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }

    public init(rawValue: String) { self.rawValue = rawValue }

    /// The pseudo-sector of rules that apply to every document.
    public static let all = Sector("all")

    /// Declared, not inferred: the copy sells nothing of a regulated sector (`sector: none`,
    /// `--sector none`). Only rules for every sector run, and the audit counts the sector
    /// as known.
    public static let none = Sector("none")

    public static func < (lhs: Sector, rhs: Sector) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String { rawValue }

}
