import ArgumentParser
import Foundation
import LintCore
import PCRE2Matcher
import RuleCompiler

/// `adlaw rules`: list, show and validate rules.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List, show and validate rules.",
        subcommands: [List.self, Show.self, Check.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the loaded rules.")

        @OptionGroup var ruleSetOptions: RuleSetOptions

        @Option(name: .customLong("sector"), help: ArgumentHelp("Only rules that run for this sector (rules for all sectors included).", valueName: "sector"))
        var sector: String?

        @Option(name: .customLong("format"), help: ArgumentHelp("human or json.", valueName: "format"))
        var format: ListFormat = .human

        func run() throws {
            let ruleSet = try ruleSetOptions.load(engine: PCRE2Engine())
            var rules = ruleSet.rules
            if let sector {
                guard ruleSet.sectors.isKnown(Sector(sector)) else {
                    throw CLIError.usage("unknown sector `\(sector)`; known sectors: \(ruleSet.sectors.definitions.map(\.id.rawValue).joined(separator: ", "))")
                }
                rules = rules.filter { $0.applies(toSectors: [Sector(sector)]) }
            }
            switch format {
            case .json: Terminal.write(RuleCatalogJSON.render(rules))
            case .human: Terminal.write(RuleCatalogText.table(rules, sectors: ruleSet.sectors))
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show every field of a rule: citation, pattern, exceptions and examples.")

        @OptionGroup var ruleSetOptions: RuleSetOptions

        @Argument(help: ArgumentHelp("The rule id, e.g. food.medical-efficacy.", valueName: "id"))
        var id: String

        func run() throws {
            let ruleSet = try ruleSetOptions.load(engine: PCRE2Engine())
            guard let rule = ruleSet.rule(RuleID(id)) else {
                let near = ruleSet.rules.map(\.id.rawValue).filter { $0.contains(id) || id.contains($0) }.prefix(5)
                throw CLIError.usage("no rule `\(id)`" + (near.isEmpty ? "; `adlaw rules list` shows the ids" : "; did you mean \(near.joined(separator: ", "))?"))
            }
            Terminal.write(RuleCatalogText.details(rule))
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate rule folders: keys, types, regexes, citations, lexicons, examples' syntax.",
            discussion: "With no folder, validates the built-in rule pack. Extra folders are checked together with the built-in pack (they may use its lexicons and laws)."
        )

        @Argument(help: ArgumentHelp("Rule folders to validate.", valueName: "dir"))
        var folders: [String] = []

        @Flag(name: .customLong("no-builtin-rules"), help: "Validate the folders on their own, without the built-in pack.")
        var noBuiltinRules = false

        func run() throws {
            var options = try RuleSetOptions.parse([])
            options.ruleFolders = folders
            options.noBuiltinRules = noBuiltinRules
            let ruleSet = try options.load(engine: PCRE2Engine())
            let examples = ruleSet.rules.reduce(0) { $0 + $1.examples.count }
            Terminal.write("ok: \(ruleSet.rules.count) rules, \(ruleSet.lexicons.count) lexicons, \(ruleSet.sectors.definitions.count) sectors, \(ruleSet.laws.count) laws, \(examples) examples in \(ruleSet.roots.joined(separator: ", "))\n")
        }
    }
}

enum ListFormat: String, ExpressibleByArgument, CaseIterable {
    case human, json
}
