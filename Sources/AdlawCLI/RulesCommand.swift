import ArgumentParser
import Checker
import Foundation
import LintCore
import Linting
import PatternSearch
import PCRE2Matcher
import RuleCompiler

/// `adlaw rules`: list, show and validate rules.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List, show and validate rules.",
        subcommands: [List.self, Show.self, Check.self, Patterns.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the loaded rules.")

        @OptionGroup var ruleSetOptions: RuleSetOptions

        @Option(name: .customLong("sector"), help: ArgumentHelp("Only rules that run for this sector (rules for all sectors included).", valueName: "sector"))
        var sector: String?

        @Option(name: .customLong("format"), help: ArgumentHelp("\(ListFormat.allCases.map(\.rawValue).joinedAsAlternatives()).", valueName: "format"))
        var format: ListFormat = .human

        func run() throws {
            let ruleSet = try ruleSetOptions.load(engine: PCRE2Engine())
            var rules = ruleSet.rules
            if let sector {
                guard let resolved = ruleSet.sectors.resolve(sector) else {
                    throw CLIError.usage(ruleSet.sectors.unknownSectorMessage(sector, in: "given to --sector"))
                }
                rules = rules.filter { $0.applies(toSectors: resolved == .none ? [] : [resolved]) }
            }
            switch format {
            case .json: try Terminal.write(RuleCatalogJSON.render(rules))
            case .human: try Terminal.writeText(RuleCatalogText.table(rules, sectors: ruleSet.sectors))
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
                throw CLIError.usage("no rule `\(id)`\(ExplainCommand.didYouMean(id, among: ruleSet.rules.map(\.id))) `adlaw rules list` shows the ids")
            }
            try Terminal.writeText(RuleCatalogText.details(rule))
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

        @Flag(name: .customLong("sizes"), help: "Report every rule's compiled size, not only those at half of PCRE2's limit or more or in pieces.")
        var sizes = false

        func run() throws {
            var options = try RuleSetOptions.parse([])
            options.ruleFolders = folders
            options.noBuiltinRules = noBuiltinRules
            let ruleSet = try options.load(engine: PCRE2Engine())
            let examples = ruleSet.rules.reduce(0) { $0 + $1.examples.count }
            // Patterns without a required literal cannot be prefiltered: they run over the whole
            // text of every document, which is slow on large inputs.
            let prefilter = Prefilter(ruleSet: ruleSet)
            for rule in ruleSet.rules {
                for (label, regex) in Prefilter.searchedPatterns(of: rule) {
                    guard let failure = prefilter.analysis(of: regex)?.failure else { continue }
                    Terminal.writeError("\(rule.origin.formatted): warning: \(rule.id) (\(label)) has no required literal, so it runs over the whole text of every document: \(failure.reason)")
                }
            }
            // The registry: a law in force that no rule cites must say why; provisions no rule
            // cites (and no other provision's penalty-via names) are probably stale.
            Self.reportSizes(ruleSet, all: sizes)
            let laws = LawCatalog(ruleSet: ruleSet)
            for (law, entry) in laws.uncitedEntries {
                Terminal.writeError("\(law.file ?? law.pcode):\(entry.line):1: warning: \(law.name) \(entry.provision) is in the fact table but no rule cites it")
            }
            let uncited = laws.lawsWithoutRule
            for law in uncited {
                Terminal.writeError("\(law.file ?? law.pcode):1:1: error: \(law.name) (\(law.pcode)) is registered but no rule cites it\n  hint: write a rule that cites it, or say why there is none in `no-rule:`")
            }
            if !uncited.isEmpty { throw ExitCode(2) }
            try Terminal.write("ok: \(ruleSet.rules.count) rules, \(ruleSet.lexicons.count) lexicons, \(ruleSet.sectors.definitions.count) sectors, \(ruleSet.laws.count) laws (\(ruleSet.laws.reduce(0) { $0 + $1.articles.count }) provisions), \(examples) examples in \(ruleSet.roots.joined(separator: ", "))\n")
        }
    }
}

