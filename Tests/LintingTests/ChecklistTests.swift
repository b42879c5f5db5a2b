import LintCore
import Linting
import PCRE2Matcher
import RuleCompiler
import Testing
import TestSupport

@Suite struct ChecklistTests {
    let set: RuleSet

    init() throws {
        set = try TestSupport.loadRules([
            "a/prize.yaml": TestSupport.ruleYAML(
                id: "a.prize", body: "regex: '首獎(?<amount>{{number}})元'\nwhere:\n  - group: amount\n    greater-than: 5000000",
                examples: "  match: [⟦首獎600萬元⟧, ⟦首獎6000000元⟧]\n  no-match: [首獎100元, 首獎]"),
            "plan/lottery.yaml": TestSupport.ruleYAML(
                id: "plan.lottery", severity: "info", message: "未完成：{missing}",
                body: """
                checklist:
                  element: 抽獎活動
                  trigger: [抽獎]
                  items:
                    - label: 首獎不超過500萬
                      no-finding: [a.prize]
                      figures: { regex: '首獎[^。\\n]{0,8}' }
                    - label: 載明活動期間
                      terms: [活動期間]
                    - label: 行銷同意
                      when: [電子報]
                      terms: [同意]
                """,
                examples: "  match: [\"⟦抽獎⟧活動\", \"⟦抽獎⟧\\n首獎600萬元\\n活動期間：三月\"]\n  no-match: [\"抽獎\\n活動期間：三月\\n首獎300萬元\", 沒有活動]"),
        ])
    }

    func result(_ text: String, filter: RuleFilter = .all) -> DocumentResult {
        Linter(ruleSet: set).lint(TestSupport.document(text), options: LintOptions(includeChecklists: true, filter: filter),
                                  scratch: PCRE2Engine().makeScratch())
    }

    @Test func itemsAreMetByPhrasesAndByRulesThatDidNotFire() throws {
        let list = try #require(result("抽獎\n活動期間：三月\n首獎300萬元").checklists.first)
        #expect(list.element == "抽獎活動")
        #expect(list.line == 1)
        #expect(list.items.map(\.met) == [true, true])
        #expect(list.items[0].figures == ["首獎300萬元"])
        #expect(list.items[1].evidence == ["活動期間"])
    }

    @Test func anItemIsOpenWhenItsRuleFiredOrItsPhraseIsMissing() throws {
        let outcome = result("抽獎開跑\n首獎600萬元")
        let list = try #require(outcome.checklists.first)
        #expect(list.items.map(\.met) == [false, false])
        #expect(list.items[0].evidence == ["a.prize：「首獎600萬元」"])
        let finding = try #require(outcome.findings.first { $0.ruleID == RuleID("plan.lottery") })
        #expect(finding.message == "未完成：「首獎不超過500萬」、「載明活動期間」")
        #expect(finding.matchedText == "抽獎")
    }

    @Test func itemsWithWhenApplyOnlyWhenTheDocumentMentionsIt() throws {
        #expect(try #require(result("抽獎 活動期間").checklists.first).items.count == 2)
        let withNewsletter = try #require(result("抽獎 活動期間 訂閱電子報").checklists.first)
        #expect(withNewsletter.items.map(\.label) == ["首獎不超過500萬", "載明活動期間", "行銷同意"])
        #expect(withNewsletter.items[2].met == false)
    }

    @Test func anItemNamingOnlyRulesIsNeverMetBecauseTheyFoundNothing() throws {
        // No prize figure at all: the prize rule had nothing to check.
        let silent = try #require(result("抽獎\n活動期間：三月").checklists.first)
        #expect(silent.items[0].state == .cannotTell)
        #expect(silent.items[0].confirm == "請確認：首獎不超過500萬")
        #expect(silent.uncertainItems.map(\.label) == ["首獎不超過500萬"])
        // A figure without an amount is no better.
        #expect(try #require(result("抽獎\n活動期間：三月\n首獎神秘好禮").checklists.first).items[0].state == .cannotTell)
        // The figure the rule checked is the evidence.
        let shown = try #require(result("抽獎\n活動期間：三月\n首獎300萬元").checklists.first)
        #expect(shown.items[0].state == .met)
        #expect(shown.items[0].evidence == ["首獎300萬元"])
        // What the text cannot show is no finding: only open items are.
        #expect(!result("抽獎\n活動期間：三月").findings.contains { $0.ruleID == RuleID("plan.lottery") })
    }

