import Foundation
import Testing
import TestSupport

/// Issue 15: the README's adoption path, end to end in a real temporary git repository:
/// `adlaw init`, `adlaw hook install`, write a baseline, commit it all. The hook read the
/// baseline (a JSON file quoting every accepted phrase) as ad copy and refused the commit.
/// Files adlaw writes are never read as copy, however they are reached.
@Suite(.serialized) struct AdoptionPathTests {
    static let copy = "---\nsector: food\n---\n# 元氣飲\n每天一杯，預防感冒。\n"

    @Test func initHookInstallBaselineAndCommitWorkEndToEnd() throws {
        let folder = try TeamWorkflowTests.repository()
        defer { CLIRunner.remove(folder) }
        try CLIRunner.write(["copy/元氣飲.md": Self.copy, "copy/說明.txt": "---\nsector: food\n---\n本品可以治療失眠。\n"], in: folder)
        // The README's four steps.
        #expect(try CLIRunner.adlaw(["init"], in: folder).status == 0)
        #expect(try CLIRunner.adlaw(["hook", "install"], in: folder).status == 0)
        let written = try CLIRunner.adlaw(["check", "--write-baseline", ".adlaw-baseline.json", "."], in: folder)
        #expect(written.status == 0, "\(written.stderr)")
        #expect(written.stderr.contains("wrote 2 findings to the baseline .adlaw-baseline.json"), "\(written.stderr)")
        _ = try TeamWorkflowTests.git(["add", "-A"], in: folder)
        let committed = try TeamWorkflowTests.git(["commit", "-m", "Adopt adlaw"], in: folder)
        #expect(committed.status == 0, "the adoption commit was refused:\n\(committed.combined)")
        #expect(try TeamWorkflowTests.commitCount(folder) == 1)
        let files = try CLIRunner.run("git", ["-c", "core.quotePath=false", "ls-files"], in: folder).stdout
        #expect(files.contains(".adlaw-baseline.json") && files.contains(".adlaw.yml") && files.contains("copy/元氣飲.md"))

        // Later: a new risky sentence is stopped; the accepted ones are not.
        try CLIRunner.write(["copy/元氣飲.md": Self.copy + "喝了保證治癒便秘。\n"], in: folder)
        _ = try TeamWorkflowTests.git(["add", "-A"], in: folder)
        let risky = try TeamWorkflowTests.git(["commit", "-m", "New claim"], in: folder)
        #expect(risky.status != 0)
        #expect(risky.combined.contains("copy/元氣飲.md:6:"), "\(risky.combined)")
        #expect(!risky.combined.contains("copy/元氣飲.md:5:"))
        #expect(try TeamWorkflowTests.commitCount(folder) == 1)
    }

    @Test func beforeTheBaselineIsWrittenEveryFindingCountsAndANoteSaysHowToWriteIt() throws {
        let folder = CLIRunner.temporaryFolder("adlaw-adopt")
        defer { CLIRunner.remove(folder) }
        try CLIRunner.write(["a.md": Self.copy], in: folder)
        #expect(try CLIRunner.adlaw(["init"], in: folder).status == 0)
        let out = try CLIRunner.adlaw(["check", "a.md"], in: folder)
        #expect(out.status == 1)
        #expect(out.stderr.contains("the baseline .adlaw-baseline.json does not exist yet, so every finding counts"), "\(out.stderr)")
    }

    @Test func filesAdlawWroteAreSkippedWhenWalkedNamedOrStaged() throws {
        let folder = try TeamWorkflowTests.repository()
        defer { CLIRunner.remove(folder) }
        try CLIRunner.write(["copy/a.md": Self.copy], in: folder)
        // Every kind of file adlaw writes, under names that would be read as copy.
        for arguments in [["check", "--write-baseline", "copy/baseline.json", "copy"],
                          ["check", "--format", "json", "--output", "copy/report.json", "copy"],
                          ["check", "--format", "sarif", "--output", "copy/report.sarif.json", "copy"],
                          ["check", "--output", "copy/report.txt", "copy"],
                          ["check", "--format", "line", "--output", "copy/report-line.txt", "copy"],
                          ["check", "--format", "github", "--output", "copy/report-github.txt", "copy"],
                          ["audit", "copy", "--html", "copy/audit.html", "--markdown", "copy/audit.md"]] {
            let out = try CLIRunner.adlaw(arguments, in: folder)
            #expect(out.status != 2, "\(arguments): \(out.stderr)")
        }
        let written = ["baseline.json", "report.json", "report.sarif.json", "report.txt", "report-line.txt", "report-github.txt",
                       "audit.html", "audit.md"]
        func check(_ arguments: [String]) throws -> [String: Any] {
            let out = try CLIRunner.adlaw(arguments + ["--format", "json"], in: folder)
            #expect(out.status == 1, "\(arguments): \(out.stderr)")
            return try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
        }
        let walked = try check(["check", "copy"])
        let named = try check(["check"] + (["a.md"] + written).map { "copy/" + $0 })
        _ = try TeamWorkflowTests.git(["add", "-A"], in: folder)
        let staged = try check(["check", "--staged"])
        for (how, json) in [("walked", walked), ("named", named), ("staged", staged)] {
            let checked = (json["files"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String }
            #expect(checked == ["copy/a.md"], "\(how): \(checked)")
            let paths = Set((json["findings"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String })
            #expect(paths == ["copy/a.md"], "\(how): \(paths)")
            let skipped = (json["diagnostics"] as? [[String: Any]] ?? []).filter { $0["code"] as? String == "adlaw-output" }
                .compactMap { $0["path"] as? String }
            #expect(Set(skipped) == Set(written.map { "copy/" + $0 }), "\(how): \(skipped)")
        }
        // Copy that merely mentions adlaw is still copy.
        try CLIRunner.write(["copy/faq.json": "{\"q\": \"adlaw 是什麼？\", \"a\": \"保證治癒失眠\", \"tool\": \"adlaw\"}\n"], in: folder)
        let faq = try CLIRunner.adlaw(["check", "--format", "line", "--sector", "food", "copy/faq.json"], in: folder)
        #expect(faq.stdout.contains("copy/faq.json:"), "\(faq.combined)")
    }
}
