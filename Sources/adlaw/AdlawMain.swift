import AdlawCLI
import ArgumentParser
import Checker

/// The `adlaw` command: the subcommands of `AdlawCLI` and the server commands. Exit codes: 0
/// no finding at or above `--fail-on`; 1 findings (or failing tests); 2 usage, rule-file or
/// input error.
struct Adlaw: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "adlaw",
        abstract: "Compliance linter for Taiwan marketing copy (Traditional Chinese).",
        discussion: """
        Checks ad copy sentence by sentence against Taiwan law: which phrase risks breaking \
        which article, why, and what to write instead.
        """,
        version: AdlawVersion.current,
        subcommands: AdlawCommandLine.subcommands + [MCPCommand.self, ServeCommand.self],
        defaultSubcommand: nil
    )
}

@main
enum AdlawMain {
    static func main() async {
        AdlawCommandLine.prepare()
        await AdlawCommandLine.run(root: Adlaw.self, arguments: Array(CommandLine.arguments.dropFirst()))
    }
}