    @Test func noTriggerMeansNoChecklist() {
        #expect(result("本週新品上市").checklists.isEmpty)
    }

    @Test func checklistsRunOnlyWhenAsked() {
        let outcome = Linter(ruleSet: set).lint(TestSupport.document("抽獎"), scratch: PCRE2Engine().makeScratch())
        #expect(outcome.checklists.isEmpty && outcome.findings.isEmpty)
    }

    @Test func selectingAChecklistStillRunsTheRulesItDependsOn() throws {
        let outcome = result("抽獎 活動期間\n首獎600萬元", filter: RuleFilter(only: ["plan"]))
        #expect(outcome.findings.map(\.ruleID.rawValue) == ["plan.lottery"])
        #expect(try #require(outcome.checklists.first).items[0].met == false)
    }

    @Test func aChecklistSelectorMustSelectARuleThatIsNotAChecklist() {
        let unknown = TestSupport.loadErrors([
            "plan/x.yaml": TestSupport.ruleYAML(id: "plan.x", body: "checklist:\n  element: x\n  trigger: [抽獎]\n  items:\n    - label: y\n      no-finding: [nope.*]",
                                                examples: "  match: [⟦抽獎⟧, ⟦抽獎⟧活動]\n  no-match: [a, b]"),
        ])
        #expect(unknown.map(\.problem) == ["`no-finding: nope.*` selects no rule"])
        let itemWithoutTest = TestSupport.loadErrors([
            "plan/x.yaml": TestSupport.ruleYAML(id: "plan.x", body: "checklist:\n  element: x\n  trigger: [抽獎]\n  items:\n    - label: y",
                                                examples: "  match: [⟦抽獎⟧, ⟦抽獎⟧活動]\n  no-match: [a, b]"),
        ])
        #expect(itemWithoutTest.first?.problem.contains("needs `terms`/`regex`") == true)
    }
}

@Suite struct CampaignAuditTests {
    func finding(_ severity: Severity, line: Int = 1, rule: String = "a.b") -> Finding {
        let source = SourceText("保證有效")
        return Finding(ruleID: RuleID(rule), ruleName: "測試", severity: severity, message: "訊息", references: [], suggestion: nil,
                       path: "x.md", byteRange: 0..<12, start: TextPosition(line: line, column: 1, utf16Column: 1, byteColumn: 1),
                       end: source.position(of: 12), matchedText: "保證有效", zone: .body, logicalLocation: nil,
                       snippet: source.snippet(for: 0..<12), segmentIndex: 0)
    }

    @Test func theMostSeriousFindingDecidesTheVerdict() {
        #expect(CampaignAudit.verdict(findings: [finding(.info), finding(.error, line: 3, rule: "x.err")], checklists: [], rules: [:]).level == .block)
        let review = CampaignAudit.verdict(findings: [finding(.warning, line: 2, rule: "x.warn")], checklists: [], rules: [:])
        #expect(review.level == .needsReview && review.ruleID == RuleID("x.warn"))
        #expect(review.reason.contains("第2行「保證有效」"))
        #expect(CampaignAudit.verdict(findings: [finding(.info)], checklists: [], rules: [:]).level == .publish)
        #expect(CampaignAudit.verdict(findings: [], checklists: [], rules: [:]).level == .publish)
    }

    @Test func anOpenChecklistItemNeedsReview() {
        let list = ChecklistResult(ruleID: RuleID("plan.x"), element: "抽獎活動", path: "x.md", triggerText: "抽獎", line: 1,
                                   logicalLocation: nil, items: [ChecklistItemResult(label: "載明活動期間", met: false, evidence: [], figures: [])])
        let verdict = CampaignAudit.verdict(findings: [finding(.info)], checklists: [list], rules: [:])
        #expect(verdict.level == .needsReview)
        #expect(verdict.reason == "抽獎活動檢核未完成：載明活動期間")
    }

