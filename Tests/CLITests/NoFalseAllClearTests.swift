import Foundation
import Testing
import TestSupport

/// Issue 15: adlaw never reports a clean run when nothing was checked, and its messages say
/// what happened in plain words. Each test here failed on the behaviour the issue reported.
@Suite struct NoFalseAllClearTests {
    // MARK: Standard input

    @Test func checkAndAuditWithNoPathRefuseAnEmptyOrAbsentStandardInput() throws {
        for command in ["check", "audit"] {
            // `< /dev/null` (a script, a CI step): nothing is piped in.
            let null = try CLI.run([command], standardInput: FileHandle.nullDevice)
            #expect(null.status == 2, "\(command) < /dev/null")
            #expect(null.stderr.contains("no input: give files or folders to \(command)"))
            #expect(!null.stdout.contains("publish"))
            // An empty pipe, with or without `-`.
            for arguments in [[command], [command, "-"]] {
                let empty = try CLI.run(arguments, stdin: "")
                #expect(empty.status == 2, "\(arguments) with empty stdin")
                #expect(empty.stderr.contains("standard input was empty, so nothing was checked"))
                #expect(!empty.stdout.contains("可刊登"))
            }
            let blank = try CLI.run([command], stdin: "\n  \n")
            #expect(blank.status == 2)
        }
        // Text piped in is still read.
        let piped = try CLI.run(["check", "--format", "line"], stdin: "首創第一品牌。\n")
        #expect(piped.status == 1)
        #expect(piped.stdout.contains("fair-trade.superlative"))
    }

    @Test func aRunThatReadNothingSaysSo() throws {
        let empty = try CLI.run(["check", "-"], stdin: "")
        #expect(empty.stdout.contains("nothing was checked"))
        #expect(!empty.stdout.contains("no findings"))
    }

    // MARK: Verdicts

    @Test func aBaselineIsNotAnApprovalInAnAudit() throws {
        let folder = TestSupport.temporaryFolder()
        defer { TestSupport.remove(folder) }
        try TestSupport.write(["copy.md": "---\nsector: food\n---\n每天一杯，預防感冒。\n", ".adlaw.yml": "version: 1\nbaseline: base.json\n"],
                              in: folder)
        let written = try CLI.run(["check", "--write-baseline", "base.json", "copy.md"], directory: folder)
        #expect(written.status == 0, "\(written.stderr)")
        // `check` honours the baseline (a developer's gate) ...
        #expect(try CLI.run(["check", "copy.md"], directory: folder).status == 0)
        // ... but an audit does not call baselined copy publishable.
        let audit = try CLI.run(["audit", "copy.md", "--html", "a.html", "--markdown", "a.md"], directory: folder)
        #expect(audit.status == 1, "\(audit.stdout)")
        #expect(!audit.stdout.hasPrefix("campaign: publish"))
        #expect(audit.stdout.contains("1 known from the baseline, not approved"), "\(audit.stdout)")
        #expect(audit.stdout.contains("基準線既有，未經核可"))
        let html = try String(contentsOf: folder.appendingPathComponent("a.html"), encoding: .utf8)
        #expect(html.contains("基準線既有，未經核可"))
        #expect(!html.contains("可刊登</"), "the HTML report calls baselined copy publishable")
    }

    @Test func aFolderOfFilesAdlawCannotReadIsNeverPublish() throws {
        let folder = TestSupport.temporaryFolder()
        defer { TestSupport.remove(folder) }
        try TestSupport.write(["campaign/brief.doc": "x", "campaign/notes.rtf": "{\\rtf1 x}", "campaign/banner.png": "x"], in: folder)
        let out = try CLI.run(["audit", "campaign", "--markdown", "a.md"], directory: folder)
        #expect(out.status == 1, "\(out.stdout)")
        #expect(out.stdout.hasPrefix("campaign: needs-review"), "\(out.stdout)")
        #expect(out.stdout.contains("沒有讀取到任何可檢查的檔案"))
        for name in ["brief.doc", "notes.rtf", "banner.png"] {
            #expect(out.stdout.contains("campaign/\(name)  not checked"), "\(name): \(out.stdout)")
        }
        #expect(out.stdout.contains("3 files not checked"))
        // One readable file beside them: still not publish, and the reason names what was skipped.
        try TestSupport.write(["campaign/post.md": "---\nsector: none\n---\n本店新品上市。\n"], in: folder)
        let mixed = try CLI.run(["audit", "campaign", "--markdown", "a.md"], directory: folder)
        #expect(mixed.status == 1)
        #expect(mixed.stdout.contains("有3個檔案未經檢查（campaign/banner.png、campaign/brief.doc、campaign/notes.rtf）"), "\(mixed.stdout)")
        let markdown = try String(contentsOf: folder.appendingPathComponent("a.md"), encoding: .utf8)
        #expect(markdown.contains("campaign/brief.doc"))
    }

