import Foundation
import LintCore
import PCRE2Matcher
import RuleCompiler
import Testing
import TestSupport

/// The law fact table: rules cite provisions it describes, and every citation, penalty and
/// link comes from it, for the law in force on the day asked.
@Suite struct LawTableTests {
    /// A law with two versions: §9 (old numbering) became §12, with penalties split by
    /// addressee; §15 did not exist before the second version; §20 amends pending.
    static let law = """
    name: 測試防制法
    pcode: L0000001
    status: in-force
    authority: 測試主管機關
    versions:
      - {promulgated: 2007-07-11, in-force: 2009-01-11}
      - {promulgated: 2023-02-15, in-force: 2023-03-22}
      - {promulgated: 2025-06-30, in-force: pending}
    articles:
      第12條:
        since: 2023-02-15
        duty: 不得促銷或廣告
        binds: [manufacturer, media, seller]
        penalties:
          - {article: 第28條, who: [manufacturer], fine: 5000000-25000000}
          - {article: 第33條, who: [agency, media], fine: 200000-1000000}
          - {article: 第34條, who: [seller], label: 其他人, fine: 100000-500000}
        source: 測試
        earlier:
          - since: 2007-07-11
            cited-as: 第9條
            duty: 不得促銷或廣告（舊法）
            binds: [manufacturer]
            penalties:
              - {article: 第26條第1項, who: [manufacturer], fine: 5000000-25000000}
            source: 測試
      第15條第1項第2款:
        since: 2023-02-15
        new: true
        duty: 不得廣告類菸品
        binds: [anyone]
        penalties:
          - {article: 第31條, who: [anyone], fine: 200000-1000000}
        source: 測試
      第20條:
        since: 2007-07-11
        duty: 應標示警語
        binds: [advertiser]
        penalties:
          - {article: 第40條, who: [advertiser], fine: 30000-500000}
        source: 測試
        amended:
          - since: 2025-06-30
            duty: 應標示警語（修正）
            binds: [advertiser]
            penalties:
              - {article: 第40條, who: [advertiser], fine: 60000-600000}
            source: 測試
      第21條:
        since: 2023-02-15
        duty: 依第20條辦理
        binds: [advertiser]
        penalty-via: [測試防制法 第20條]
        source: 測試
    """

    static func rule(_ references: String, id: String = "a.b") -> String {
        TestSupport.ruleYAML(id: id, body: "terms: [保證有效]").replacingOccurrences(of: "- 食品安全衛生管理法 第28條第1項", with: references)
    }

    static func load(_ references: String, asOf: String? = nil) throws -> RuleSet {
        let folder = TestSupport.temporaryFolder("laws")
        defer { TestSupport.remove(folder) }
        try TestSupport.write(["laws.yaml": TestSupport.lawsYAML, "laws/L0000001.yaml": law, "sectors.yaml": TestSupport.sectorsYAML,
                               "lexicons/negations.yaml": TestSupport.negationsYAML, "a/b.yaml": rule(references)], in: folder)
        return try RuleSetLoader(engine: PCRE2Engine(), asOf: asOf.flatMap(CalendarDate.init)).load(folders: [folder.path])
    }

    @Test func citationPenaltyAndLinkComeFromTheTable() throws {
        let set = try Self.load("- 測試防制法 第12條", asOf: "2026-01-01")
        let reference = try #require(set.rules.first?.references.first)
        #expect(reference.citation == "測試防制法 第12條")
        #expect(reference.url == "https://law.moj.gov.tw/LawClass/LawSingle.aspx?pcode=L0000001&flno=12")
        #expect(reference.authority == "測試主管機關")
        #expect(reference.penalty == "製造或輸入業者：新臺幣500萬元以上2,500萬元以下罰鍰（第28條）；廣告業者、傳播媒體業者：新臺幣20萬元以上100萬元以下罰鍰（第33條）；其他人：新臺幣10萬元以上50萬元以下罰鍰（第34條）")
        #expect(reference.duty == "不得促銷或廣告")
        #expect(reference.version == "2023-02-15公布，2023-03-22施行")
        #expect(reference.provisions == ["第12條"])
    }

