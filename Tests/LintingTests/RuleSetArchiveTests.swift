import Extractors
import FileSelection
import Foundation
import LintCore
import Linting
import PCRE2Matcher
import RuleCompiler
import Testing
import TestSupport

/// A rule set written out and read back (the CLI's rule-set cache) must be the same rule
/// set: every field of every rule, the same compiled patterns, the same findings.
@Suite struct RuleSetArchiveTests {
    let engine = PCRE2Engine()
    static let shipped: RuleSet? = try? RuleSetLoader(engine: PCRE2Engine()).load(folders: [TestSupport.rulesFolder])

    func roundTrip(_ ruleSet: RuleSet) throws -> RuleSet {
        let data = try JSONEncoder().encode(ruleSet)
        let decoder = JSONDecoder()
        decoder.userInfo = RegexDecodingContext(engine: engine).userInfo
        return try decoder.decode(RuleSet.self, from: data)
    }

    /// Every pattern of a rule as label, source and case folding.
    func patterns(_ rule: Rule) -> [String] {
        rule.compiledPatterns.map { "\($0.label)\t\($0.regex.isCaseInsensitive)\t\($0.regex.pattern)" }
    }

    @Test func theShippedRulesComeBackFieldByField() throws {
        let original = try #require(Self.shipped)
        let copy = try roundTrip(original)
        #expect(copy.rules.map(\.id) == original.rules.map(\.id))
        #expect(copy.rules.count > 100)
        for (a, b) in zip(copy.rules, original.rules) {
            #expect(a.name == b.name && a.severity == b.severity && a.message == b.message && a.rationale == b.rationale, "\(b.id)")
            #expect(a.references == b.references && a.sectors == b.sectors && a.zones == b.zones, "\(b.id)")
            #expect(a.suggestion == b.suggestion && a.tags == b.tags && a.origin == b.origin, "\(b.id)")
            #expect(a.pattern.kind == b.pattern.kind && patterns(a) == patterns(b), "\(b.id)")
            #expect(a.conditions == b.conditions && a.examples == b.examples, "\(b.id)")
            #expect(a.exceptions.inside?.window == b.exceptions.inside?.window, "\(b.id)")
            #expect(a.exceptions.precededBy?.within == b.exceptions.precededBy?.within, "\(b.id)")
            #expect(a.exceptions.precededBy?.window == b.exceptions.precededBy?.window, "\(b.id)")
            #expect(a.exceptions.followedBy?.within == b.exceptions.followedBy?.within, "\(b.id)")
            #expect(a.exceptions.followedBy?.window == b.exceptions.followedBy?.window, "\(b.id)")
            if case let .span(x) = a.pattern, case let .span(y) = b.pattern { #expect(x.componentGroups == y.componentGroups, "\(b.id)") }
            if case let .document(x) = a.pattern, case let .document(y) = b.pattern {
                #expect(x.mode == y.mode && x.required.map(\.label) == y.required.map(\.label), "\(b.id)")
            }
            if case let .checklist(x) = a.pattern, case let .checklist(y) = b.pattern {
                #expect(x.element == y.element && x.items.map(\.label) == y.items.map(\.label), "\(b.id)")
                #expect(x.items.map(\.noFinding) == y.items.map(\.noFinding), "\(b.id)")
                #expect(x.items.map { $0.when?.pattern } == y.items.map { $0.when?.pattern }, "\(b.id)")
            }
        }
        #expect(copy.laws == original.laws && copy.lexicons == original.lexicons)
        #expect(copy.roots == original.roots && copy.version == original.version)
        #expect(copy.sectors.definitions.map(\.id) == original.sectors.definitions.map(\.id))
        #expect(copy.sectors.definitions.map { $0.strongSignals?.pattern } == original.sectors.definitions.map { $0.strongSignals?.pattern })
        #expect(copy.sectors.definitions.map { $0.weakSignals?.pattern } == original.sectors.definitions.map { $0.weakSignals?.pattern })
        // The article reading: its groups, their weights and the threshold.
        let article = try #require(original.sectors.article), articleCopy = try #require(copy.sectors.article)
        #expect(articleCopy.signals.map(\.group) == article.signals.map(\.group))
        #expect(articleCopy.signals.map(\.regex.pattern) == article.signals.map(\.regex.pattern))
        #expect(articleCopy.weights == article.weights && !article.weights.isEmpty && articleCopy.minSignals == article.minSignals)
        // Group names come from compiling again: `where:` conditions still find their groups.
        let withGroups = original.rules.filter { !$0.conditions.isEmpty }
        #expect(!withGroups.isEmpty)
        for rule in withGroups {
            let again = try #require(copy.rule(rule.id))
            #expect(again.pattern.triggerRegex?.groupNames == rule.pattern.triggerRegex?.groupNames)
        }
    }

    @Test func theCorpusGivesTheSameFindingsWithTheRuleSetReadBack() throws {
        let original = try #require(Self.shipped)
        let copy = try roundTrip(original)
        let reader = DocumentReader()
        let files = FileWalker(extensions: reader.knownExtensions).expand([TestSupport.corpusFolder]).files
        let everySector = original.sectors.definitions.map(\.id)
        let fromCopy = Linter(ruleSet: copy), fromOriginal = Linter(ruleSet: original)
        let scratch = engine.makeScratch()
        var findings = 0
        for path in files {
            let document = try reader.read(path: path)
            for options in [LintOptions(), LintOptions(sectors: everySector)] {
                let a = fromCopy.lint(document, options: options, scratch: scratch)
                let b = fromOriginal.lint(document, options: options, scratch: scratch)
                #expect(a.findings == b.findings, "\(path)")
                #expect(a.diagnostics == b.diagnostics && a.sectors == b.sectors && a.checklists == b.checklists, "\(path)")
                findings += b.findings.count
            }
        }
        #expect(findings > 500)
    }

    /// As the rule-set cache writes it: each pattern once in a table, the rules referring to it.
    @Test func withAPatternTableEachPatternIsWrittenOnceAndSharedWhenRead() throws {
        let original = try #require(Self.shipped)
        let encoder = JSONEncoder()
        let table = RegexEncodingContext()
        encoder.userInfo = table.userInfo
        let data = try encoder.encode(original)
        let sources = table.patterns.map { "\($0.isCaseInsensitive)\t\($0.pattern)" }
        #expect(Set(sources).count == sources.count)
        #expect(sources.count > 100)
        let compiled = try table.patterns.map { try engine.compile($0.pattern, caseInsensitive: $0.isCaseInsensitive) }
        let decoder = JSONDecoder()
        decoder.userInfo = RegexDecodingContext(table: compiled).userInfo
        let copy = try decoder.decode(RuleSet.self, from: data)
        #expect(copy.rules.map(patterns) == original.rules.map(patterns))
        #expect(copy.rules.map(\.id) == original.rules.map(\.id))
        // An index past the table is an error, not a crash.
        let short = JSONDecoder()
        short.userInfo = RegexDecodingContext(table: Array(compiled.prefix(1))).userInfo
        #expect(throws: DecodingError.self) { try short.decode(RuleSet.self, from: data) }
    }

    @Test func readingWithoutAnEngineOrWithABrokenPatternFailsWithAnError() throws {
        let ruleSet = try TestSupport.loadRules(["x/a.yaml": TestSupport.ruleYAML(id: "x.a", body: "regex: '保證有效'")])
        let data = try JSONEncoder().encode(ruleSet)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(RuleSet.self, from: data) }
        let text = try #require(String(data: data, encoding: .utf8))
        let broken = text.replacingOccurrences(of: "保證有效", with: "保證(有效")
        #expect(broken != text)
        let decoder = JSONDecoder()
        decoder.userInfo = RegexDecodingContext(engine: engine).userInfo
        #expect(throws: DecodingError.self) { try decoder.decode(RuleSet.self, from: Data(broken.utf8)) }
    }
}