extension RulesCommand.Check {
    /// The compiled size of a rule's largest pattern piece as a share of PCRE2's limit, and
    /// in how many pieces its largest pattern is held: one note per rule at half the limit
    /// or more or split (every rule with `all`), largest first.
    static func reportSizes(_ ruleSet: RuleSet, all: Bool) {
        let limit = Double(PCRE2Engine.compiledSizeLimit)
        var rows: [(share: Double, line: String)] = []
        for rule in ruleSet.rules {
            var largest = 0, pieces = 1, label = ""
            var unsplit: PCRE2Regex?
            for (name, regex) in rule.compiledPatterns {
                guard let pcre2 = regex as? PCRE2Regex else { continue }
                let size = pcre2.compiledSizes.max() ?? 0
                if size > largest || (size == largest && pcre2.pieceCount > pieces) { largest = size; label = name }
                pieces = max(pieces, pcre2.pieceCount)
                if pcre2.pieceCount == 1, size > PCRE2Engine.defaultSplitAbove { unsplit = pcre2 }
            }
            let share = Double(largest) / limit
            guard all || share >= 0.5 || pieces > 1 else { continue }
            let percent = (share * 1000).rounded() / 10
            // A pattern above the split size held whole: say what keeps it from being split.
            let why = unsplit.flatMap { PCRE2Engine.splitRefusal(of: $0.pattern) }.map { "; not split: \($0)" } ?? ""
            rows.append((share, "\(rule.origin.formatted): note: \(rule.id): largest compiled piece \(percent)% of PCRE2's 65,536-byte limit (\(label)), \(pieces) \(pieces == 1 ? "piece" : "pieces")\(why)"))
        }
        for row in rows.sorted(by: { $0.share > $1.share }) { Terminal.writeError(row.line) }
    }
}

extension RulesCommand {
    /// `adlaw rules patterns`: every compiled PCRE2 pattern with its rule id, one per line,
    /// so the same patterns can be run in another tool (`rg -P -f`).
    struct Patterns: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print every compiled PCRE2 pattern with its rule id.",
            discussion: """
            One line per pattern: `<rule id><TAB><label><TAB><pattern>`. The label says what the \
            pattern is for: `match` (the phrase a finding reports), `trigger` and `requires <item>` \
            (document-level rules), `unless ...` (exceptions). Patterns are in PCRE2 syntax and \
            see normalized text; they are compiled with UTF, UCP and (unless the rule says \
            `case-sensitive: true`) caseless matching. With --match-only only `match` and \
            `trigger` patterns are printed, without id and label: a file for `rg -P -f`.
            """
        )

        @OptionGroup var ruleSetOptions: RuleSetOptions
        @OptionGroup var selection: RuleSelectionOptions

        @Flag(name: .customLong("match-only"), help: "Print only the patterns that produce findings (match and trigger), one per line, nothing else.")
        var matchOnly = false

        @Flag(name: .customLong("literals"), help: "Instead of the patterns, print what the prefilter requires of each searched pattern: its required literals and window, or why it has none.")
        var literals = false

        func run() throws {
            let loaded = try ruleSetOptions.load(engine: PCRE2Engine())
            let filter = try selection.filter(for: loaded)
            let ruleSet = loaded.filtered(filter.includes)
            var out = ""
            if literals {
                let prefilter = Prefilter(ruleSet: ruleSet)
                for rule in ruleSet.rules {
                    for (label, regex) in Prefilter.searchedPatterns(of: rule) {
                        guard let target = prefilter.analysis(of: regex) else { continue }
                        if let requirement = target.requirement {
                            func shown(_ literals: [[UInt8]]) -> String {
                                let some = literals.prefix(12).map { String(decoding: $0, as: UTF8.self) }.joined(separator: "|")
                                return some + (literals.count > 12 ? "|...(\(literals.count) in all)" : "")
                            }
                            let window = requirement.maxBefore.map { "within \($0) characters of the match start" } ?? "anywhere in the match"
                            let paired = requirement.terms.filter { !$0.second.isEmpty }
                            let second = paired.isEmpty ? ""
                                : "; by branch: \(paired.count) of \(requirement.terms.count) also need one of a second set, as \(shown(paired[0].second))"
                            out += "\(rule.id)\t\(label)\tliterals: \(shown(requirement.literals)) (\(window))\(second)\n"
                        } else {
                            out += "\(rule.id)\t\(label)\tno required literal: \(target.failure?.reason ?? "unknown")\n"
                        }
                    }
                }
                try Terminal.writeText(out)
                return
            }
            for rule in ruleSet.rules {
                for (label, regex) in rule.compiledPatterns {
                    // A pattern is one line: a raw line break inside it is written as an escape.
                    let pattern = regex.pattern.replacingOccurrences(of: "\r", with: "\\r").replacingOccurrences(of: "\n", with: "\\n")
                    if matchOnly {
                        if label == "match" || label == "trigger" { out += pattern + "\n" }
                    } else {
                        out += "\(rule.id)\t\(label)\t\(pattern)\n"
                    }
                }
            }
            try Terminal.writeText(out)
        }
    }
}

enum ListFormat: String, ExpressibleByArgument, CaseIterable {
    case human, json
}
