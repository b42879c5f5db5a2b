import Foundation
import LintCore
import RuleCompiler
import Yams

/// Reads `.adlaw.yml` with the same YAML reader as rule files (Yams nodes with their
/// marks), so every problem is reported at its line and column. Unknown keys are errors
/// with a "did you mean"; the accepted keys are the ones in `schemas/adlaw-config.schema.json`.
public enum ConfigFile {
    public static let fileNames = [".adlaw.yml", ".adlaw.yaml"]
    public static let currentVersion = 1

    public static let topLevelKeys = ["version", "rules", "sectors", "channel", "publisher", "kind", "exclude", "fail-on", "min-severity", "baseline", "claims"]
    public static let rulesKeys = ["builtin", "folders", "only", "disable", "severity"]
    public static let sectorKeys = ["paths", "sectors"]
    public static let claimKeys = ["id", "text", "pattern", "rules", "paths", "evidence", "approved-by", "approved-on", "expires", "note"]

    /// Reads and parses a config file.
    public static func load(path: String) throws(ConfigError) -> AdlawConfig {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(file: path, line: 1, column: 1, message: "cannot read the config file",
                              hint: "check the path and the file's permissions")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(file: path, line: 1, column: 1, message: "the config file is not UTF-8 text", hint: "save it as UTF-8")
        }
        let directory = URL(fileURLWithPath: path).standardizedFileURL.deletingLastPathComponent().path
        return try parse(text, file: path, directory: directory)
    }

    /// Parses config text; `directory` is the base of its relative paths.
    public static func parse(_ text: String, file: String, directory: String) throws(ConfigError) -> AdlawConfig {
        var config = AdlawConfig(file: file, directory: directory)
        // An empty file (or one with only comments) is a valid config with every default.
        if text.split(whereSeparator: \.isNewline).allSatisfy({ $0.trimmingCharacters(in: .whitespaces).hasPrefix("#") || $0.allSatisfy(\.isWhitespace) }) {
            return config
        }
        var reader = Reader(file: file)
        do {
            let root = try YAMLDocument.parse(text, file: file)
            try reader.read(root, into: &config)
        } catch {
            reader.problems.append(Self.problem(from: error))
        }
        if !reader.problems.isEmpty {
            throw ConfigError(reader.problems.sorted { ($0.line, $0.column) < ($1.line, $1.column) })
        }
        return config
    }

    /// A rule-file YAML error, with config hints instead of rule-file ones.
    static func problem(from error: RuleFileError) -> ConfigError.Problem {
        var hint = error.hint
        if case .unknownKey(_, nil) = error.kind {
            hint = "the keys are listed in docs/usage.md (Configuration) and schemas/adlaw-config.schema.json"
        }
        return ConfigError.Problem(file: error.file, line: error.line, column: error.column, message: error.problem, hint: hint)
    }

    /// Reads the top-level mapping and each section, collecting problems.
    struct Reader {
        let file: String
        var problems: [ConfigError.Problem] = []

        mutating func read(_ root: Node, into config: inout AdlawConfig) throws(RuleFileError) {
            let map = try YAMLMap(root, file: file, path: "")
            unknownKeys(map, allowed: ConfigFile.topLevelKeys)
            if let version = try map.int("version") {
                config.version = version.value
                if version.value != ConfigFile.currentVersion {
                    fail(version.line, version.column, "unsupported config version \(version.value)",
                         hint: "this adlaw reads `version: \(ConfigFile.currentVersion)`")
                }
            }
            if let node = map["rules"] { try readRules(node, into: &config) }
            if let node = map["sectors"] { config.sectorMappings = try readSectors(node) }
            config.channels = try positioned(map.stringList("channel"))
            if let text = try map.string("publisher") {
                if let publisher = Publisher(named: text.value) {
                    config.publisher = publisher
                } else {
                    fail(text.line, text.column, "`publisher` has an invalid value `\(text.value)`", hint: "use \(Publisher.accepted)")
                }
            }
            if let text = try map.string("kind") {
                if let kind = DocumentKind(named: text.value) {
                    config.kind = kind
                } else {
                    fail(text.line, text.column, "`kind` has an invalid value `\(text.value)`", hint: "use \(DocumentKind.accepted)")
                }
            }
            config.exclude = try positioned(map.stringList("exclude"))
            if let text = try map.string("fail-on") {
                if let threshold = FailThreshold(rawValue: text.value) {
                    config.failOn = threshold
                } else {
                    fail(text.line, text.column, "`fail-on` has an invalid value `\(text.value)`",
                         hint: "use one of: \(FailThreshold.allCases.map(\.rawValue).joined(separator: ", "))")
                }
            }
            if let text = try map.string("min-severity") {
                if let severity = Severity(rawValue: text.value) {
                    config.minSeverity = severity
                } else {
                    fail(text.line, text.column, "`min-severity` has an invalid value `\(text.value)`", hint: "use one of: info, warning, error")
                }
            }
            if let text = try map.string("baseline") { config.baseline = Positioned(text.value, line: text.line, column: text.column) }
            if let node = map["claims"] { config.claims = try readClaims(node) }
        }

        mutating func readRules(_ node: Node, into config: inout AdlawConfig) throws(RuleFileError) {
            let map = try YAMLMap(node, file: file, path: "rules")
            unknownKeys(map, allowed: ConfigFile.rulesKeys)
            config.builtinRules = try map.bool("builtin")
            config.ruleFolders = try positioned(map.stringList("folders"))
            config.only = try positioned(map.stringList("only"))
            config.disable = try positioned(map.stringList("disable"))
            guard let severityNode = map["severity"] else { return }
            let severities = try YAMLMap(severityNode, file: file, path: "rules.severity")
            for (key, value) in severities.mapping {
                guard let id = key.string, let scalar = value.scalar else {
                    throw severities.error(at: value, .wrongType(key: "rules.severity", expected: "a mapping of rule id to severity"))
                }
                let keyMark = key.mark, valueMark = value.mark
                guard let severity = Severity(rawValue: scalar.string) else {
                    fail(valueMark?.line ?? 1, valueMark?.column ?? 1, "`rules.severity.\(id)` has an invalid value `\(scalar.string)`",
                         hint: "use one of: error, warning, info")
                    continue
                }
                config.severityOverrides.append(AdlawConfig.SeverityOverride(
                    rule: Positioned(id, line: keyMark?.line ?? 1, column: keyMark?.column ?? 1), severity: severity))
            }
        }

        mutating func readSectors(_ node: Node) throws(RuleFileError) -> [AdlawConfig.SectorMapping] {
            guard let sequence = node.sequence else {
                throw RuleFileError(file: file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1,
                                    kind: .wrongType(key: "sectors", expected: "a list of `- paths: [...]` / `sectors: [...]` entries"))
            }
            var out: [AdlawConfig.SectorMapping] = []
            for item in sequence {
                let map = try YAMLMap(item, file: file, path: "sectors")
                unknownKeys(map, allowed: ConfigFile.sectorKeys)
                let paths = try positioned(map.stringList("paths"))
                let sectors = try positioned(map.stringList("sectors"))
                if paths.isEmpty { throw map.error(at: map["paths"], .missingKey("sectors.paths")) }
                if sectors.isEmpty { throw map.error(at: map["sectors"], .missingKey("sectors.sectors")) }
                out.append(AdlawConfig.SectorMapping(paths: paths, sectors: sectors))
            }
            return out
        }

        mutating func readClaims(_ node: Node) throws(RuleFileError) -> [AdlawConfig.ClaimEntry] {
            guard let sequence = node.sequence else {
                throw RuleFileError(file: file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1,
                                    kind: .wrongType(key: "claims", expected: "a list of claims (`- text: ...`)"))
            }
            var out: [AdlawConfig.ClaimEntry] = []
            var ids: [String: Int] = [:]
            for item in sequence {
                let map = try YAMLMap(item, file: file, path: "claims")
                unknownKeys(map, allowed: ConfigFile.claimKeys)
                let line = item.mark?.line ?? 1, column = item.mark?.column ?? 1
                let text = try map.string("text"), pattern = try map.string("pattern")
                if (text == nil) == (pattern == nil) {
                    fail(line, column, text == nil ? "a claim needs `text:` (the approved wording) or `pattern:`" : "a claim has `text:` or `pattern:`, not both",
                         hint: "write `text: 銷售第一` for a phrase, or `pattern:` for a PCRE2 regex")
                    continue
                }
                if let phrase = text, phrase.value.allSatisfy(\.isWhitespace) {
                    fail(phrase.line, phrase.column, "`claims.text` is empty", hint: "write the approved wording")
                    continue
                }
                let evidence = try map.requiredString("evidence")
                let approver = try map.requiredString("approved-by")
                let expiresText = try map.requiredString("expires")
                guard let expires = CalendarDate(expiresText.value) else {
                    fail(expiresText.line, expiresText.column, "`claims.expires` must be a date, YYYY-MM-DD (got `\(expiresText.value)`)",
                         hint: "every approval ends; write the day it lapses, e.g. `expires: 2026-06-30`")
                    continue
                }
                var approvedOn: CalendarDate?
                if let approvedText = try map.string("approved-on") {
                    approvedOn = CalendarDate(approvedText.value)
                    if approvedOn == nil {
                        fail(approvedText.line, approvedText.column, "`claims.approved-on` must be a date, YYYY-MM-DD (got `\(approvedText.value)`)")
                        continue
                    }
                }
                let rules = try positioned(map.stringList("rules"))
                let paths = try positioned(map.stringList("paths"))
                let id = try map.string("id")?.value ?? text?.value ?? pattern?.value ?? ""
                if let first = ids[id] {
                    fail(line, column, "duplicate claim id `\(id)` (first at line \(first))", hint: "give each claim its own `id:`")
                    continue
                }
                ids[id] = line
                let claim = SubstantiatedClaim(
                    id: id, text: text?.value, pattern: pattern?.value, rules: rules.map(\.value), paths: paths.map(\.value),
                    evidence: evidence.value, approvedBy: approver.value, approvedOn: approvedOn, expires: expires,
                    origin: SourceOrigin(file: file, line: line, column: column))
                out.append(AdlawConfig.ClaimEntry(claim: claim, line: line, column: column, rules: rules,
                                                  pattern: pattern.map { Positioned($0.value, line: $0.line, column: $0.column) }))
            }
            return out
        }

        /// Every unknown key is a problem (with a "did you mean"); reading goes on, so one run
        /// reports them all.
        mutating func unknownKeys(_ map: YAMLMap, allowed: [String]) {
            for keyNode in map.mapping.keys {
                let key = keyNode.string ?? "?"
                guard !allowed.contains(key) else { continue }
                problems.append(ConfigFile.problem(from: map.error(at: keyNode, .unknownKey(map.keyPath(key),
                                                                                            suggestion: EditDistance.closest(to: key, in: allowed)))))
            }
        }

        mutating func fail(_ line: Int, _ column: Int, _ message: String, hint: String? = nil) {
            problems.append(ConfigError.Problem(file: file, line: line, column: column, message: message, hint: hint))
        }

        func positioned(_ values: [Located<String>]?) -> [Positioned<String>] {
            (values ?? []).map { Positioned($0.value, line: $0.line, column: $0.column) }
        }
    }
}