    @Test func copyWithNoSectorIsNeverPublish() throws {
        let folder = TestSupport.temporaryFolder()
        defer { TestSupport.remove(folder) }
        try TestSupport.write(["post.md": "本店新品上市，歡迎選購。\n", "declared.md": "---\nsector: none\n---\n本店新品上市，歡迎選購。\n"],
                              in: folder)
        let unknown = try CLI.run(["audit", "post.md"], directory: folder)
        #expect(unknown.status == 1, "\(unknown.stdout)")
        #expect(unknown.stdout.contains("未能判定行業別"), "\(unknown.stdout)")
        #expect(unknown.stdout.contains("sector unknown"))
        // Declared as selling nothing regulated, or given on the command line, it is checked in full.
        #expect(try CLI.run(["audit", "declared.md"], directory: folder).status == 0)
        #expect(try CLI.run(["audit", "--sector", "none", "post.md"], directory: folder).status == 0)
    }

    // MARK: Checklists

    /// The audit's Markdown report of `files`.
    func auditMarkdown(_ files: [String: String]) throws -> (status: Int32, stdout: String, markdown: String, html: String) {
        let folder = TestSupport.temporaryFolder()
        defer { TestSupport.remove(folder) }
        try TestSupport.write(files, in: folder)
        let out = try CLI.run(["audit", "campaign", "--markdown", "a.md", "--html", "a.html"], directory: folder)
        let markdown = try String(contentsOf: folder.appendingPathComponent("a.md"), encoding: .utf8)
        let html = try String(contentsOf: folder.appendingPathComponent("a.html"), encoding: .utf8)
        return (out.status, out.stdout, markdown, html)
    }

    @Test func noRuleFiringIsNeverMet() throws {
        let plan = "---\nsector: none\n---\n# 會員募集企劃\n加入會員即可參加週年慶抽獎，首獎價值3萬元。\n活動期間：3月1日至3月31日。\n參加資格：本公司會員。\n得獎名單將於活動結束後公布。\n"
        let out = try auditMarkdown(["campaign/plan.md": plan])
        #expect(out.status == 1, "\(out.stdout)")
        // No annual figure in the plan: the reviewer must confirm it.
        #expect(out.markdown.contains("- [?] 全年贈獎總額符合上限（辦法第5條）"), "\(out.markdown)")
        #expect(out.markdown.contains("核對本年度所有贈獎活動之贈獎總額"))
        // No date for the winners' list: open, not met.
        #expect(out.markdown.contains("- [ ] 載明得獎名單公布之日期與方式"))
        // No special data seen is not the same as none collected.
        #expect(out.markdown.contains("- [?] 未蒐集非必要之特種個資（第6條）"))
        #expect(!out.markdown.contains("- [x] 未蒐集非必要之特種個資"))
        // Met items quote their evidence.
        #expect(out.markdown.contains("- [x] 最大獎項價值不超過新臺幣500萬元（辦法第6條）  \n  依據：首獎價值3萬元"))
        #expect(out.html.contains("class=\"item cannot-tell\""))
        // A date makes the item met.
        let dated = try auditMarkdown(["campaign/plan.md": plan.replacingOccurrences(of: "活動結束後公布", with: "4月5日公布於官網")])
        #expect(dated.markdown.contains("- [x] 載明得獎名單公布之日期與方式"), "\(dated.markdown)")
    }

    @Test func checklistsRunOncePerCampaignWithEvidenceFromAnyFile() throws {
        let out = try auditMarkdown([
            "campaign/1-post.md": "---\nsector: none\n---\n週年慶抽獎開跑！\n",
            "campaign/2-plan.md": "---\nsector: none\n---\n抽獎企劃：首獎價值3萬元。\n活動期間：3月1日至3月31日。\n",
            "campaign/3-rules.md": "---\nsector: none\n---\n抽獎辦法\n參加資格：本公司會員。\n得獎名單於4月5日公布於官網。\n",
            "campaign/4-edm.md": "---\nsector: none\n---\n抽獎倒數三天！\n",
        ])
        #expect(out.markdown.components(separatedBy: "### 抽獎或贈獎活動").count == 2, "\(out.markdown)")
        #expect(out.html.components(separatedBy: "data-rule=\"plan.sweepstakes\"").count == 2)
        #expect(out.markdown.contains("見於 `campaign/1-post.md`、`campaign/2-plan.md`、`campaign/3-rules.md`、`campaign/4-edm.md`"))
        #expect(out.markdown.contains("- [x] 載明活動期間  \n  依據：campaign/2-plan.md：活動期間"), "\(out.markdown)")
        #expect(out.markdown.contains("- [x] 載明參加資格與方式  \n  依據：campaign/3-rules.md：參加資格"))
        #expect(out.markdown.contains("- [x] 載明得獎名單公布之日期與方式"))
        // A post that only announces the draw holds no file verdict of its own.
        #expect(out.markdown.contains("| `campaign/1-post.md` | 可刊登 |"), "\(out.markdown)")
        // The campaign is held by what a reviewer must confirm.
        #expect(out.stdout.contains("抽獎或贈獎活動檢核有"), "\(out.stdout)")
        #expect(out.status == 1)
    }

