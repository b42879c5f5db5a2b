import Foundation
import Testing

/// `adlaw explain RULE` on the fixture rule pack.
@Suite struct ExplainCommandTests {
    static var rules: [String] { ["--no-builtin-rules", "--rules", CLIRunner.fixtures.appendingPathComponent("rules").path] }

    @Test func explainsRationaleLawExamplesAndWhatToWriteInstead() throws {
        let out = try CLIRunner.adlaw(["explain", "claims.medical"] + Self.rules, in: CLIRunner.fixtures)
        #expect(out.status == 0, "stderr: \(out.stderr)")
        let expected = """
        claims.medical  食品宣稱醫療效能（測試）
        severity: error · sectors: food

        Why
          食品安全衛生管理法第28條第2項規定，食品不得為醫療效能之標示、宣傳或廣告。

        Law
          - 食品安全衛生管理法 第28條第2項（L0040001）
            penalty: 新臺幣60萬元以上500萬元以下罰鍰（第45條第1項）
            https://law.moj.gov.tw/LawClass/LawSingle.aspx?pcode=L0040001&flno=28

        Flagged
          ✗ 每天一杯，⟦預防感冒⟧。
          ✗ 喝了就能⟦治療失眠⟧

        Not flagged
          ✓ 本產品不能預防感冒。
          ✓ 幫助入睡，好好休息。

        Write instead
          刪除疾病名稱，改寫為「調整體質」等一般營養詞句。

        If legal has approved it
          Substantiated claim: add it under `claims:` in .adlaw.yml with its evidence, approver and expiry date.
          One-off exception: a comment on the line before, with the reason:
          <!-- adlaw-disable-next-line claims.medical -- <reason> -->

        """
        #expect(out.stdout == expected)
    }

    @Test func markdownHasHeadingsAndLinks() throws {
        let out = try CLIRunner.adlaw(["explain", "returns.no-return", "--format", "markdown"] + Self.rules, in: CLIRunner.fixtures)
        #expect(out.status == 0)
        #expect(out.stdout.hasPrefix("## returns.no-return: 排除七日解除權（測試）\n"))
        #expect(out.stdout.contains("### Law\n\n- 消費者保護法 第19條（J0170001）"))
        #expect(out.stdout.contains("```html\n<!-- adlaw-disable-next-line returns.no-return -- <reason> -->\n```"))
    }

    @Test func builtInChecksAreExplainedToo() throws {
        let out = try CLIRunner.adlaw(["explain", "adlaw.suppression-reason"] + Self.rules, in: CLIRunner.fixtures)
        #expect(out.status == 0)
        #expect(out.stdout.hasPrefix("adlaw.suppression-reason  抑制註解缺少理由\nseverity: error"))
        #expect(!out.stdout.contains("\nLaw\n"))
    }

    @Test func anUnknownRuleIsAUsageErrorWithASuggestion() throws {
        let out = try CLIRunner.adlaw(["explain", "claims.medic"] + Self.rules, in: CLIRunner.fixtures)
        #expect(out.status == 2)
        #expect(out.stderr.contains("no rule `claims.medic`; did you mean `claims.medical`?"))
    }

    @Test func everyBuiltInRuleCanBeExplained() throws {
        let list = try CLIRunner.adlaw(["rules", "list", "--format", "json"], in: CLIRunner.packageRoot)
        let rules = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        let out = try CLIRunner.adlaw(["explain", "--all", "--format", "markdown"], in: CLIRunner.packageRoot)
        #expect(out.status == 0)
        let headings = out.stdout.split(separator: "\n").filter { $0.hasPrefix("## ") }
        // Every rule, then the built-in checks on suppressions.
        #expect(!rules.isEmpty && headings.count == rules.count + 3)
        #expect(headings.last == "## adlaw.suppression-invalid: 無效的抑制註解")
        #expect(out.stdout.components(separatedBy: "\n### Law\n").count == rules.count + 1, "every rule cites the law")
        #expect(out.stdout.components(separatedBy: "\n### Flagged\n").count == rules.count + 1, "every rule has examples")
    }
}
