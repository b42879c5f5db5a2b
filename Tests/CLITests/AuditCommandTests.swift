import Foundation
import Testing
import TestSupport

/// `adlaw audit` run as a process.
@Suite struct AuditCommandTests {
    @Test func writesSelfContainedReportsAndExitsByVerdict() throws {
        let folder = TestSupport.temporaryFolder()
        defer { TestSupport.remove(folder) }
        try TestSupport.write([
            "campaign/post.md": "---\nsector: food\n---\n每天一杯，預防感冒。\n",
            "campaign/plan.md": "# 企劃\n週年慶抽獎，首獎價值3萬元。\n",
        ], in: folder)
        let out = try CLI.run(["audit", "campaign", "--html", "report.html", "--markdown", "report.md", "--date", "2026-11-25"],
                              directory: folder)
        #expect(out.status == 1)
        #expect(out.stdout.hasPrefix("campaign: block (不得刊登) [food.medical-efficacy]"))
        #expect(out.stdout.contains("campaign/plan.md"))
        let html = try String(contentsOf: folder.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("name=\"generator\" content=\"adlaw"))
        #expect(html.contains("<mark>預防感冒</mark>"))
        #expect(html.contains("抽獎或贈獎活動"))
        #expect(html.contains("產生時間 2026-11-25"))
        let markdown = try String(contentsOf: folder.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(markdown.contains("## 整體結論：不得刊登"))
        // No temporary files are left behind.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test func refusesToReplaceAFileItDidNotWrite() throws {
        let folder = TestSupport.temporaryFolder()
        defer { TestSupport.remove(folder) }
        try TestSupport.write(["copy.txt": "---\nsector: none\n---\n本店新品上市。\n", "notes.html": "<p>my notes</p>"], in: folder)
        let refused = try CLI.run(["audit", "copy.txt", "--html", "notes.html"], directory: folder)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("notes.html exists and was not written by adlaw"))
        #expect(try String(contentsOf: folder.appendingPathComponent("notes.html"), encoding: .utf8) == "<p>my notes</p>")
        let forced = try CLI.run(["audit", "copy.txt", "--html", "notes.html", "--force"], directory: folder)
        #expect(forced.status == 0)
        #expect(forced.stdout.hasPrefix("campaign: publish"))
        // A report adlaw wrote may be replaced without --force.
        #expect(try CLI.run(["audit", "copy.txt", "--html", "notes.html"], directory: folder).status == 0)
    }

    @Test func checkRunsChecklistsOnlyWhenAsked() throws {
        let text = "週年慶抽獎開跑！\n"
        #expect(try CLI.run(["check", "--format", "line"], stdin: text).stdout.isEmpty)
        let withLists = try CLI.run(["check", "--format", "line", "--checklists"], stdin: text)
        #expect(withLists.stdout.contains(":info:plan.sweepstakes:"))
    }

    @Test func suppressionsAndApprovedClaimsAreListedAndDoNotHoldTheCampaign() throws {
        let folder = TestSupport.temporaryFolder()
        defer { TestSupport.remove(folder) }
        try TestSupport.write([
            ".adlaw.yml": """
            version: 1
            claims:
              - id: sales-no1-2026
                text: 銷售第一
                rules: [fair-trade.superlative]
                evidence: 2026 年全國通路調查報告（R-2026-007）
                approved-by: 法務部 林小姐
                approved-on: 2026-01-05
                expires: 2099-12-31
            """,
            "campaign/post.md": """
            ---
            sector: food
            ---
            本品銷售第一，深受好評。

            <!-- adlaw-disable-next-line food.medical-efficacy -- 引用衛福部公告之衛教文字，非產品宣稱 -->
            每天運動，預防感冒。
            """,
        ], in: folder)
        let out = try CLI.run(["audit", "campaign", "--html", "report.html", "--markdown", "report.md"], directory: folder)
        #expect(out.status == 0, "\(out.stdout)\(out.stderr)")
        #expect(out.stdout.hasPrefix("campaign: publish"))
        let html = try String(contentsOf: folder.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("引用衛福部公告之衛教文字，非產品宣稱"))
        #expect(html.contains("2026 年全國通路調查報告（R-2026-007）"))
        #expect(html.contains("法務部 林小姐"))
        #expect(html.contains("以註解抑制") && html.contains("已佐證"))
        let markdown = try String(contentsOf: folder.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(markdown.contains("## 抑制、佐證與基準線（2）"))
    }
}
