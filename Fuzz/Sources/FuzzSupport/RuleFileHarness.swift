import Foundation
import LintCore
import Linting
import PCRE2Matcher
import RuleCompiler

/// Compiles arbitrary bytes as the rule file `fz/rule.yaml` against the built-in laws,
/// sectors and lexicons (loaded once). Compiling may fail with an error that names the file
/// and a position; when it succeeds, the rule's own examples are linted.
public final class RuleFileHarness: @unchecked Sendable {
    let engine = PCRE2Engine()
    let loader: RuleSetLoader
    let pack: RuleSet
    let scratch: any RegexScratch

    public init() {
        loader = RuleSetLoader(engine: engine)
        pack = BuiltInRules.load(engine: engine)
        scratch = engine.makeScratch()
    }

    public func run(_ bytes: [UInt8]) {
        // Rule files are read as UTF-8 text; the loader refuses other bytes before parsing.
        guard let text = String(validating: bytes, as: UTF8.self) else { return }
        let rule: Rule
        do {
            rule = try loader.compileRule(text: text, file: "fz/rule.yaml", expectedID: "fz.rule", in: pack)
        } catch {
            FuzzFailure.check(error.file == "fz/rule.yaml" && error.line >= 1 && error.column >= 1,
                              "a rule-file error without a position: \(error)")
            FuzzFailure.check(!error.description.isEmpty, "an empty rule-file error")
            return
        }
        var ruleSet = pack
        ruleSet.rules = [rule]
        _ = ExampleRunner(linter: Linter(ruleSet: ruleSet)).run(rule, scratch: scratch)
    }
}
