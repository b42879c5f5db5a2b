import Foundation
import Testing
import TestSupport

/// `--write-baseline` and `--baseline`: accept today's findings, fail only on new ones.
@Suite struct BaselineCLITests {
    static var rules: [String] { ["--no-builtin-rules", "--rules", CLIRunner.fixtures.appendingPathComponent("rules").path, "--sector", "food"] }

    @Test func onlyNewFindingsFailAndMovedOnesStayAccepted() throws {
        let folder = CLIRunner.temporaryFolder("adlaw-baseline")
        defer { CLIRunner.remove(folder) }
        try CLIRunner.write(["copy/a.md": "每天一杯，預防感冒。\n特價品恕不退換。\n"], in: folder)
        let written = try CLIRunner.adlaw(["check", "--write-baseline", ".adlaw-baseline.json", "copy"] + Self.rules, in: folder)
        #expect(written.status == 0, "writing a baseline accepts the findings")
        #expect(written.stderr.contains("wrote 2 findings to the baseline .adlaw-baseline.json"))
        let file = try #require(CLIRunner.read(".adlaw-baseline.json", in: folder))
        #expect(file.contains("\"path\" : \"copy/a.md\""))

        // Moved lines and an unrelated new line: nothing new, exit 0.
        try CLIRunner.write(["copy/a.md": "新的開場。\n\n特價品恕不退換。\n每天一杯，預防感冒。\n"], in: folder)
        let moved = try CLIRunner.adlaw(["check", "--baseline", ".adlaw-baseline.json", "copy"] + Self.rules, in: folder)
        #expect(moved.status == 0, "\(moved.stdout)")
        #expect(moved.stdout.contains("baseline .adlaw-baseline.json: 2 known findings not shown, 0 new"))
        #expect(moved.stdout.contains("no findings in 1 file"))

        // A new risky sentence fails, and only it is shown; from inside copy/ too.
        try CLIRunner.write(["copy/a.md": "新的開場。\n特價品恕不退換。\n每天一杯，預防感冒。\n喝了就能治療失眠。\n"], in: folder)
        let new = try CLIRunner.adlaw(["check", "--format", "line", "--baseline", "../.adlaw-baseline.json", "a.md"] + Self.rules,
                                      in: folder.appendingPathComponent("copy"))
        #expect(new.status == 1)
        #expect(new.stdout == "a.md:4:5:error:claims.medical:食品不得宣稱醫療效能：「治療失眠」。\n")
    }

    @Test func theConfigCanNameTheBaselineAndSARIFMarksBaselineState() throws {
        let folder = CLIRunner.temporaryFolder("adlaw-baseline")
        defer { CLIRunner.remove(folder) }
        try CLIRunner.write([".adlaw.yml": "baseline: .adlaw-baseline.json\n", "a.md": "特價品恕不退換。\n"], in: folder)
        #expect(try CLIRunner.adlaw(["check", "--write-baseline", ".adlaw-baseline.json", "a.md"] + Self.rules, in: folder).status == 0)
        try CLIRunner.write(["a.md": "特價品恕不退換。\n喝了就能治療失眠。\n"], in: folder)
        let out = try CLIRunner.adlaw(["check", "--format", "sarif", "a.md"] + Self.rules, in: folder)
        #expect(out.status == 1)
        let log = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
        let results = ((log["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]]) ?? []
        #expect(results.map { "\($0["ruleId"] as? String ?? ""):\($0["baselineState"] as? String ?? "")" }
            == ["returns.no-return:unchanged", "claims.medical:new"])
    }

    @Test func aMissingOrBrokenBaselineIsAnError() throws {
        let folder = CLIRunner.temporaryFolder("adlaw-baseline")
        defer { CLIRunner.remove(folder) }
        try CLIRunner.write(["a.md": "x\n", "bad.json": "{}"], in: folder)
        let missing = try CLIRunner.adlaw(["check", "--baseline", "none.json", "a.md"] + Self.rules, in: folder)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("cannot read the baseline none.json: no such file"))
        let broken = try CLIRunner.adlaw(["check", "--baseline", "bad.json", "a.md"] + Self.rules, in: folder)
        #expect(broken.status == 2)
        #expect(broken.stderr.contains("bad.json is not an adlaw baseline"))
    }

    @Test func reportsCanBeWrittenToAFile() throws {
        let folder = CLIRunner.temporaryFolder("adlaw-output")
        defer { CLIRunner.remove(folder) }
        try CLIRunner.write(["a.md": "特價品恕不退換。\n"], in: folder)
        let out = try CLIRunner.adlaw(["check", "--format", "junit", "--output", "report.xml", "a.md"] + Self.rules, in: folder)
        #expect(out.status == 1)
        #expect(out.stdout.isEmpty)
        #expect(CLIRunner.read("report.xml", in: folder)?.contains("<failure type=\"returns.no-return\"") == true)
    }
}