    @Test func anEarlierDayCitesTheTextInForceThen() throws {
        let set = try Self.load("- 測試防制法 第12條", asOf: "2022-12-31")
        let reference = try #require(set.rules.first?.references.first)
        #expect(reference.citation == "測試防制法 第9條")
        #expect(reference.penalty == "製造或輸入業者：新臺幣500萬元以上2,500萬元以下罰鍰（第26條第1項）")
        #expect(reference.url == "https://law.moj.gov.tw/LawClass/LawSingle.aspx?pcode=L0000001&flno=9")
        #expect(reference.provisions == ["第12條"])
    }

    @Test func aProvisionNotYetInForceIsLeftOutAndARuleWithNoneLeftDoesNotRun() throws {
        let both = try Self.load("- 測試防制法 第12條、第15條第1項第2款", asOf: "2022-12-31")
        #expect(both.rules.first?.references.first?.citation == "測試防制法 第9條")
        let only = try Self.load("- 測試防制法 第15條第1項第2款", asOf: "2022-12-31")
        #expect(only.rules.isEmpty)
        #expect(only.inactiveRules.map(\.id) == [RuleID("a.b")])
        #expect(only.citations[RuleID("a.b")]?.first?.pcode == "L0000001")
    }

    @Test func aDayBeforeTheTableSaysSo() throws {
        let set = try Self.load("- 測試防制法 第12條", asOf: "2001-01-01")
        let reference = try #require(set.rules.first?.references.first)
        #expect(reference.citation == "測試防制法 第9條")
        #expect(reference.note == "本表未收錄2001-01-01時之條文，依2009-01-11施行之條文標示")
    }

    @Test func aPassedAmendmentIsNotedUntilItTakesEffect() throws {
        let set = try Self.load("- 測試防制法 第20條", asOf: "2026-01-01")
        let reference = try #require(set.rules.first?.references.first)
        #expect(reference.penalty == "新臺幣3萬元以上50萬元以下罰鍰（第40條）")
        #expect(reference.note == "第20條已於2025-06-30修正公布，施行日期未定")
    }

    @Test func penaltyViaIsExpandedUnlessTheTargetIsCitedToo() throws {
        let alone = try Self.load("- 測試防制法 第21條")
        #expect(alone.rules.first?.references.first?.penalty == "新臺幣3萬元以上50萬元以下罰鍰（第40條）")
        let together = try Self.load("- 測試防制法 第21條\n  - 測試防制法 第20條")
        #expect(together.rules.first?.references.first?.penalty == "依第20條處罰")
    }

    /// The first load error of a rule citing `references`.
    static func firstError(_ references: String) throws -> RuleFileError.Kind? {
        let folder = TestSupport.temporaryFolder("laws")
        defer { TestSupport.remove(folder) }
        try TestSupport.write(["laws.yaml": TestSupport.lawsYAML, "laws/L0000001.yaml": law, "sectors.yaml": TestSupport.sectorsYAML,
                               "a/b.yaml": rule(references)], in: folder)
        let loader = RuleSetLoader(engine: PCRE2Engine())
        let result = Result { () throws(RuleLoadError) -> RuleSet in try loader.load(folders: [folder.path]) }
        guard case let .failure(error) = result else { return nil }
        return error.errors.first?.kind
    }

    @Test func citationsMustBeInTheTable() throws {
        if case let .provisionNotInTable(law, provision, _)? = try Self.firstError("- 測試防制法 第99條") {
            #expect(law == "測試防制法" && provision == "第99條")
        } else { Issue.record("expected provisionNotInTable") }
        #expect(try Self.firstError("- 測試防制法 第15條") == .provisionInParts(law: "測試防制法", provision: "第15條", parts: ["第15條第1項第2款"]))
        for bad in ["- 測試防制法 第二十條", "- 測試防制法", "- pcode: L0000001\n    url: https://example.org"] {
            if case .badCitation? = try Self.firstError(bad) {} else { Issue.record("expected badCitation for \(bad)") }
        }
    }

