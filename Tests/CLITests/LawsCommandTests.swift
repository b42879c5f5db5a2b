import Foundation
import Testing
import TestSupport

/// `adlaw laws`, `--as-of` and the registry checks of `rules check`, run as processes on the
/// shipped rule pack.
@Suite struct LawsCommandTests {
    static let cigarAd = "古巴雪茄限時八折，買十支再送雪茄剪。\n"

    @Test func listsTheRegistry() throws {
        let out = try CLI.run(["laws", "--as-of", "2026-06-01"])
        #expect(out.status == 0, "stderr: \(out.stderr)")
        let tobacco = try #require(out.stdout.split(separator: "\n").first { $0.hasPrefix("L0070021") })
        #expect(tobacco.contains("in-force") && tobacco.hasSuffix("菸害防制法"))
        // A law no rule cites says why instead of a count.
        #expect(out.stdout.split(separator: "\n").contains { $0.hasPrefix("J0080028") && $0.contains("(no-rule)") })
        // The 2022 amendment of 商標法 is passed but not in force.
        #expect(out.stdout.split(separator: "\n").contains { $0.hasPrefix("J0070001") && $0.contains("in-force*") })
        #expect(out.stdout.contains("law as of 2026-06-01"))
    }

    @Test func showsALawWithItsAddresseesPenaltiesAndRules() throws {
        let out = try CLI.run(["laws", "show", "L0070021", "--as-of", "2026-06-01"])
        #expect(out.status == 0, "stderr: \(out.stderr)")
        #expect(out.stdout.hasPrefix("菸害防制法 (L0070021)  in-force"))
        let section = try #require(out.stdout.components(separatedBy: "\n  第12條\n").last)
        #expect(section.contains("其他人（販賣業者、網紅等製造、輸入、廣告業、傳播媒體及廣告委託人以外之人）：新臺幣10萬元以上50萬元以下罰鍰"))
        #expect(section.contains("（第34條）"))
        #expect(section.contains("since 2007-07-11 as 第9條, in force 2009-01-11"))
        #expect(section.contains("tobacco.promotion"))
        let byName = try CLI.run(["laws", "show", "菸害防制法", "--format", "json"])
        let laws = try #require(try JSONSerialization.jsonObject(with: Data(byName.stdout.utf8)) as? [[String: Any]])
        #expect(laws.first?["pcode"] as? String == "L0070021")
        #expect(try CLI.run(["laws", "show", "X0000000"]).status == 2)
    }

    @Test func asOfChangesTheCitationAndPenaltyAcrossThe2023Amendment() throws {
        let today = try CLI.run(["check", "--sector", "tobacco", "--as-of", "2026-06-01", "-"], stdin: Self.cigarAd)
        #expect(today.status == 1)
        #expect(today.stdout.contains("= law: 菸害防制法 第12條；"))
        #expect(today.stdout.contains("（第34條）"))
        let before = try CLI.run(["check", "--sector", "tobacco", "--as-of", "2022-12-31", "-"], stdin: Self.cigarAd)
        #expect(before.status == 1)
        #expect(before.stdout.contains("= law: 菸害防制法 第9條；"))
        #expect(before.stdout.contains("（第26條第3項）"))
        #expect(!before.stdout.contains("第34條"))
        let json = try CLI.run(["check", "--sector", "tobacco", "--as-of", "2022-12-31", "--format", "json", "-"], stdin: Self.cigarAd)
        #expect(json.stdout.contains("\"version\" : \"2007-07-11公布，2009-01-11施行\""))
        #expect(try CLI.run(["check", "--as-of", "2022-13-01", "-"], stdin: Self.cigarAd).status == 2)
    }

