import AtomicFiles
import ArgumentParser
import Checker
import AdlawConfiguration
import Foundation
import Workflow

/// `adlaw init`: write a commented starting `.adlaw.yml`.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a commented starting config, .adlaw.yml, in the current folder.",
        discussion: "An existing config is never replaced without --force. Exit codes: 0 written; 2 not written."
    )

    @Flag(name: .customLong("force"), help: "Overwrite an existing .adlaw.yml.")
    var force = false

    @Option(name: .customLong("directory"), help: ArgumentHelp("Write it in this folder instead (e.g. the repository's top).", valueName: "dir"))
    var directory: String?

    func run() throws {
        let folder = directory ?? FileManager.default.currentDirectoryPath
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CLIError.usage("no folder `\(folder)`")
        }
        let path = PathDisplay.relative((folder as NSString).appendingPathComponent(ConfigFile.fileNames[0]))
        for name in ConfigFile.fileNames {
            let existing = (folder as NSString).appendingPathComponent(name)
            if FileManager.default.fileExists(atPath: existing) && !force {
                throw CLIError.usage("\(PathDisplay.relative(existing)) already exists; nothing was changed (use --force to overwrite it)")
            }
        }
        let parent = ConfigLocator().find(from: (URL(fileURLWithPath: folder).standardizedFileURL.path as NSString).deletingLastPathComponent)
        do { try AtomicFile.write(ConfigTemplate.text, to: path, overwrite: force ? .always : .never) } catch { throw CLIError.input(error.description) }
        var message = "wrote \(path)"
        if let parent { message += "; it takes the place of \(PathDisplay.relative(parent)) for this folder (configs do not merge)" }
        message += "\nnext: `adlaw hook install` checks every commit; `adlaw check .` shows today's findings"
        try Terminal.write(message + "\n")
    }
}