    // MARK: Inputs that fail loudly

    @Test func anUnknownSectorInFrontMatterIsAnErrorWithADidYouMean() throws {
        let out = try CLI.run(["check", "--stdin-filename", "a.md", "-"], stdin: "---\nsector: fod\n---\n每天一杯，預防感冒。\n")
        #expect(out.status == 2)
        #expect(out.stderr.contains("a.md:2:1: error: unknown sector `fod` in the front matter; did you mean `food`（食品）?"), "\(out.stderr)")
    }

    @Test func chineseSectorNamesAreAccepted() throws {
        let names = ["食品": "food", "化粧品": "cosmetics", "化妝品": "cosmetics", "藥品": "drug", "醫療": "medical",
                     "菸品": "tobacco", "酒類": "alcohol", "金融": "finance", "不動產": "real-estate", "徵才": "employment",
                     "FOOD": "food", "ｆｏｏｄ": "food"]
        for (name, id) in names {
            for arguments in [["check", "--format", "json", "--sector", name, "--stdin-filename", "a.md", "-"],
                              ["check", "--format", "json", "--stdin-filename", "a.md", "-"]] {
                let text = arguments.contains("--sector") ? "本店新品上市。\n" : "---\nsector: \(name)\n---\n本店新品上市。\n"
                let out = try CLI.run(arguments, stdin: text)
                #expect(out.status == 0, "\(name): \(out.stderr)")
                let json = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
                let sectors = (json["files"] as? [[String: Any]])?.first?["sectors"] as? [String]
                #expect(sectors == [id], "\(name) in \(arguments.contains("--sector") ? "--sector" : "front matter")")
            }
        }
        // Declared in front matter in Chinese, the food rules run.
        let food = try CLI.run(["check", "--format", "line", "--stdin-filename", "a.md", "-"], stdin: "---\nsector: 食品\n---\n每天一杯，預防感冒。\n")
        #expect(food.stdout.contains("food.medical-efficacy"))
    }

    @Test func anUnknownSectorGivenOrConfiguredIsAnErrorWithADidYouMean() throws {
        let given = try CLI.run(["check", "--sector", "cosmetic", "-"], stdin: "本店新品上市。\n")
        #expect(given.status == 2)
        #expect(given.stderr.contains("unknown sector `cosmetic` given to --sector; did you mean `cosmetics`（化粧品）?"))
        let folder = TestSupport.temporaryFolder()
        defer { TestSupport.remove(folder) }
        try TestSupport.write([".adlaw.yml": "version: 1\nsectors:\n  - paths: [\"*.md\"]\n    sectors: [fodd]\n", "a.md": "本店新品上市。\n"], in: folder)
        let configured = try CLI.run(["check", "a.md"], directory: folder)
        #expect(configured.status == 2)
        #expect(configured.stderr.contains("unknown sector `fodd`\n  hint: did you mean `food`?"), "\(configured.stderr)")
    }

    @Test func typosInRuleIdsAndCommandsGetADidYouMean() throws {
        let only = try CLI.run(["check", "--only", "food.medical-eficacy", "-"], stdin: "本店新品上市。\n")
        #expect(only.status == 2)
        #expect(only.stderr.contains("no rule matches `food.medical-eficacy` (given to --only); did you mean `food.medical-efficacy`?"))
        let disable = try CLI.run(["check", "--disable", "fair-trade.superlativ", "-"], stdin: "本店新品上市。\n")
        #expect(disable.stderr.contains("(given to --disable); did you mean `fair-trade.superlative`?"))
        let explain = try CLI.run(["explain", "food.medical-eficacy"])
        #expect(explain.status == 2)
        #expect(explain.stderr.contains("did you mean `food.medical-efficacy`?"))
        let directive = try CLI.run(["check", "--sector", "food", "--format", "line", "--stdin-filename", "a.md", "-"],
                                    stdin: "<!-- adlaw-disable-next-line food.medical-eficacy -- 核准 -->\n每天一杯，預防感冒。\n")
        #expect(directive.stdout.contains("是否要寫 food.medical-efficacy？"))
        let command = try CLI.run(["chek", "a.md"])
        #expect(command.status == 2)
        #expect(command.stderr.contains("unknown command `chek`; did you mean `adlaw check`?"))
        let file = try CLI.run(["copy.md"])
        #expect(file.stderr.contains("to check it, run `adlaw check copy.md`"))
    }

