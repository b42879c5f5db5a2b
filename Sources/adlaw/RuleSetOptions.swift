import ArgumentParser
import Configuration
import Foundation
import LintCore
import Linting
import PCRE2Matcher
import RuleCompiler

/// Where rules come from: the built-in rule pack, plus `--rules` folders that add rules or
/// override built-in ones with the same id.
struct RuleSetOptions: ParsableArguments {
    @Option(name: .customLong("rules"), help: ArgumentHelp("An extra rule folder (repeatable); its rules add to or override the built-in ones.", valueName: "dir"))
    var ruleFolders: [String] = []

    @Flag(name: .customLong("no-builtin-rules"), help: "Do not load the built-in rule pack.")
    var noBuiltinRules = false

    @OptionGroup var configOptions: ConfigOptions

    @Flag(name: .customLong("no-cache"), help: "Do not read or write the cache of compiled rules and their literal analysis (ADLAW_CACHE_DIR, else $XDG_CACHE_HOME/adlaw or ~/.cache/adlaw).")
    var noCache = false

    /// The cache folder, unless `--no-cache` or no folder can be named.
    func cacheFolder() -> CacheFolder? {
        guard !noCache, let directory = CacheFolder.defaultDirectory() else { return nil }
        return CacheFolder(directory: directory, version: CacheFolder.executableVersion())
    }

    /// The cache of the prefilter's analyses, unless `--no-cache` or no folder can be named.
    func prefilterCache() -> PrefilterCache? { cacheFolder().map(PrefilterCache.init) }

    /// The folders to load: built-in first (unless turned off here or by `rules.builtin:
    /// false`), then the config's `rules.folders` (relative to the config file), then `--rules`.
    func folders(config: AdlawConfig? = nil) throws -> [String] {
        var folders: [String] = []
        if !noBuiltinRules && config?.builtinRules != false {
            guard let builtin = RulesLocator.builtinRulesFolder() else {
                throw CLIError.noRules("the built-in rule pack was not found; set ADLAW_RULES_DIR or pass --rules DIR")
            }
            folders.append(builtin)
        }
        if let config {
            for folder in config.ruleFolders {
                let absolute = URL(fileURLWithPath: folder.value, relativeTo: URL(fileURLWithPath: config.directory, isDirectory: true)).standardizedFileURL.path
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory), isDirectory.boolValue else {
                    throw CLIError.config(ConfigError(file: config.file, line: folder.line, column: folder.column,
                                                      message: "`rules.folders`: no folder `\(folder.value)` (looked for \(absolute))",
                                                      hint: "folders are relative to the config file"))
                }
                folders.append(PathDisplay.relative(absolute))
            }
        }
        folders += ruleFolders
        if folders.isEmpty { throw CLIError.noRules("no rule folders: pass --rules DIR") }
        return folders
    }

    /// Loads the rule folders of the applicable config and the options.
    func load(engine: PCRE2Engine) throws -> RuleSet {
        try load(engine: engine, config: configOptions.load())
    }

    func load(engine: PCRE2Engine, config: AdlawConfig?) throws -> RuleSet {
        let folders = try folders(config: config)
        func loadFiles() throws -> RuleSet {
            do {
                return try RuleSetLoader(engine: engine).load(folders: folders)
            } catch {
                throw CLIError.ruleFiles(error)
            }
        }
        guard let cache = cacheFolder().map(RuleSetCache.init) else { return try loadFiles() }
        return try cache.ruleSet(folders: folders, engine: engine, loadFiles: loadFiles)
    }
}

/// Finds the built-in rule pack: `ADLAW_RULES_DIR`, then `share/adlaw/Rules` beside the
/// installed binary, then a `Rules/` folder above the binary (a build in the source tree,
/// or the pre-commit framework's clone).
enum RulesLocator {
    static func builtinRulesFolder() -> String? {
        let fm = FileManager.default
        if let env = ProcessInfo.processInfo.environment["ADLAW_RULES_DIR"], !env.isEmpty { return env }
        let executable = (try? fm.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var directory = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
        let installed = directory.deletingLastPathComponent().appendingPathComponent("share/adlaw/Rules")
        if fm.fileExists(atPath: installed.appendingPathComponent("laws.yaml").path) { return installed.path }
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("Rules")
            if fm.fileExists(atPath: candidate.appendingPathComponent("laws.yaml").path) { return candidate.path }
            directory.deleteLastPathComponent()
        }
        return nil
    }
}

/// Rule selection shared by `check` and `test`.
struct RuleSelectionOptions: ParsableArguments {
    @Option(name: .customLong("only"), help: ArgumentHelp("Run only these rules: an id, an area (`food`) or a glob (`food.*`); repeatable.", valueName: "id"))
    var only: [String] = []

    @Option(name: .customLong("disable"), help: ArgumentHelp("Do not run these rules (id, area or glob); repeatable.", valueName: "id"))
    var disable: [String] = []

    /// The filter for `ruleSet`; selectors that select nothing are a usage error.
    func filter(for ruleSet: RuleSet, minSeverity: Severity = .info) throws -> RuleFilter {
        let filter = RuleFilter(only: only, disable: disable, minSeverity: minSeverity)
        if let selector = filter.unmatchedSelectors(in: ruleSet.rules).first {
            throw CLIError.usage("no rule matches `\(selector)`; `adlaw rules list` shows the ids")
        }
        return filter
    }
}

extension Severity: ExpressibleByArgument {}
