/// Something the run has to tell the user that is not a finding: an unreadable file,
/// invalid bytes, a rule that hit the match limit.
public struct Diagnostic: Sendable, Hashable, Codable {
    public enum Level: String, Sendable, Codable, Comparable {
        case note, warning, error

        private var rank: Int { self == .note ? 0 : self == .warning ? 1 : 2 }
        public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rank < rhs.rank }
    }

    /// A stable kind, for tests and machine readers.
    public var code: DiagnosticCode
    public var level: Level
    public var path: String
    public var line: Int?
    public var column: Int?
    public var message: String
    /// The rule involved, if any.
    public var ruleID: RuleID?

    public init(code: DiagnosticCode, level: Level, path: String, line: Int? = nil, column: Int? = nil,
                message: String, ruleID: RuleID? = nil) {
        self.code = code
        self.level = level
        self.path = path
        self.line = line
        self.column = column
        self.message = message
        self.ruleID = ruleID
    }

    /// `path:line:col: level: message`, on one line, with the file name and message made
    /// safe to print (see `VisibleText`).
    public var formatted: String {
        var location = VisibleText.path(path)
        if let line { location += ":\(line)" }
        if let column { location += ":\(column)" }
        return "\(location): \(level.rawValue): \(VisibleText.escaped(message))"
    }
}
