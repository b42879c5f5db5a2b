import AdlawConfiguration
import Foundation
import LintCore
import PCRE2Matcher
import RuleCompiler

/// Loads what a run's rules come from: the config that applies, and the rule folders it
/// and the options name, compiled (or read from the rule-set cache).
public enum RulePack {
    /// The config that applies, loaded; nil when there is none.
    public static func loadConfig(_ choice: ConfigChoice, from directory: String = FileManager.default.currentDirectoryPath)
        throws(CheckError) -> AdlawConfig? {
        let path: String
        switch choice {
        case .none:
            return nil
        case let .file(file):
            path = file
        case .nearest:
            guard let found = ConfigLocator().find(from: directory) else { return nil }
            path = PathDisplay.relative(found)
        }
        do {
            return try ConfigFile.load(path: path)
        } catch {
            throw .config(error)
        }
    }

    /// Config files found on the way up but not used (another user's, or linked out of the
    /// repository; see `ConfigLocator`), as warnings for the run's diagnostics.
    public static func ignoredConfigs(_ choice: ConfigChoice, from directory: String = FileManager.default.currentDirectoryPath) -> [Diagnostic] {
        guard case .nearest = choice else { return [] }
        return ConfigLocator().locate(from: directory).ignored.map {
            Diagnostic(code: .configIgnored, level: .warning, path: PathDisplay.relative($0.path),
                       message: "config not used: \($0.reason); pass --config to use it")
        }
    }

    /// The folders to load: built-in first (unless turned off in `sources` or by
    /// `rules.builtin: false`), then the config's `rules.folders` (relative to the config
    /// file), then `sources.folders`.
    public static func folders(_ sources: RuleSources, config: AdlawConfig?) throws(CheckError) -> [String] {
        var folders: [String] = []
        if sources.builtin && config?.builtinRules != false {
            guard let builtin = sources.builtinFolder ?? RulesLocator.builtinRulesFolder() else {
                throw .noRules("the built-in rule pack was not found; set ADLAW_RULES_DIR or pass --rules DIR")
            }
            folders.append(builtin)
        }
        if let config {
            for folder in config.ruleFolders {
                let absolute = URL(fileURLWithPath: folder.value, relativeTo: URL(fileURLWithPath: config.directory, isDirectory: true)).standardizedFileURL.path
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory), isDirectory.boolValue else {
                    throw .config(ConfigError(file: config.file, line: folder.line, column: folder.column,
                                              message: "`rules.folders`: no folder `\(folder.value)` (looked for \(absolute))",
                                              hint: "folders are relative to the config file"))
                }
                folders.append(PathDisplay.relative(absolute))
            }
        }
        folders += sources.folders
        if folders.isEmpty { throw .noRules("no rule folders: pass --rules DIR") }
        return folders
    }

    /// The rule set of `sources` and `config`, from the rule-set cache when
    /// `sources.cacheDirectory` is set and the cache holds it.
    public static func load(_ sources: RuleSources, config: AdlawConfig?, engine: PCRE2Engine) throws(CheckError) -> RuleSet {
        try loadRules(sources, config: config, engine: engine).ruleSet
    }

    /// The rule set with its patterns' literal analyses when the cache holds them.
    static func loadRules(_ sources: RuleSources, config: AdlawConfig?, engine: PCRE2Engine) throws(CheckError) -> LoadedRules {
        let folders = try folders(sources, config: config)
        func loadFiles() throws(CheckError) -> RuleSet {
            do {
                return try RuleSetLoader(engine: engine, asOf: sources.lawsAsOf).load(folders: folders)
            } catch {
                throw .ruleFiles(error)
            }
        }
        guard let folder = cacheFolder(sources) else { return LoadedRules(ruleSet: try loadFiles(), analyses: [:]) }
        return try RuleSetCache(folder: folder).rules(folders: folders, asOf: sources.lawsAsOf, engine: engine, loadFiles: loadFiles)
    }

    /// The cache folder of `sources`, if it names one.
    static func cacheFolder(_ sources: RuleSources) -> CacheFolder? {
        // No key (no home folder, or a key file that is not this user's alone): no cache.
        guard let directory = sources.cacheDirectory, let key = CacheKey.load() else { return nil }
        return CacheFolder(directory: directory, version: CacheFolder.executableVersion(), key: key)
    }
}

/// Finds the built-in rule pack: `ADLAW_RULES_DIR`, then `share/adlaw/Rules` beside the
/// installed binary, then a `Rules/` folder above the binary (a build in the source tree,
/// or the pre-commit framework's clone). A rule pack is recognised by its `sectors.yaml`.
public enum RulesLocator {
    public static func builtinRulesFolder() -> String? {
        let fm = FileManager.default
        if let env = ProcessInfo.processInfo.environment["ADLAW_RULES_DIR"], !env.isEmpty { return env }
        let executable = (try? fm.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var directory = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
        let installed = directory.deletingLastPathComponent().appendingPathComponent("share/adlaw/Rules")
        if fm.fileExists(atPath: installed.appendingPathComponent("sectors.yaml").path) { return installed.path }
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("Rules")
            if fm.fileExists(atPath: candidate.appendingPathComponent("sectors.yaml").path) { return candidate.path }
            directory.deleteLastPathComponent()
        }
        return nil
    }
}
