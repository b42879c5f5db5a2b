import Foundation
import Testing
import TestSupport

/// Output safety: what a stranger's copy, rules and file names can do to a terminal, a CI
/// log and a Markdown report, and a standard output that cannot be written.
extension HostilePullRequestSuite {
    // MARK: 8. A failed write to standard output

    @Test("8. a failed write to standard output is an error (exit 2), never a signal")
    func failedWritesToStandardOutputAreErrors() throws {
        let folder = TestSupport.temporaryFolder("hostile-out")
        defer { TestSupport.remove(folder) }
        try TestSupport.write(["copy.md": String(repeating: "全台第一品牌。\n", count: 2_000)], in: folder)
        let cases: [(GuardedRun.Output, String)] = [
            (.path("/dev/full"), "no space left on the device"),
            (.closed, "it is closed"),
            (.brokenPipe(ignoringSIGPIPE: true), "the program reading it stopped (broken pipe)"),
            (.brokenPipe(ignoringSIGPIPE: false), "the program reading it stopped (broken pipe)"),
        ]
        for (output, reason) in cases {
            for arguments in [["check", "--", "copy.md"], ["check", "--format", "json", "--", "copy.md"], ["extract", "copy.md"], ["--help"], ["rules", "list"]] {
                let run = try GuardedRun.adlaw(arguments, in: folder, stdout: output)
                run.expectSurvived(exitCodes: [2])
                #expect(run.stderr.contains("error: cannot write to standard output: \(reason)"), "\(arguments) \(output): \(run.stderr.suffix(500))")
            }
        }
        // With a closed stdout, no file adlaw writes takes its place as descriptor 1.
        let closed = try GuardedRun.adlaw(["check", "--format", "sarif", "--output", "report.sarif", "--", "copy.md"], in: folder, stdout: .closed)
        closed.expectSurvived(exitCodes: [1])
        let report = try String(contentsOf: folder.appendingPathComponent("report.sarif"), encoding: .utf8)
        #expect(report.hasPrefix("{") && report.hasSuffix("}\n"))
    }

    // MARK: 9. Terminal and CI-log injection

    @Test("9. escape sequences, bidi overrides and newlines in copy and file names are shown, not obeyed")
    func controlCharactersAreShownNotObeyed() throws {
        let folder = TestSupport.temporaryFolder("hostile-out")
        defer { TestSupport.remove(folder) }
        let names = ["title\u{1B}]0;PWNED\u{07}.md", "forged\nnotes.md:9:9:error:fake.rule:forged finding.md", "::error::planted.md",
                     "rtl\u{202E}dm.txt"]
        for name in names {
            try TestSupport.write([name: "全台第一品牌\u{1B}]0;PWNED\u{07}\n全台第一品牌\u{202E}反轉\n"], in: folder)
        }
        // Files that only produce a warning on standard error (binary: NUL bytes).
        for name in ["::stop-commands::pwn.txt", "bin\n::error::injected.txt"] {
            try Data([0, 1, 2]).write(to: folder.appendingPathComponent(name))
        }
        let dangerous: [Character] = ["\u{1B}", "\u{07}", "\u{202E}"]
        for format in ["human", "line", "github"] {
            let run = try GuardedRun.adlaw(["check", "--format", format, "--", "."], in: folder,
                                           environment: format == "github" ? ["GITHUB_ACTIONS": "true"] : [:])
            run.expectSurvived(exitCodes: [1])
            for character in dangerous {
                #expect(!run.combined.contains(character), "\(format): a raw U+\(String(character.unicodeScalars.first!.value, radix: 16)) was printed")
            }
            #expect(run.stdout.contains("\\e]0;PWNED\\x07") && run.combined.contains("<U+202E>"), "\(format): \(run.stdout.prefix(800))")
            // Every line of both streams: no forged finding, no workflow command but adlaw's own.
            for line in (run.stdout + run.stderr).split(separator: "\n") {
                #expect(!line.hasPrefix("notes.md:9:9"), "\(format): a file name forged a finding line")
                if line.hasPrefix("::") {
                    #expect(line.hasPrefix("::warning file=") || line.hasPrefix("::error file=") || line.hasPrefix("::notice file="),
                            "\(format): a workflow command from a file name: \(line)")
                }
            }
            if format == "line" {
                #expect(run.stdout.split(separator: "\n").count == 2 * names.count, "\(run.stdout)")
            }
        }
    }

    // MARK: 14. File names in the Markdown audit report

    @Test("14. a backtick in a file name cannot break out of its code span in the Markdown report")
    func markdownReportCodeSpansHold() throws {
        let folder = TestSupport.temporaryFolder("hostile-out")
        defer { TestSupport.remove(folder) }
        let name = "x`<img src=x onerror=alert(1)>`y.md"
        try TestSupport.write([name: "全台第一品牌\n", "pipe|``tick.md": "全台第一品牌\n"], in: folder)
        let run = try GuardedRun.adlaw(["audit", "--markdown", "report.md", "--date", "2026-01-01", "--", "."], in: folder)
        run.expectSurvived(exitCodes: [1])
        let report = try String(contentsOf: folder.appendingPathComponent("report.md"), encoding: .utf8)
        // The fence is longer than any run of backticks inside, so the name stays code.
        #expect(report.contains("### ``\(name)``\n"), "\(report)")
        #expect(report.contains("| ``\(name)`` |"))
        #expect(report.contains("| ```pipe\\|``tick.md``` |"))
        for line in report.split(separator: "\n") where line.contains("<img") {
            #expect(line.contains("``x`<img"), "raw HTML outside a code span: \(line)")
        }
    }
}
