import ArgumentParser
import Checker
import Foundation
import Git
import Workflow

/// `adlaw hook install|uninstall`: the git pre-commit hook.
struct HookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hook",
        abstract: "Install or remove the git pre-commit hook that runs `adlaw check --staged`.",
        subcommands: [Install.self, Uninstall.self]
    )

    struct Install: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write .git/hooks/pre-commit (where git looks for hooks) to run `adlaw check --staged`.",
            discussion: "An existing hook that adlaw did not write is kept unless --force is given; then it is saved as pre-commit.adlaw-backup. Exit codes: 0 installed; 2 not installed."
        )

        @Flag(name: .customLong("force"), help: "Replace an existing pre-commit hook (kept as pre-commit.adlaw-backup).")
        var force = false

        func run() throws {
            let repository: GitRepository
            do { repository = try GitRepository.discover(from: FileManager.default.currentDirectoryPath) } catch {
                throw CLIError.usage(error.description)
            }
            let binary = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
                ?? URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
            do {
                switch try HookInstaller().install(in: repository, adlawPath: binary, force: force) {
                case let .installed(path): try Terminal.write("installed \(PathDisplay.relative(path)): each commit's staged copy is checked\n")
                case let .updated(path): try Terminal.write("updated \(PathDisplay.relative(path))\n")
                case let .replaced(path, backup):
                    try Terminal.write("installed \(PathDisplay.relative(path)); the previous hook is kept as \(PathDisplay.relative(backup))\n")
                }
            } catch let error as CLIError {
                throw error
            } catch {
                throw CLIError.usage("\(error)")
            }
        }
    }

    struct Uninstall: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove adlaw's pre-commit hook (restoring a hook it replaced).")

        func run() throws {
            do {
                let repository = try GitRepository.discover(from: FileManager.default.currentDirectoryPath)
                if let removed = try HookInstaller().uninstall(in: repository) {
                    try Terminal.write("removed \(PathDisplay.relative(removed))\n")
                } else {
                    try Terminal.write("no pre-commit hook to remove\n")
                }
            } catch let error as HookInstaller.Failure {
                throw CLIError.usage(error.description)
            } catch let error as GitError {
                throw CLIError.usage(error.description)
            }
        }
    }
}
