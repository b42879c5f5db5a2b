import AtomicFiles
import ArgumentParser
import Checker
import CMalloc
import Foundation
import LintCore

/// The command line of `adlaw`, as a library: the subcommands, the argument parsing and the
/// mapping of errors to exit codes. The `adlaw` executable names its root command (with the
/// server commands, which need the HTTP and MCP stacks) and calls `run`; the `fuzz-args`
/// fuzz target parses arbitrary argument lists through `parse` without running anything.
///
/// Exit codes: 0 no finding at or above `--fail-on`; 1 findings (or failing tests); 2 usage,
/// rule-file or input error.
public enum AdlawCommandLine {
    /// Every subcommand this library holds, in the order `adlaw --help` lists them.
    public static let subcommands: [any ParsableCommand.Type] = [
        CheckCommand.self, InitCommand.self, HookCommand.self, AuditCommand.self, ExplainCommand.self, RulesCommand.self,
        LawsCommand.self, TestCommand.self, ExtractCommand.self, AnnotateCommand.self, LSPCommand.self,
    ]

    /// Sets up the standard streams and signal handlers. The first thing `main` does, before
    /// anything asynchronous: the concurrency runtime opens descriptors of its own when it
    /// starts, and a closed standard output must get `/dev/null`, not one of them.
    public static func prepare() {
        Terminal.prepareStreams()
        SignalCleanup.install()
        reserveHeapInLargerSteps()
    }

    /// Asks glibc's malloc to grow a heap 32 MiB at a time rather than 128 KiB. A command runs
    /// on a thread of the concurrency runtime, whose heap (an arena of its own) grows by one
    /// `mprotect` call per step: loading the rule set and checking ten small files made some
    /// hundreds of them, 5% of the CPU time of such a run (`perf record`), and 8-12% of the
    /// CPU time went with a larger step. The padding is address space, not memory: pages are
    /// only used once written. (Setting it turns off glibc's moving mmap threshold: blocks
    /// of 128 KiB and more are mapped and unmapped on their own, so freed large blocks go
    /// back to the system at once.)
    static func reserveHeapInLargerSteps() {
        #if canImport(Glibc)
        _ = mallopt(M_TOP_PAD, 32 << 20)
        #endif
    }

    /// Parses `arguments` (without the program name) with `root` and runs the command; on an
    /// error, help or `--version`, exits with its code. `prepare()` must have run.
    public static func run(root: any ParsableCommand.Type, arguments: [String]) async {
        if let message = unknownCommand(arguments, root: root) {
            Terminal.writeError(message)
            exit(2)
        }
        do {
            var command = try root.parseAsRoot(arguments)
            if var asynchronous = command as? any AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
        } catch let error as CLIError {
            Terminal.writeError(error.description)
            exit(2)
        } catch {
            let code = root.exitCode(for: error)
            if code == .success {
                // Help and --version: a failed write is an error like any other.
                do { try Terminal.write(root.fullMessage(for: error) + "\n") } catch {
                    Terminal.writeError(error.description)
                    exit(2)
                }
                exit(0)
            }
            if let exitCode = error as? ExitCode {
                exit(exitCode.rawValue == 1 ? 1 : exitCode.rawValue == 0 ? 0 : 2)
            }
            let message = root.fullMessage(for: error)
            if !message.isEmpty { Terminal.writeError(message) }
            exit(2)
        }
    }

    /// What `run` would do with `arguments`, decided without running a command: the parsed
    /// command with the paths it would read, or the message and exit code of a refusal.
    public enum Parsed: Sendable, Equatable {
        /// A command to run; `paths` are its path arguments (files, folders, `-`), in order.
        case command(name: String, paths: [String])
        /// Help or the version, printed with exit code 0.
        case help
        /// Refused before running, with this message and exit code (2 for usage errors).
        case refused(message: String, exitCode: Int32)
    }

    /// Parses `arguments` as `run` does, up to the point where a command would run.
    public static func parse(root: any ParsableCommand.Type, arguments: [String]) -> Parsed {
        if let message = unknownCommand(arguments, root: root) { return .refused(message: message, exitCode: 2) }
        do {
            let command = try root.parseAsRoot(arguments)
            let name = type(of: command).configuration.commandName ?? ""
            // `-h` and `help <command>` parse to swift-argument-parser's help command.
            if name == "help" { return .help }
            return .command(name: name, paths: pathArguments(of: command))
        } catch {
            let code = root.exitCode(for: error)
            if code == .success { return .help }
            return .refused(message: root.fullMessage(for: error), exitCode: code.rawValue == 1 ? 1 : 2)
        }
    }

    /// Parses `arguments` with the commands of this library alone (`serve` and `mcp`, which
    /// live in the executable, are unknown commands here): the argument fuzz target's entry.
    public static func parse(_ arguments: [String]) -> Parsed {
        parse(root: LibraryCommands.self, arguments: arguments)
    }

    /// The root of `parse(_:)`: `adlaw` without the server commands.
    struct LibraryCommands: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "adlaw", version: AdlawVersion.current,
                                                        subcommands: AdlawCommandLine.subcommands)
    }

    /// The path arguments of the commands that read files.
    static func pathArguments(of command: any ParsableCommand) -> [String] {
        switch command {
        case let command as CheckCommand: command.paths
        case let command as AuditCommand: command.paths
        case let command as ExtractCommand: command.paths
        case let command as AnnotateCommand: [command.file]
        case let command as TestCommand: command.paths
        default: []
        }
    }

    /// A first word that is not a command: a typo (`adlaw chek`) gets a "did you mean", a
    /// file (`adlaw copy.md`) the command that checks it. nil: nothing to say (a command, an
    /// option, or no argument at all), and argument parsing goes on.
    static func unknownCommand(_ arguments: [String], root: any ParsableCommand.Type) -> String? {
        guard let first = arguments.first, !first.hasPrefix("-") else { return nil }
        let commands = root.configuration.subcommands.map { $0.configuration.commandName ?? "" } + ["help"]
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
