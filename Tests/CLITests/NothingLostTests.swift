import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Files adlaw writes (reports, baselines, configs) are complete or untouched: a run that
/// fails or is killed never leaves a half-written file or a temporary beside it, and a file
/// that is not adlaw's is never replaced without being asked.
@Suite struct NothingLostTests {
    static func listing(_ folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    }

    @Test func aBaselineNeverReplacesAnotherFile() throws {
        let folder = TestSupport.temporaryFolder("nothing-lost")
        defer { TestSupport.remove(folder) }
        try TestSupport.write(["copy.md": "全台銷售第一的品牌。\n", "notes.json": "{\"mine\": true}\n"], in: folder)
        let refused = try CLI.run(["check", "copy.md", "--write-baseline", "notes.json"], directory: folder)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("notes.json exists and was not written by adlaw"))
        #expect(try String(contentsOf: folder.appendingPathComponent("notes.json"), encoding: .utf8) == "{\"mine\": true}\n")
        // An earlier baseline is replaced.
        #expect(try CLI.run(["check", "copy.md", "--write-baseline", "baseline.json"], directory: folder).status == 0)
        #expect(try CLI.run(["check", "copy.md", "--write-baseline", "baseline.json"], directory: folder).status == 0)
        #expect(Self.listing(folder) == ["baseline.json", "copy.md", "notes.json"])
    }

    @Test func aFailedAuditLeavesTheEarlierReportAsItWas() throws {
        let folder = TestSupport.temporaryFolder("nothing-lost")
        defer { TestSupport.remove(folder) }
        try TestSupport.write(["campaign/copy.md": "全台銷售第一的品牌。\n", "bad-rules/x/broken.yaml": "id: x.broken\nname: [\n"], in: folder)
        let first = try CLI.run(["audit", "campaign", "--html", "report.html", "--date", "2026-01-01"], directory: folder)
        #expect(first.status == 1)
        let before = try Data(contentsOf: folder.appendingPathComponent("report.html"))
        // A rule-file error stops the run before any report is written.
        let failed = try CLI.run(["audit", "campaign", "--html", "report.html", "--rules", "bad-rules"], directory: folder)
        #expect(failed.status == 2)
        #expect(try Data(contentsOf: folder.appendingPathComponent("report.html")) == before)
        // A report into a folder that does not exist: an error, and nothing is created.
        let nowhere = try CLI.run(["audit", "campaign", "--html", "no/such/report.html"], directory: folder)
        #expect(nowhere.status == 2)
        #expect(nowhere.stderr.contains("cannot write no/such/report.html"))
        #expect(Self.listing(folder) == ["bad-rules", "campaign", "report.html"])
    }

    /// Kills `adlaw audit` at several moments: whenever it dies, the report is the earlier
    /// one or the complete new one, and no temporary file is left.
    @Test func anInterruptedAuditNeverLeavesAHalfWrittenReport() throws {
        let folder = TestSupport.temporaryFolder("nothing-lost")
        defer { TestSupport.remove(folder) }
        let corpus = TestSupport.corpusFolder
        let arguments = ["audit", corpus, "--date", "2026-01-01", "--title", "corpus", "--force"]
        let complete = try CLI.run(arguments + ["--html", "reference.html"], directory: folder)
        #expect(complete.status == 1)
        let reference = try Data(contentsOf: folder.appendingPathComponent("reference.html"))
        #expect(reference.count > 100_000)
        let old = Data("<!-- an earlier report -->\n".utf8)
        let report = folder.appendingPathComponent("report.html")
        for delay in [0.0, 0.2, 0.5, 1.0, 1.5, 2.5, 4.0] {
            try old.write(to: report)
            let process = Process()
            process.executableURL = CLI.binary
            process.arguments = arguments + ["--html", "report.html"]
            process.currentDirectoryURL = folder
            var env = ProcessInfo.processInfo.environment
            env["ADLAW_RULES_DIR"] = TestSupport.rulesFolder
            process.environment = env
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(UInt32(delay * 1_000_000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let now = try Data(contentsOf: report)
            #expect(now == old || now == reference, "after \(delay)s: a report of \(now.count) bytes, neither the old one nor the complete one")
            #expect(Self.listing(folder) == ["reference.html", "report.html"], "after \(delay)s")
        }
    }
}