    /// The shipped rules for the duties issue 14 added follow the day too: the pre-sale resale
    /// ban (平均地權條例 §47-4) took effect on 2023-07-01 by Executive Yuan order, and the
    /// online tobacco sale ban was §5 (penalty §23) before the 2023 renumbering.
    @Test func newDutiesFollowTheDayChecked() throws {
        let resale = "信義區預售屋急轉售，低於建商開價，有意者私訊。\n"
        let now = try CLI.run(["check", "--only", "real-estate.presale-resale-ad", "--as-of", "2026-06-01", "-"], stdin: resale)
        #expect(now.status == 1, "stderr: \(now.stderr)")
        #expect(now.stdout.contains("= law: 平均地權條例 第47條之4第1項、第3項；"))
        #expect(now.stdout.contains("新臺幣50萬元以上300萬元以下罰鍰"))
        let before = try CLI.run(["check", "--only", "real-estate.presale-resale-ad", "--as-of", "2023-06-30", "-"], stdin: resale)
        #expect(before.status == 0, "stderr: \(before.stderr)")
        #expect(!before.stdout.contains("real-estate.presale-resale-ad"))
        // Its silence is not a clean result, and the run says so.
        #expect(before.stderr.contains("adlaw: note: law as of 2023-06-30: 1 rule did not run because no provision they cite was in force that day: real-estate.presale-resale-ad"))
        #expect(!now.stderr.contains("did not run"))

        let cigarettes = "日本涼菸整條，超商取貨付款。\n"
        let today = try CLI.run(["check", "--only", "tobacco.online-sale", "--as-of", "2026-06-01", "-"], stdin: cigarettes)
        #expect(today.status == 1, "stderr: \(today.stderr)")
        #expect(today.stdout.contains("= law: 菸害防制法 第8條；"))
        #expect(today.stdout.contains("（第38條第1款）"))
        let old = try CLI.run(["check", "--only", "tobacco.online-sale", "--as-of", "2022-12-31", "-"], stdin: cigarettes)
        #expect(old.status == 1, "stderr: \(old.stderr)")
        #expect(old.stdout.contains("= law: 菸害防制法 第5條；"))
        #expect(old.stdout.contains("（第23條）"))
    }

    @Test func aRuleWhoseLawWasNotYetInForceDoesNotRunAndTheAuditSaysSo() throws {
        // A rule citing only 菸害防制法 §15 I ② (added by the 2023 amendment).
        let folder = TestSupport.temporaryFolder("asof")
        defer { TestSupport.remove(folder) }
        let rule = TestSupport.ruleYAML(id: "x.vape", body: "terms: [通用煙彈]",
                                        examples: "  match: [⟦通用煙彈⟧, 五代⟦通用煙彈⟧]\n  no-match: [煙彈, 通用]")
            .replacingOccurrences(of: "- 食品安全衛生管理法 第28條第1項", with: "- 菸害防制法 第15條第1項第2款")
        try TestSupport.write(["rules/x/vape.yaml": rule, "vape.txt": "【現貨】RELX 五代通用煙彈，一盒三顆$450。\n"], in: folder)
        let options = ["--rules", "rules", "--only", "x.vape", "--markdown", "report.md"]
        let now = try CLI.run(["audit", "vape.txt", "--as-of", "2026-06-01"] + options, directory: folder)
        #expect(now.status == 1, "stderr: \(now.stderr)")
        #expect(try String(contentsOf: folder.appendingPathComponent("report.md"), encoding: .utf8).contains("`x.vape`"))
        let before = try CLI.run(["audit", "vape.txt", "--as-of", "2020-01-01"] + options, directory: folder)
        #expect(before.status == 0, "stderr: \(before.stderr)")
        let report = try String(contentsOf: folder.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(report.contains("法規基準日：2020-01-01（依該日施行之條文引用法條與罰則）。所引條文於該日尚未施行、未予檢查之規則："))
        #expect(report.contains("x.vape"))
        #expect(!report.contains("`x.vape`"))
    }

    @Test func rulesCheckFailsOnALawNoRuleCitesUnlessItSaysWhy() throws {
        let folder = TestSupport.temporaryFolder("registry")
        defer { TestSupport.remove(folder) }
        let law = """
        name: 測試法
        pcode: X0000001
        status: in-force
        versions:
          - {promulgated: 2020-01-01, in-force: 2020-01-03}
        articles:
          第1條: {since: 2020-01-01, duty: 測試, binds: [advertiser], no-penalty: 無, source: 測試}

        """
        try TestSupport.write(["laws/X0000001.yaml": law, "sectors.yaml": TestSupport.sectorsYAML], in: folder)
        let failed = try CLI.run(["rules", "check", "--no-builtin-rules", folder.path])
        #expect(failed.status == 2)
        #expect(failed.stderr.contains("測試法 (X0000001) is registered but no rule cites it"))
        try TestSupport.write(["laws/X0000001.yaml": law + "no-rule: 測試用，無文案層面之義務\n"], in: folder)
        let passed = try CLI.run(["rules", "check", "--no-builtin-rules", folder.path])
        #expect(passed.status == 0, "stderr: \(passed.stderr)")
        #expect(passed.stderr.contains("測試法 第1條 is in the fact table but no rule cites it"))
    }
}
