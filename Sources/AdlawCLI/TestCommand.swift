import ArgumentParser
import Checker
import Extractors
import FileSelection
import Foundation
import LintCore
import Linting
import PCRE2Matcher
import RuleCompiler

/// `adlaw test`: run every rule's examples, and check annotated corpus folders.
struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run rule examples as tests, and check annotated corpus documents.",
        discussion: """
        With no path, runs the examples of every loaded rule. A folder that holds YAML files is a \
        rule folder: its rules' examples run (with the built-in pack's lexicons and laws). Any \
        other folder is a corpus: each document is checked with all rules and compared with its \
        `ruleid:` / `ok:` / `todoruleid:` / `todook:` annotations, strictly both ways, and \
        precision and recall are printed per area.

        Exit codes: 0 all passed; 1 failures; 2 rule-file or input error.
        """
    )

    @Argument(help: ArgumentHelp("Rule folders or corpus folders.", valueName: "path"))
    var paths: [String] = []

    @OptionGroup var ruleSetOptions: RuleSetOptions
    @OptionGroup var selection: RuleSelectionOptions

    func run() throws {
        let engine = PCRE2Engine()
        let scratch = engine.makeScratch()
        var failed = false
        if paths.isEmpty {
            let ruleSet = try ruleSetOptions.load(engine: engine)
            let filter = try selection.filter(for: ruleSet)
            failed = !(try runExamples(ruleSet.rules.filter(filter.includes), linter: Linter(ruleSet: ruleSet), scratch: scratch,
                                  label: ruleSet.roots.joined(separator: ", ")))
        }
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw CLIError.usage("`\(path)` is not a folder")
            }
            if Self.holdsYAML(path) {
                var options = ruleSetOptions
                let builtin = ruleSetOptions.noBuiltinRules ? nil : RulesLocator.builtinRulesFolder()
                let standardized = URL(fileURLWithPath: path).standardizedFileURL.path
                if builtin.map({ URL(fileURLWithPath: $0).standardizedFileURL.path }) != standardized {
                    options.ruleFolders.append(path)
                }
                let ruleSet = try options.load(engine: engine)
                let filter = try selection.filter(for: ruleSet)
                let rules = ruleSet.rules.filter {
                    filter.includes($0) && URL(fileURLWithPath: $0.origin.file).standardizedFileURL.path.hasPrefix(standardized + "/")
                }
                failed = !(try runExamples(rules, linter: Linter(ruleSet: ruleSet), scratch: scratch, label: path)) || failed
            } else {
                let ruleSet = try ruleSetOptions.load(engine: engine)
                failed = !(try runCorpus(path, ruleSet: ruleSet, filter: try selection.filter(for: ruleSet), scratch: scratch)) || failed
            }
        }
        if failed { throw ExitCode(1) }
    }

    static func holdsYAML(_ folder: String) -> Bool {
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return false }
        for case let name as String in enumerator where name.hasSuffix(".yaml") || name.hasSuffix(".yml") { return true }
        return false
    }

    private func runExamples(_ rules: [Rule], linter: Linter, scratch: any RegexScratch, label: String) throws -> Bool {
        let runner = ExampleRunner(linter: linter, extract: DocumentReader.readExample)
        var failures: [ExampleRunner.Failure] = []
        for rule in rules { failures += runner.run(rule, scratch: scratch) }
        let examples = rules.reduce(0) { $0 + $1.examples.count }
        for failure in failures { try Terminal.write(failure.description + "\n") }
        let status = failures.isEmpty ? "ok" : "FAILED"
        try Terminal.write("\(status): \(rules.count) rules, \(examples) examples x \(ExampleRunner.Variant.all.count) variants, \(failures.count) failure\(failures.count == 1 ? "" : "s") (\(label))\n")
        return failures.isEmpty
    }

    private func runCorpus(_ folder: String, ruleSet: RuleSet, filter: RuleFilter, scratch: any RegexScratch) throws -> Bool {
        let reader = DocumentReader()
        let walked = FileWalker(extensions: reader.knownExtensions).expand([folder])
        let checker = CorpusChecker(linter: Linter(ruleSet: ruleSet))
        var tallies: [String: CorpusChecker.Tally] = [:]
        var failures: [String] = []
        var annotations = 0
        for path in walked.files {
            let document: ExtractedDocument
            do { document = try reader.read(path: path) } catch {
                failures.append("\(path): \(error.description)")
                continue
            }
            var expectations = CorpusChecker.annotations(in: document.source)
            if let sidecar = try? String(contentsOfFile: path + ".expect", encoding: .utf8) {
                expectations += CorpusChecker.sidecar(sidecar)
            }
            annotations += expectations.count
            let result = checker.check(document, expectations: expectations, options: LintOptions(filter: filter), scratch: scratch)
            failures += result.failures
            for (area, tally) in result.tallies { tallies[area, default: CorpusChecker.Tally()] += tally }
        }
        for failure in failures { try Terminal.write(failure + "\n") }
        try Terminal.write(Self.table(tallies))
        let status = failures.isEmpty ? "ok" : "FAILED"
        try Terminal.write("\(status): \(walked.files.count) documents, \(annotations) annotations, \(failures.count) failure\(failures.count == 1 ? "" : "s") (\(folder))\n")
        return failures.isEmpty
    }

    static func table(_ tallies: [String: CorpusChecker.Tally]) -> String {
        func percent(_ value: Double?) -> String {
            guard let value else { return "     -" }
            let tenths = Int((value * 1000).rounded())
            let text = "\(tenths / 10).\(tenths % 10)%"
            return String(repeating: " ", count: max(0, 6 - text.count)) + text
        }
        func pad(_ text: String, _ width: Int) -> String { text.padding(toLength: max(width, text.count), withPad: " ", startingAt: 0) }
        func num(_ n: Int) -> String { let t = String(n); return String(repeating: " ", count: max(0, 5 - t.count)) + t }
        var out = "\(pad("area", 22)) \(num(0).replacingOccurrences(of: "    0", with: "   TP")) \("   FP") \("   FN") \(" todo") precision  recall\n"
        var total = CorpusChecker.Tally()
        for area in tallies.keys.sorted() {
            let t = tallies[area]!
            total += t
            out += "\(pad(area, 22)) \(num(t.truePositives)) \(num(t.falsePositives)) \(num(t.falseNegatives)) \(num(t.knownMisses + t.knownFalsePositives))    \(percent(t.precision))  \(percent(t.recall))\n"
        }
        out += "\(pad("all", 22)) \(num(total.truePositives)) \(num(total.falsePositives)) \(num(total.falseNegatives)) \(num(total.knownMisses + total.knownFalsePositives))    \(percent(total.precision))  \(percent(total.recall))\n"
        return out
    }
}
