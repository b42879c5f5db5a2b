/// Problems in `.adlaw.yml`, each at a file, line and column, with a hint of what to write.
/// Every problem found is reported at once; nothing is checked until the config is valid.
public struct ConfigError: Error, Sendable, CustomStringConvertible {
    public struct Problem: Sendable, Hashable, CustomStringConvertible {
        public var file: String
        public var line: Int
        public var column: Int
        public var message: String
        public var hint: String?

        public init(file: String, line: Int, column: Int, message: String, hint: String? = nil) {
            self.file = file
            self.line = line
            self.column = column
            self.message = message
            self.hint = hint
        }

        /// `file:line:col: error: message` and an indented hint line.
        public var description: String {
            var text = "\(file):\(line):\(column): error: \(message)"
            if let hint { text += "\n  hint: \(hint)" }
            return text
        }
    }

    public var problems: [Problem]

    public init(_ problems: [Problem]) { self.problems = problems }

    public init(file: String, line: Int, column: Int, message: String, hint: String? = nil) {
        problems = [Problem(file: file, line: line, column: column, message: message, hint: hint)]
    }

    public var description: String {
        problems.map(\.description).joined(separator: "\n")
            + "\nerror: \(problems.count) problem\(problems.count == 1 ? "" : "s") in the configuration; nothing was checked"
    }
}
