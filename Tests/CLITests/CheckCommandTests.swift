import Foundation
import Testing
import TestSupport

/// `adlaw check` run as a process: exit codes, output formats, files and standard input.
@Suite struct CheckCommandTests {
    @Test func findingsExitWithOneAndPrintTheirLocation() throws {
        let folder = TestSupport.temporaryFolder()
        defer { TestSupport.remove(folder) }
        try TestSupport.write(["copy.md": "# 新品\n每天一杯，預防感冒。\n"], in: folder)
        let out = try CLI.run(["check", "copy.md", "--sector", "food", "--no-color"], directory: folder)
        #expect(out.status == 1)
        #expect(out.stdout.contains("copy.md:2:6: error: 食品不得宣稱醫療效能：「預防感冒」"))
        #expect(out.stdout.contains("[food.medical-efficacy]"))
        #expect(out.stdout.contains("= law: 食品安全衛生管理法 第28條第2項"))
        #expect(out.stdout.contains("          ^^^^^^^^")) // under 預防感冒, after 每天一杯，(10 cells)
        #expect(!out.stdout.contains("\u{1B}["))
    }

    @Test func readsStandardInputAndWritesJSON() throws {
        let out = try CLI.run(["check", "--format", "json", "--sector", "food"], stdin: "第一行\n長期飲用可以改善便秘問題\n")
        #expect(out.status == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
        let finding = try #require((json["findings"] as? [[String: Any]])?.first)
        #expect(finding["path"] as? String == "-")
        #expect(finding["line"] as? Int == 2)
        #expect(finding["column"] as? Int == 7)
        #expect(finding["matchedText"] as? String == "改善便秘")
        #expect((json["summary"] as? [String: Any])?["files"] as? Int == 1)
    }

    @Test func stdinFilenameNamesTheInput() throws {
        let out = try CLI.run(["check", "-", "--stdin-filename", "文案/貼文.md", "--format", "line", "--sector", "food"], stdin: "可以預防感冒")
        // The message belongs to the rule pack and may be reworded; the location may not change.
        #expect(out.stdout.hasPrefix("文案/貼文.md:1:3:error:food.medical-efficacy:食品不得宣稱醫療效能：「預防感冒」"))
        #expect(out.stdout.split(separator: "\n").count == 1)
    }

    @Test func failOnAndMinSeverityChangeTheExitCodeAndOutput() throws {
        let text = "全台銷售第一的品牌。" // fair-trade.superlative, a warning
        #expect(try CLI.run(["check", "--format", "line"], stdin: text).status == 1)
        #expect(try CLI.run(["check", "--format", "line", "--fail-on", "error"], stdin: text).status == 0)
        #expect(try CLI.run(["check", "--format", "line", "--fail-on", "never"], stdin: text).status == 0)
        let filtered = try CLI.run(["check", "--format", "line", "--min-severity", "error"], stdin: text)
        #expect(filtered.stdout.isEmpty && filtered.status == 0)
    }

