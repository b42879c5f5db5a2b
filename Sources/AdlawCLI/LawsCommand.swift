import ArgumentParser
import Foundation
import LintCore
import PCRE2Matcher

/// `adlaw laws`: the law registry and its fact tables.
struct LawsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "laws",
        abstract: "List the laws rules cite, or show one law's fact table.",
        discussion: """
        Every law in the registry (Rules/laws/<pcode>.yaml) with its status, how many of its \
        table's provisions rules cite, how many rules cite it and when it was last checked. \
        `adlaw laws show PCODE` prints each provision's duty, whom it binds, its penalties, its \
        versions and the rules citing it, for the law in force on --as-of (default today). The \
        format is described in docs/laws.md.
        """,
        subcommands: [List.self, Show.self],
        defaultSubcommand: List.self
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the law registry.")

        @OptionGroup var ruleSetOptions: RuleSetOptions

        @Option(name: .customLong("format"), help: ArgumentHelp("human or json.", valueName: "format"))
        var format: ListFormat = .human

        func run() throws {
            let catalog = LawCatalog(ruleSet: try ruleSetOptions.load(engine: PCRE2Engine()))
            switch format {
            case .human: try Terminal.write(catalog.list())
            case .json: try Terminal.write(catalog.json(catalog.ruleSet.laws, includeArticles: false))
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one law: every provision with its duty, addressees, penalties, versions and the rules citing it.")

        @OptionGroup var ruleSetOptions: RuleSetOptions

        @Option(name: .customLong("format"), help: ArgumentHelp("human or json.", valueName: "format"))
        var format: ListFormat = .human

        @Argument(help: ArgumentHelp("The law's pcode (L0070021) or its exact name (菸害防制法).", valueName: "pcode"))
        var law: String

        func run() throws {
            let catalog = LawCatalog(ruleSet: try ruleSetOptions.load(engine: PCRE2Engine()))
            let table = catalog.table
            guard let entry = table[law.uppercased()] ?? table.entry(named: law) else {
                let near = catalog.ruleSet.laws.filter { $0.name.contains(law) || $0.pcode.contains(law.uppercased()) }.prefix(5)
                throw CLIError.usage("no law `\(law)` in the registry" + (near.isEmpty ? "; `adlaw laws` lists them" : "; did you mean \(near.map { "\($0.pcode) \($0.name)" }.joined(separator: ", "))?"))
            }
            switch format {
            case .human: try Terminal.write(catalog.show(entry))
            case .json: try Terminal.write(catalog.json([entry], includeArticles: true))
            }
        }
    }
}
