import LintCore
import RuleCompiler
import Testing
import TestSupport

/// Broken rule files: each problem is reported with file, line, column and a hint.
@Suite struct RuleFileErrorTests {
    func onlyError(_ files: [String: String]) throws -> RuleFileError {
        let errors = TestSupport.loadErrors(files)
        #expect(errors.count == 1, "errors: \(errors)")
        return try #require(errors.first)
    }

    @Test func unknownKeyGetsASuggestion() throws {
        let yaml = TestSupport.ruleYAML(id: "a.b", body: "terms: [保證有效]\nsugestion: 改寫")
        let error = try onlyError(["a/b.yaml": yaml])
        #expect(error.kind == .unknownKey("sugestion", suggestion: "suggestion"))
        #expect(error.line == 10 && error.column == 1)
        #expect(error.file.hasSuffix("a/b.yaml"))
        #expect(error.description.contains("did you mean `suggestion`?"))
    }

    @Test func wrongTypeNamesTheExpectedShape() throws {
        let yaml = TestSupport.ruleYAML(id: "a.b", body: "terms: [保證有效]\nloose: maybe")
        let error = try onlyError(["a/b.yaml": yaml])
        #expect(error.kind == .wrongType(key: "loose", expected: "true or false"))
        #expect(error.line == 10)
    }

    @Test func badRegexPointsIntoThePattern() throws {
        let yaml = TestSupport.ruleYAML(id: "a.b", body: "regex: '保證(有效'")
        let error = try onlyError(["a/b.yaml": yaml])
        guard case let .badRegex(message) = error.kind else { Issue.record("\(error)"); return }
        #expect(message.contains("missing closing parenthesis"))
        #expect(error.line == 9)
        #expect(error.column > 8)
    }

    @Test func patternsThatCanMatchNothingAreRejected() throws {
        let yaml = TestSupport.ruleYAML(id: "a.b", body: "regex: '(?:保證)?'")
        #expect(try onlyError(["a/b.yaml": yaml]).kind == .emptyMatch(key: "regex"))
    }