    @Test func anItemTheTextCannotShowNeedsReview() {
        let list = ChecklistResult(ruleID: RuleID("plan.x"), element: "抽獎活動", path: "x.md", triggerText: "抽獎", line: 1,
                                   logicalLocation: nil,
                                   items: [ChecklistItemResult(label: "全年贈獎總額符合上限", state: .cannotTell, evidence: [], figures: [],
                                                               confirm: "核對全年贈獎總額")])
        let verdict = CampaignAudit.verdict(findings: [], checklists: [list], rules: [:])
        #expect(verdict.level == .needsReview)
        #expect(verdict.reason == "抽獎活動檢核有1項無法由文案判斷，須由審閱者確認：全年贈獎總額符合上限")
    }

    @Test func aCampaignChecksEachElementOnceOverAllItsDocuments() {
        func item(_ label: String, _ state: ChecklistItemResult.State, _ evidence: [String] = [], contradicted: Bool = false) -> ChecklistItemResult {
            ChecklistItemResult(label: label, state: state, evidence: evidence, figures: [], contradicted: contradicted)
        }
        func list(_ path: String, _ items: [ChecklistItemResult]) -> ChecklistResult {
            ChecklistResult(ruleID: RuleID("plan.x"), element: "抽獎活動", path: path, triggerText: "抽獎", line: 2, logicalLocation: nil, items: items)
        }
        let merged = CampaignAudit.campaignChecklists([
            list("b.md", [item("載明活動期間", .met, ["活動期間"]), item("首獎上限", .cannotTell), item("公布日期", .open),
                          item("個資告知", .met, ["蒐集目的"])]),
            list("a.md", [item("載明活動期間", .open), item("首獎上限", .met, ["首獎300萬元"]), item("公布日期", .open),
                          item("個資告知", .open, ["pdpa.collection-notice：「填寫姓名」"], contradicted: true)]),
        ])
        #expect(merged.count == 1)
        let campaign = merged[0]
        #expect(campaign.paths == ["a.md", "b.md"])
        #expect(campaign.items.map(\.label) == ["載明活動期間", "首獎上限", "公布日期", "個資告知"])
        #expect(campaign.items.map(\.state) == [.met, .met, .open, .open])
        #expect(campaign.items[0].evidence == ["b.md：活動期間"])
        #expect(campaign.items[1].evidence == ["a.md：首獎300萬元"])
        // A rule that fired in one document keeps the item open whatever another shows.
        #expect(campaign.items[3].evidence == ["a.md：pdpa.collection-notice：「填寫姓名」"])
    }

    @Test func unreadableFilesNeedReviewAndTheWorstFileDecidesTheCampaign() throws {
        let set = try TestSupport.loadRules(["a/b.yaml": TestSupport.ruleYAML(id: "a.b", severity: "warning", body: "terms: [保證有效]")])
        let result = TestSupport.lint("保證有效", set)
        let report = CampaignAudit.build(title: "春季", generatedAt: "2026-11-25", toolVersion: "0.1.0", ruleSet: set, rules: [],
                                         results: [result], open: result.findings,
                                         diagnostics: [Diagnostic(code: .unreadable, level: .error, path: "broken.docx", message: "cannot read")])
        #expect(report.files.map(\.path) == ["broken.docx", "copy.txt"])
        #expect(report.files[0].verdict.level == .needsReview && !report.files[0].readable)
        #expect(report.verdict.level == .needsReview)
        #expect(report.verdict.ruleID == RuleID("a.b") || report.verdict.ruleID == nil)
        #expect(report.unreadable.map(\.path) == ["broken.docx"])
        #expect(report.rules.keys.map(\.rawValue) == ["a.b"])
    }

    @Test func waivedFindingsDoNotDecideTheVerdict() throws {
        let set = try TestSupport.loadRules(["a/b.yaml": TestSupport.ruleYAML(id: "a.b", severity: "error", body: "terms: [保證有效]")])
        let result = TestSupport.lint("保證有效", set)
        let report = CampaignAudit.build(title: "春季", generatedAt: "2026-11-25", toolVersion: "0.1.0", ruleSet: set, rules: [],
                                         results: [result], open: [], diagnostics: [])
        #expect(report.verdict.level == .publish)
        #expect(report.files.map(\.findingCount) == [0])
        #expect(report.findings.isEmpty)
    }
}
