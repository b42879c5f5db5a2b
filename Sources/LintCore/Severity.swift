/// How serious a finding is, by legal risk.
///
/// - `error`: forbidden outright (a statutory ban with phrase-level evidence, or a
///   mandatory warning that is missing).
/// - `warning`: legal only with substantiation or a disclosure.
/// - `info`: a reviewer should look.
public enum Severity: String, Sendable, Codable, CaseIterable, Comparable, CustomStringConvertible {
    case info
    case warning
    case error

    private var rank: Int {
        switch self {
        case .info: 0
        case .warning: 1
        case .error: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }

    public var description: String { rawValue }
}
