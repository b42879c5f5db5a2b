import ArgumentParser
import Checker
import AdlawConfiguration
import LintCore
import PCRE2Matcher
import Reporters
import Workflow

/// `adlaw explain RULE`: the rule explained for the copywriter who met it.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain a rule: why the phrase is risky, the articles and penalties, examples, what to write instead.",
        discussion: "Exit codes: 0 explained; 2 unknown rule or a rule-file error."
    )

    @Argument(help: ArgumentHelp("The rule id, e.g. food.medical-efficacy.", valueName: "rule"))
    var id: String?

    @Flag(name: .customLong("all"), help: "Explain every loaded rule (a handbook: `adlaw explain --all --format markdown > RULES.md`).")
    var all = false

    @Option(name: .customLong("format"), help: ArgumentHelp("\(RuleExplainer.Style.allCases.map(\.rawValue).joinedAsAlternatives()).", valueName: "format"))
    var format: RuleExplainer.Style = .text

    @OptionGroup var ruleSetOptions: RuleSetOptions

    func run() throws {
        let config = try ruleSetOptions.configOptions.load()
        let ruleSet = try ruleSetOptions.load(engine: PCRE2Engine(), config: config)
        let explainer = RuleExplainer(style: format)
        let overrides: [RuleID: Severity]
        do { overrides = try config?.applyRules(to: ruleSet, builtInChecks: BuiltInChecks.ids).severityOverrides ?? [:] } catch {
            throw CLIError.config(error)
        }
        if all {
            guard id == nil else { throw CLIError.usage("give a rule id or --all, not both") }
            let separator = format == .markdown ? "\n" : "\n" + String(repeating: "─", count: 40) + "\n\n"
            let explained = ruleSet.rules.map { explainer.render($0.descriptor, examples: $0.examples, configuredSeverity: overrides[$0.id]) }
                + BuiltInChecks.all.map { explainer.render($0, examples: [], configuredSeverity: overrides[$0.id]) }
            try Terminal.writeText(explained.joined(separator: separator))
            return
        }
        guard let id else { throw CLIError.usage("which rule? `adlaw explain <rule-id>`, or --all; `adlaw rules list` shows the ids") }
        if let check = BuiltInChecks.descriptor(RuleID(id)) {
            try Terminal.writeText(explainer.render(check, examples: [], configuredSeverity: overrides[check.id]))
            return
        }
        guard let rule = ruleSet.rule(RuleID(id)) else {
            throw CLIError.usage("no rule `\(id)`\(ExplainCommand.didYouMean(id, among: ruleSet.rules.map(\.id) + BuiltInChecks.ids)) `adlaw rules list` shows the ids")
        }
        try Terminal.writeText(explainer.render(rule.descriptor, examples: rule.examples, configuredSeverity: overrides[rule.id]))
    }
}

extension ExplainCommand {
    /// A typo's nearest rule, or the rules whose ids contain what was typed (`superlative`).
    static func didYouMean(_ id: String, among ids: [RuleID]) -> String {
        if let near = RuleID.suggestion(for: id, among: ids) { return "; did you mean `\(near)`?" }
        let containing = ids.map(\.rawValue).filter { $0.contains(id) }.prefix(5)
        return containing.isEmpty ? "." : "; did you mean \(containing.map { "`\($0)`" }.joined(separator: ", "))?"
    }
}

extension RuleExplainer.Style: ExpressibleByArgument {}
