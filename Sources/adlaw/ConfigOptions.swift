import ArgumentParser
import Configuration
import Foundation

/// `--config FILE` / `--no-config`: which `.adlaw.yml` applies (default: the one in the
/// current folder or the nearest folder above it).
struct ConfigOptions: ParsableArguments {
    @Option(name: .customLong("config"), help: ArgumentHelp("Use this config file instead of the nearest .adlaw.yml.", valueName: "file"))
    var configFile: String?

    @Flag(name: .customLong("no-config"), help: "Ignore .adlaw.yml files.")
    var noConfig = false

    /// The config that applies, loaded; nil when there is none.
    func load() throws -> AdlawConfig? {
        if noConfig {
            if configFile != nil { throw CLIError.usage("--config and --no-config cannot be combined") }
            return nil
        }
        let path: String
        if let configFile {
            path = configFile
        } else if let found = ConfigLocator().find(from: FileManager.default.currentDirectoryPath) {
            path = PathDisplay.relative(found)
        } else {
            return nil
        }
        do {
            return try ConfigFile.load(path: path)
        } catch {
            throw CLIError.config(error)
        }
    }
}