    @Test func followedWithinNeedsFollowedByAndABoundedDistance() throws {
        let alone = TestSupport.ruleYAML(id: "a.b", body: "terms: [保證有效]\nunless:\n  followed-within: 20")
        #expect(try onlyError(["a/b.yaml": alone]).kind
            == .invalid("`unless.followed-within` only applies to `unless.followed-by`"))
        let far = TestSupport.ruleYAML(id: "a.b", body: "terms: [保證有效]\nunless:\n  followed-by: [資料來源]\n  followed-within: 900")
        let error = try onlyError(["a/b.yaml": far])
        #expect(error.kind == .invalidValue(key: "unless.followed-within", value: "900", allowed: ["a number from 0 to 300"]))
        #expect(error.line == 12)
    }

    @Test func duplicateIDsInOneFolderAreAnError() throws {
        let errors = TestSupport.loadErrors([
            "a/b.yaml": TestSupport.ruleYAML(id: "a.b", body: "terms: [保證有效]"),
            "a/b.yml": TestSupport.ruleYAML(id: "a.b", body: "terms: [保證有效]"),
        ])
        #expect(errors.contains { if case .duplicateID("a.b", _) = $0.kind { true } else { false } })
    }

    @Test func idMustMatchThePath() throws {
        let error = try onlyError(["a/b.yaml": TestSupport.ruleYAML(id: "a.c", body: "terms: [保證有效]")])
        #expect(error.kind == .idMismatch(id: "a.c", expected: "a.b"))
        #expect(error.hint == "write `id: a.b` or move the file")
    }

    @Test func unknownLexiconIsReportedAtTheTerm() throws {
        let error = try onlyError(["a/b.yaml": TestSupport.ruleYAML(id: "a.b", body: "terms: [保證有效, $nope]")])
        #expect(error.kind == .unknownLexicon("nope"))
        #expect(error.line == 9)
    }

    @Test func lexiconCyclesAreReported() throws {
        let errors = TestSupport.loadErrors([
            "lexicons/x.yaml": "lexicon: x\ndescription: x\nterms: [$y]\n",
            "lexicons/y.yaml": "lexicon: y\ndescription: y\nterms: [$x]\n",
        ])
        #expect(errors.contains { if case .lexiconCycle = $0.kind { true } else { false } })
    }

    @Test func repealedLawsCannotBeCited() throws {
        let yaml = TestSupport.ruleYAML(id: "a.b", body: "terms: [保證有效]").replacingOccurrences(
            of: "- 食品安全衛生管理法 第28條第1項", with: "- 廣告物管理辦法 第3條")
        let error = try onlyError(["a/b.yaml": yaml])
        #expect(error.kind == .repealedLaw(name: "廣告物管理辦法", pcode: "D0080033", repealed: "2004-07-23"))
    }

    @Test func unknownLawsAndMisspelledNamesAreCaught() throws {
        let misspelled = TestSupport.ruleYAML(id: "a.b", body: "terms: [保證有效]").replacingOccurrences(of: "食品安全衛生管理法", with: "食品衛生管理法")
        #expect(try onlyError(["a/b.yaml": misspelled]).kind == .unknownLaw(name: "食品衛生管理法", suggestion: "食品安全衛生管理法"))
        let pcode = TestSupport.ruleYAML(id: "a.b", body: "terms: [保證有效]").replacingOccurrences(of: "食品安全衛生管理法 第28條第1項", with: "L0040001 第28條第1項")
        #expect(try onlyError(["a/b.yaml": pcode]).kind == .unknownLaw(name: "L0040001", suggestion: "食品安全衛生管理法"))
    }

    @Test func examplesMustMarkSpansAndBeNumerousEnough() throws {
        let unbalanced = TestSupport.ruleYAML(id: "a.b", body: "terms: [保證有效]", examples: "  match: [⟦保證有效, ⟦保證有效⟧]\n  no-match: [有效, 保證]")
        #expect(try onlyError(["a/b.yaml": unbalanced]).kind == .badExample("⟦ without a closing ⟧"))
        let unmarked = TestSupport.ruleYAML(id: "a.b", body: "terms: [保證有效]", examples: "  match: [保證有效, ⟦保證有效⟧]\n  no-match: [有效, 保證]")
        #expect(try onlyError(["a/b.yaml": unmarked]).kind == .badExample("a `match` example must mark the reported span with ⟦ ⟧"))
        let few = TestSupport.ruleYAML(id: "a.b", body: "terms: [保證有效]", examples: "  match: [⟦保證有效⟧, ⟦保證有效⟧]\n  no-match: [有效]")
        #expect(try onlyError(["a/b.yaml": few]).kind == .tooFewExamples(kind: "no-match", found: 1, needed: 2))
    }

    @Test func messagesMustBeChineseAndUseKnownPlaceholders() throws {
        let english = TestSupport.ruleYAML(id: "a.b", message: "do not say {match}", body: "terms: [保證有效]")
        #expect(try onlyError(["a/b.yaml": english]).kind == .notTraditionalChinese(key: "message"))
        let placeholder = TestSupport.ruleYAML(id: "a.b", message: "不得使用{amount}", body: "terms: [保證有效]")
        #expect(try onlyError(["a/b.yaml": placeholder]).kind == .unknownPlaceholder("amount", allowed: ["match"]))
    }

    @Test func whereMustNameAGroupOfThePattern() throws {
        let yaml = TestSupport.ruleYAML(id: "a.b", body: "terms: [保證有效]\nwhere:\n  - group: amount\n    greater-than: 5")
        #expect(try onlyError(["a/b.yaml": yaml]).kind == .unknownGroup("amount"))
    }

    @Test func yamlSyntaxErrorsCarryTheirPosition() throws {
        let error = try onlyError(["a/b.yaml": "id: a.b\nname: [unclosed\n"])
        guard case .yamlSyntax = error.kind else { Issue.record("\(error)"); return }
        #expect(error.line >= 2)
    }

    @Test func unknownSectorsListTheKnownOnes() throws {
        let error = try onlyError(["a/b.yaml": TestSupport.ruleYAML(id: "a.b", sectors: "[fod]", body: "terms: [保證有效]")])
        #expect(error.kind == .invalidValue(key: "sectors", value: "fod", allowed: ["all", "alcohol", "food"]))
    }

    @Test func everyBrokenFileIsReportedNotOnlyTheFirst() throws {
        let errors = TestSupport.loadErrors([
            "a/one.yaml": TestSupport.ruleYAML(id: "a.one", body: "terms: [保證有效]\nbogus: 1"),
            "a/two.yaml": TestSupport.ruleYAML(id: "a.two", body: "regex: '('"),
            "a/three.yaml": TestSupport.ruleYAML(id: "a.three", body: "terms: [保證有效]"),
        ])
        #expect(errors.count == 2)
    }

    @Test func misplacedYAMLFilesAreReported() throws {
        let errors = TestSupport.loadErrors(["a/deeper/c.yaml": TestSupport.ruleYAML(id: "a.c", body: "terms: [保證有效]")])
        #expect(errors.contains { if case .misplacedFile = $0.kind { true } else { false } })
    }
}
