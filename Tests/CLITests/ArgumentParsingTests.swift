import AdlawCLI
import Testing

/// `AdlawCommandLine.parse`, the entry of the `fuzz-args` fuzz target: what a command line
/// would run, decided without running it. The properties the fuzz target checks on arbitrary
/// argument lists, on the lists of issue 20's attack.
@Suite struct ArgumentParsingTests {
    @Test("after `--` every argument is a path, in order, whatever it looks like")
    func argumentsAfterTheSeparatorArePaths() {
        let tail = ["-h.md", "--help", "--write-baseline=x.json", "--config=evil.md", "--", "-"]
        for command in ["check", "audit", "extract"] {
            #expect(AdlawCommandLine.parse([command, "bad.md", "--"] + tail) == .command(name: command, paths: ["bad.md"] + tail))
        }
        #expect(AdlawCommandLine.parse(["check", "--format", "json", "--", "--format"]) == .command(name: "check", paths: ["--format"]))
    }

    @Test("help, the version and refusals are told apart; `serve` is not in the library")
    func outcomes() {
        #expect(AdlawCommandLine.parse(["check", "-h"]) == .help)
        #expect(AdlawCommandLine.parse(["--version"]) == .help)
        guard case let .refused(typo, code) = AdlawCommandLine.parse(["chek", "x.md"]) else {
            Issue.record("a typo was not refused")
            return
        }
        #expect(code == 2 && typo.contains("did you mean `adlaw check`"))
        guard case let .refused(message, usage) = AdlawCommandLine.parse(["check", "--fail-on", "sometimes", "--", "x.md"]) else {
            Issue.record("a bad --fail-on was not refused")
            return
        }
        #expect(usage == 2 && message.contains("sometimes"), "\(message)")
        if case .command = AdlawCommandLine.parse(["serve"]) { Issue.record("serve parsed without the server commands") }
    }
}
