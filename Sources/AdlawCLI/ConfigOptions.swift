import ArgumentParser
import Checker
import AdlawConfiguration
import Foundation

/// `--config FILE` / `--no-config`: which `.adlaw.yml` applies (default: the one in the
/// current folder or the nearest folder above it).
struct ConfigOptions: ParsableArguments {
    @Option(name: .customLong("config"), help: ArgumentHelp("Use this config file instead of the nearest .adlaw.yml.", valueName: "file"))
    var configFile: String?

    @Flag(name: .customLong("no-config"), help: "Ignore .adlaw.yml files.")
    var noConfig = false

    /// Which config applies.
    func choice() throws(CLIError) -> ConfigChoice {
        if noConfig {
            if configFile != nil { throw .usage("--config and --no-config cannot be combined") }
            return .none
        }
        return configFile.map(ConfigChoice.file) ?? .nearest
    }

    /// The config that applies, loaded; nil when there is none.
    func load() throws(CLIError) -> AdlawConfig? {
        try RulePack.loadConfig(choice())
    }
}
