import ArgumentParser
import Configuration
import RuleCompiler

/// Errors the CLI reports before or instead of a run; all exit with code 2.
enum CLIError: Error, CustomStringConvertible {
    case usage(String)
    case noRules(String)
    case ruleFiles(RuleLoadError)
    case input(String)
    case config(ConfigError)

    var description: String {
        switch self {
        case let .usage(message): "error: \(message)"
        case let .noRules(message): "error: \(message)"
        case let .ruleFiles(error):
            "\(error.description)\nerror: \(error.errors.count) problem\(error.errors.count == 1 ? "" : "s") in the rule files; nothing was checked"
        case let .input(message): "error: \(message)"
        case let .config(error): error.description
        }
    }
}

extension CLIError {
    /// Prints the error and stops with exit code 2.
    func exit() -> ExitCode {
        Terminal.writeError(description)
        return ExitCode(2)
    }
}
