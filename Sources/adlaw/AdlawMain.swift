import AtomicFiles
import ArgumentParser
import Checker
import Foundation
import LintCore

/// The `adlaw` command. Exit codes: 0 no finding at or above `--fail-on`; 1 findings (or
/// failing tests); 2 usage, rule-file or input error.
struct Adlaw: AsyncParsableCommand {
    static let version = AdlawVersion.current

    static let configuration = CommandConfiguration(
        commandName: "adlaw",
        abstract: "Compliance linter for Taiwan marketing copy (Traditional Chinese).",
        discussion: """
        Checks ad copy sentence by sentence against Taiwan law: which phrase risks breaking \
        which article, why, and what to write instead.
        """,
        version: version,
        subcommands: [CheckCommand.self, InitCommand.self, HookCommand.self, AuditCommand.self, ExplainCommand.self, RulesCommand.self, LawsCommand.self, TestCommand.self, ExtractCommand.self, AnnotateCommand.self, LSPCommand.self, MCPCommand.self, ServeCommand.self],
        defaultSubcommand: nil
    )
}

@main
enum AdlawMain {
    static func main() async {
        Terminal.prepareStreams()
        SignalCleanup.install()
        if let message = unknownCommand(Array(CommandLine.arguments.dropFirst())) {
            Terminal.writeError(message)
            exit(2)
        }
        do {
            var command = try Adlaw.parseAsRoot()
            if var asynchronous = command as? any AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
        } catch let error as CLIError {
            Terminal.writeError(error.description)
            exit(2)
        } catch {
            let code = Adlaw.exitCode(for: error)
            if code == .success {
                // Help and --version: a failed write is an error like any other.
                do { try Terminal.write(Adlaw.fullMessage(for: error) + "\n") } catch {
                    Terminal.writeError(error.description)
                    exit(2)
                }
                exit(0)
            }
            if let exitCode = error as? ExitCode {
                exit(exitCode.rawValue == 1 ? 1 : exitCode.rawValue == 0 ? 0 : 2)
            }
            let message = Adlaw.fullMessage(for: error)
            if !message.isEmpty { Terminal.writeError(message) }
            exit(2)
        }
    }

    /// A first word that is not a command: a typo (`adlaw chek`) gets a "did you mean", a
    /// file (`adlaw copy.md`) the command that checks it. nil: nothing to say (a command, an
    /// option, or no argument at all), and argument parsing goes on.
    static func unknownCommand(_ arguments: [String]) -> String? {
        guard let first = arguments.first, !first.hasPrefix("-") else { return nil }
        let commands = Adlaw.configuration.subcommands.map { $0.configuration.commandName ?? "" } + ["help"]
        guard !commands.contains(first) else { return nil }
        let list = "Commands: \(commands.filter { $0 != "help" }.joined(separator: ", ")) (`adlaw --help` describes them)"
        if let near = EditDistance.closest(to: first, in: commands) {
            return "error: unknown command `\(first)`; did you mean `adlaw \(near)`? \(list)"
        }
        if first.contains(".") || first.contains("/") || FileManager.default.fileExists(atPath: first) {
            return "error: unknown command `\(first)`; to check it, run `adlaw check \(arguments.joined(separator: " "))`. \(list)"
        }
        return "error: unknown command `\(first)`. \(list)"
    }
}