    /// A rule from a branch older than the table: the error names the exact line to write
    /// (and what the table lacks first), so converting it needs nothing but the error.
    @Test func anOldStyleCitationSaysWhatToWriteInstead() throws {
        let old = "- law: 測試防制法\n    article: 第 20 條\n    pcode: L0000001\n    penalty: 新臺幣3萬元以上50萬元以下罰鍰\n    url: https://example.org"
        #expect(try Self.firstError(old) == .oldStyleCitation(line: "測試防制法 第20條", firstStep: nil))
        // The name is taken from the pcode when the old entry misspelt it.
        let misspelt = old.replacingOccurrences(of: "law: 測試防制法", with: "law: 測試防治法")
        #expect(try Self.firstError(misspelt) == .oldStyleCitation(line: "測試防制法 第20條", firstStep: nil))
        // A provision the table describes in parts: the first part, and the list to choose from.
        let parts = old.replacingOccurrences(of: "第 20 條", with: "第15條")
        guard case let .oldStyleCitation(line, step?)? = try Self.firstError(parts) else {
            Issue.record("expected oldStyleCitation with a first step"); return
        }
        #expect(line == "測試防制法 第15條第1項第2款" && step.contains("第15條第1項第2款"))
        // A provision missing from the table: add it first, and keep the penalty the rule gave.
        let missing = old.replacingOccurrences(of: "第 20 條", with: "第99條")
        guard case let .oldStyleCitation(line2, step2?)? = try Self.firstError(missing) else {
            Issue.record("expected oldStyleCitation with a first step"); return
        }
        #expect(line2 == "測試防制法 第99條" && step2.contains("L0000001.yaml") && step2.contains("新臺幣3萬元以上50萬元以下罰鍰"))
        let error = RuleFileError(file: "a/b.yaml", line: 7, column: 5, kind: .oldStyleCitation(line: "測試防制法 第20條", firstStep: nil))
        #expect(error.description.contains("with the one line `- 測試防制法 第20條`"))
    }

    @Test func tableEntriesNeedAPenaltyOrAReason() throws {
        let broken = Self.law.replacingOccurrences(of: "    penalty-via: [測試防制法 第20條]\n", with: "")
        let folder = TestSupport.temporaryFolder("laws")
        defer { TestSupport.remove(folder) }
        try TestSupport.write(["laws/L0000001.yaml": broken, "sectors.yaml": TestSupport.sectorsYAML], in: folder)
        #expect(throws: RuleLoadError.self) { _ = try RuleSetLoader(engine: PCRE2Engine()).load(folders: [folder.path]) }
    }

    @Test func provisionsParseAndRender() throws {
        let list = try Provision.parseList("第19條第1項、第5項")
        #expect(list == [Provision(article: 19, paragraph: 1), Provision(article: 19, paragraph: 5)])
        #expect(Provision.render(list) == "第19條第1項、第5項")
        let items = try Provision.parseList("第15條第1項第2款、第3款、第22條之1、附件四")
        #expect(items.map(\.description) == ["第15條第1項第2款", "第15條第1項第3款", "第22條之1", "附件四"])
        #expect(Provision.render(items) == "第15條第1項第2款、第3款、第22條之1、附件四")
        #expect(items[2].flno == "22-1")
        #expect(Provision(article: 37).covers(Provision(article: 37, subparagraph: 2)))
        #expect(!Provision(article: 28, paragraph: 1).covers(Provision(article: 28, paragraph: 2)))
        #expect(throws: Provision.SyntaxError.self) { _ = try Provision.parseList("第5項第2款") }
    }

    @Test func finesAreWrittenTheWayLawyersWriteThem() {
        #expect(Penalty.fineText(2000...50000) == "新臺幣2千元以上5萬元以下罰鍰")
        #expect(Penalty.fineText(600000...25000000) == "新臺幣60萬元以上2,500萬元以下罰鍰")
        #expect(Penalty.fineText(0...300000) == "新臺幣30萬元以下罰鍰")
        #expect(Penalty.amount(100_000_000) == "1億")
    }
}
