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

    @Test("a memory budget, file size or job count that cannot work is refused with what to pass")
    func invalidLimitsAreRefused() {
        let refusals: [([String], String)] = [
            (["--max-memory", "0"], "too small; give a number of bytes of at least 1048576 (1 MiB), optionally with a unit: --max-memory 512M"),
            (["--max-memory=-1"], "not a size; give a number of bytes of at least 1048576"),
            (["--max-memory", "lots"], "not a size"),
            (["--max-memory", "5X"], "not a size"),
            (["--max-memory", "1000"], "too small"),
            (["--max-memory", "99999999999999999999999"], "not a size"),
            (["--max-memory", "9000000000T"], "too large"),
            (["--max-file-size", "0"], "too small; give a number of bytes of at least 1, optionally with a unit: --max-file-size 512M"),
            (["--jobs", "0"], "--jobs 0: give the number of files to check at a time, 1 or more"),
        ]
        for (options, expected) in refusals {
            for command in options[0] == "--max-file-size" ? ["check", "audit", "extract"] : ["check", "audit"] {
                guard case let .refused(message, code) = AdlawCommandLine.parse([command] + options + ["--", "x.md"]) else {
                    Issue.record("\(command) \(options) was not refused")
                    continue
                }
                #expect(code == 2 && message.contains(expected), "\(command) \(options): \(message)")
            }
        }
        for value in ["1048576", "512M", "512MiB", "2G", "2GB", "4096k"] {
            #expect(AdlawCommandLine.parse(["check", "--max-memory", value, "--", "x.md"]) == .command(name: "check", paths: ["x.md"]), "\(value)")
        }
    }
}
