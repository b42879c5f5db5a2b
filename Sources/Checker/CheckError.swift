import AdlawConfiguration
import RuleCompiler

/// Why a check could not run, or could not run as asked. Every case stops the run before
/// anything is reported; a file that cannot be read is not one of these (it becomes a
/// diagnostic and the other inputs are still checked).
public enum CheckError: Error, CustomStringConvertible, Sendable {
    /// The request itself is contradictory or names something that does not exist (an
    /// unknown sector, a rule selector that matches no rule).
    case usage(String)
    /// No rule folder to load, or the built-in pack was not found.
    case noRules(String)
    /// Problems in the rule files, each with file, line and column.
    case ruleFiles(RuleLoadError)
    /// A problem in `.adlaw.yml`, with file, line and column.
    case config(ConfigError)
    /// An input the run depends on could not be read (a baseline, the git index).
    case input(String)
    /// The report could not be written to standard output (a full disk, a closed pipe).
    case output(String)

    public var description: String {
        switch self {
        case let .usage(message): "error: \(message)"
        case let .noRules(message): "error: \(message)"
        case let .ruleFiles(error):
            "\(error.description)\nerror: \(error.errors.count) problem\(error.errors.count == 1 ? "" : "s") in the rule files; nothing was checked"
        case let .input(message): "error: \(message)"
        case let .output(message): "error: \(message)"
        case let .config(error): error.description
        }
    }
}