    @Test func onlyAndDisableSelectRules() throws {
        let text = "特價品恕不退換，首獎價值600萬元"
        let only = try CLI.run(["check", "--format", "line", "--only", "consumer-protection"], stdin: text)
        #expect(only.stdout.split(separator: "\n").allSatisfy { $0.contains("consumer-protection.no-return") })
        let disabled = try CLI.run(["check", "--format", "line", "--disable", "consumer-protection.*"], stdin: text)
        #expect(!disabled.stdout.contains("consumer-protection"))
        #expect(disabled.stdout.contains("fair-trade.prize-over-limit"))
        let unknown = try CLI.run(["check", "--only", "nope.rule"], stdin: text)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("no rule matches `nope.rule`"))
    }

    @Test func aMissingFileIsAnErrorButTheOtherFilesAreStillChecked() throws {
        let folder = TestSupport.temporaryFolder()
        defer { TestSupport.remove(folder) }
        try TestSupport.write(["ok.txt": "網購特價品恕不退換"], in: folder)
        let out = try CLI.run(["check", "ok.txt", "missing.txt", "--format", "line"], directory: folder)
        #expect(out.status == 2)
        #expect(out.stderr.contains("missing.txt: error: no such file or folder"))
        #expect(out.stdout.contains("ok.txt:1:6:error:consumer-protection.no-return"))
    }

    @Test func invalidUTF8IsNotedAndTheRestOfTheFileIsChecked() throws {
        let folder = TestSupport.temporaryFolder()
        defer { TestSupport.remove(folder) }
        let bytes = Array("第一行\n壞".utf8) + [0xFF, 0xFE] + Array("字後面網購恕不退換".utf8)
        _ = FileManager.default.createFile(atPath: folder.appendingPathComponent("bad.txt").path, contents: Data(bytes))
        let out = try CLI.run(["check", "bad.txt", "--format", "line"], directory: folder)
        #expect(out.status == 1)
        #expect(out.stderr.contains("bad.txt:2:2: note: the file has 2 invalid UTF-8 bytes"))
        #expect(out.stdout.contains("bad.txt:2:9:error:consumer-protection.no-return")) // each invalid byte is one column
    }

    @Test func binaryFilesAreSkippedWithAWarning() throws {
        let folder = TestSupport.temporaryFolder()
        defer { TestSupport.remove(folder) }
        _ = FileManager.default.createFile(atPath: folder.appendingPathComponent("blob.txt").path, contents: Data([0, 1, 2, 0, 0xFF]))
        let out = try CLI.run(["check", "blob.txt"], directory: folder)
        #expect(out.status == 0)
        #expect(out.stderr.contains("blob.txt: warning: binary file skipped"))
    }

    @Test func aBrokenRuleFolderStopsTheRunWithLocations() throws {
        let folder = TestSupport.temporaryFolder()
        defer { TestSupport.remove(folder) }
        try TestSupport.write(["x/bad.yaml": TestSupport.ruleYAML(id: "x.bad", body: "regex: '保證(有效'")], in: folder)
        let out = try CLI.run(["check", "--rules", folder.path, "-"], stdin: "保證有效")
        #expect(out.status == 2)
        #expect(out.stderr.contains("x/bad.yaml:9:"))
        #expect(out.stderr.contains("error: the regex does not compile"))
        #expect(out.stderr.contains("nothing was checked"))
    }

    @Test func aCatastrophicRuleEndsWithADiagnosticNotAHang() throws {
        let folder = TestSupport.temporaryFolder()
        defer { TestSupport.remove(folder) }
        try TestSupport.write(["x/slow.yaml": TestSupport.ruleYAML(
            id: "x.slow", body: "regex: '(?:a+)+$'", examples: "  match: [⟦aaa⟧, ⟦a⟧]\n  no-match: [b, 中文]")], in: folder)
        let text = String(repeating: String(repeating: "a", count: 10_000) + "b\n", count: 20)
        let out = try CLI.run(["check", "--rules", folder.path, "--only", "x.slow", "-"], stdin: text)
        #expect(out.status == 0)
        // Each sentence where the pattern cannot finish is skipped and counted; the rest is checked.
        #expect(out.stderr.contains("warning: rule x.slow could not finish matching in 20 sentences"), "\(out.stderr)")
        #expect(out.stderr.contains("catastrophic backtracking"))
    }

    @Test func usageErrorsExitWithTwo() throws {
        #expect(try CLI.run(["check", "--sector", "fod", "-"], stdin: "").status == 2)
        let badOption = try CLI.run(["check", "--bogus"])
        #expect(badOption.status == 2)
        #expect(badOption.stderr.contains("--bogus"))
        #expect(try CLI.run(["check", "--format", "xml", "-"], stdin: "").status == 2)
    }

    @Test func versionAndHelpExitWithZero() throws {
        let version = try CLI.run(["--version"])
        #expect(version.status == 0 && version.stdout.hasPrefix("0."))
        let help = try CLI.run(["check", "--help"])
        #expect(help.status == 0 && help.stdout.contains("--fail-on"))
    }
}