    // MARK: Suppressions

    @Test func aReasonAfterAFullWidthDashIsAReason() throws {
        let text = "---\nsector: food\n---\n<!-- adlaw-disable-next-line food.medical-efficacy —— 衛部健食字第A00000號 -->\n每天一杯，預防感冒。\n"
        let out = try CLI.run(["check", "--format", "json", "--stdin-filename", "copy.md", "-"], stdin: text)
        #expect(out.status == 0, "\(out.stdout)")
        #expect(!out.stdout.contains("adlaw.suppression-reason"))
        #expect(out.stdout.contains("\"reason\" : \"衛部健食字第A00000號\""))
    }

    // MARK: Messages

    @Test func auditNamesOnlyTheReportsItWrote() throws {
        let folder = TestSupport.temporaryFolder()
        defer { TestSupport.remove(folder) }
        try TestSupport.write(["copy.txt": "本店新品上市。\n"], in: folder)
        let out = try CLI.run(["audit", "copy.txt", "--html", "missing-folder/report.html", "--markdown", "report.md"], directory: folder)
        #expect(out.status == 2)
        #expect(out.stderr.contains("missing-folder/report.html"))
        #expect(!out.stdout.contains("report: missing-folder/report.html"))
        #expect(out.stdout.contains("report: report.md"))
    }

    @Test func aBaselineThatIsOtherJSONIsExplainedWithoutSwiftTypeNames() throws {
        let folder = TestSupport.temporaryFolder()
        defer { TestSupport.remove(folder) }
        try TestSupport.write(["copy.txt": "本店新品上市。\n", "package.json": "{\"name\": \"site\"}\n", "notes.json": "not json\n"],
                              in: folder)
        let other = try CLI.run(["check", "--baseline", "package.json", "copy.txt"], directory: folder)
        #expect(other.status == 2)
        #expect(other.stderr.contains("package.json is not an adlaw baseline: it is JSON, but it has no `version`"))
        #expect(other.stderr.contains("--write-baseline package.json"))
        let broken = try CLI.run(["check", "--baseline", "notes.json", "copy.txt"], directory: folder)
        #expect(broken.stderr.contains("notes.json is not an adlaw baseline: it is not valid JSON"))
        for text in [other.stderr, broken.stderr] {
            for typeName in ["DecodingError", "CodingKeys", "keyNotFound", "dataCorrupted", "Swift."] {
                #expect(!text.contains(typeName), "\(typeName) in: \(text)")
            }
        }
    }

    @Test func summariesCountInEnglish() throws {
        let folder = TestSupport.temporaryFolder()
        defer { TestSupport.remove(folder) }
        try TestSupport.write([
            "copy.txt": "---\nsector: food\n---\n每天一杯，預防感冒。\n",
            // An unused sidecar suppression is a finding written in the sidecar: it belongs
            // to copy.txt, so the summary must not count two files out of one.
            "copy.txt.adlaw": "adlaw-disable fair-trade.superlative @ 9 -- 2025 年調查\n",
            "a.md": "週年慶抽獎開跑！\n", "b.md": "年終抽獎開跑！\n",
        ], in: folder)
        let one = try CLI.run(["check", "copy.txt"], directory: folder)
        #expect(one.stdout.contains("2 findings (1 error, 1 warning) in 1 of 1 file ("), "\(one.stdout)")
        let infos = try CLI.run(["check", "--checklists", "a.md", "b.md"], directory: folder)
        #expect(infos.stdout.contains("2 findings (2 info) in 2 of 2 files"), "\(infos.stdout)")
        let audit = try CLI.run(["audit", "copy.txt"], directory: folder)
        #expect(!audit.stdout.contains("infos"))
        #expect(!audit.stdout.contains("1 findings"))
        #expect(audit.stdout.contains("2 findings (1 error, 1 warning, 0 info)"), "\(audit.stdout)")
    }
}
