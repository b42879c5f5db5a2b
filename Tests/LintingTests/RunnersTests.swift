import LintCore
import Linting
import PCRE2Matcher
import Testing
import TestSupport

@Suite struct ExampleRunnerTests {
    @Test func variantsShiftSpansExactly() {
        let example = RuleExample(expectation: .match, text: "第一行\n可以治療", spans: [16..<22], line: 1)
        let (prefixed, prefixedSpans) = ExampleRunner.embed(example, in: .multiBytePrefix)
        #expect(Array(Array(prefixed.utf8)[prefixedSpans[0]]) == Array("治療".utf8))
        let (crlf, crlfSpans) = ExampleRunner.embed(example, in: .crlfLines)
        #expect(crlf == "第一行\r\n可以治療")
        #expect(Array(Array(crlf.utf8)[crlfSpans[0]]) == Array("治療".utf8))
        let (paragraph, paragraphSpans) = ExampleRunner.embed(example, in: .paragraph)
        #expect(Array(Array(paragraph.utf8)[paragraphSpans[0]]) == Array("治療".utf8))
    }

    @Test func reportsAnExampleWhoseSpansDiffer() throws {
        let set = try TestSupport.loadRules([
            "a/b.yaml": TestSupport.ruleYAML(id: "a.b", body: "terms: [保證有效]",
                                             examples: "  match: [⟦保證⟧有效, ⟦保證有效⟧]\n  no-match: [有效, 保證有效呢]"),
        ])
        let failures = ExampleRunner(linter: Linter(ruleSet: set)).run(set.rules[0], scratch: PCRE2Engine().makeScratch())
        #expect(failures.count == 2)
        #expect(failures[0].expected == ["保證"] && failures[0].actual == ["保證有效"])
        #expect(failures[1].expected.isEmpty && failures[1].actual == ["保證有效"])
        #expect(failures[0].line == 11)
        #expect(failures[0].description.contains("expected: ⟦保證⟧"))
    }
}

@Suite struct CorpusCheckerTests {
    let set: RuleSet

    init() throws {
        set = try TestSupport.loadRules([
            "a/b.yaml": TestSupport.ruleYAML(id: "a.b", body: "terms: [保證有效]"),
        ])
    }

    func check(_ text: String) -> CorpusChecker.CaseResult {
        let document = TestSupport.document(text, path: "case.md")
        return CorpusChecker(linter: Linter(ruleSet: set)).check(
            document, expectations: CorpusChecker.annotations(in: document.source), scratch: PCRE2Engine().makeScratch())
    }

    @Test func parsesAnnotationsInEachCommentStyle() {
        let source = SourceText("<!-- ruleid: a.b -->\n# ok: a.b, c.d\n\nline three\n// todoruleid: a.b\ntarget")
        let annotations = CorpusChecker.annotations(in: source)
        #expect(annotations.map(\.mark) == [.ruleid, .ok, .ok, .todoruleid])
        #expect(annotations.map(\.line) == [4, 4, 4, 6])
        #expect(annotations[2].ruleID == RuleID("c.d"))
    }

    @Test func passesWhenFindingsAndAnnotationsAgree() {
        let result = check("<!-- ruleid: a.b -->\n保證有效\n<!-- ok: a.b -->\n有效")
        #expect(result.failures.isEmpty)
        #expect(result.tallies["a"]?.truePositives == 1)
    }

    @Test func anUnannotatedFindingIsAFalsePositive() {
        let result = check("保證有效")
        #expect(result.failures == ["case.md:1:1: unexpected a.b on 「保證有效」"])
        #expect(result.tallies["a"]?.precision == 0)
    }

    @Test func anAnnotationWithoutAFindingIsAMiss() {
        let result = check("<!-- ruleid: a.b -->\n沒有問題")
        #expect(result.failures == ["case.md:1: missed a.b at line 2"])
        #expect(result.tallies["a"]?.recall == 0)
    }

    @Test func todoAnnotationsCountWithoutFailing() {
        let known = check("<!-- todoruleid: a.b -->\n沒有問題\n<!-- todook: a.b -->\n保證有效")
        #expect(known.failures.isEmpty)
        #expect(known.tallies["a"]?.knownMisses == 1)
        #expect(known.tallies["a"]?.knownFalsePositives == 1)
        let fixed = check("<!-- todoruleid: a.b -->\n保證有效")
        #expect(fixed.failures.first?.contains("change `todoruleid` to `ruleid`") == true)
    }

    @Test func sidecarFilesTargetLinesOrLogicalLocations() {
        let expectations = CorpusChecker.sidecar("# comment\nruleid: a.b @ 12\nok: a.b @ slide 2 ¶1\n")
        #expect(expectations.map(\.line) == [12, nil])
        #expect(expectations.map(\.location) == [nil, "slide 2 ¶1"])
    }
}
