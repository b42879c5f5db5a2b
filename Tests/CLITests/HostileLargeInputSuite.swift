import Foundation
import Testing
import TestSupport

/// The heaviest hostile inputs: a 200 MB file, refused by the size limit and, with the limit
/// raised, checked in full; and 200 MB on standard input. Kept apart from
/// `HostileInputSuite` so they are easy to find and to run alone
/// (`swift test --filter HostileLargeInputSuite`); they still run in `swift test`.
@Suite(.serialized) struct HostileLargeInputSuite {
    static let size = 200_000_000
    /// One line of ordinary copy (no finding) and, every 10,000 lines, one with a finding.
    static let plainLine = Array("我們的門市位於市中心，營業時間為每日上午十點至晚上九點，歡迎蒞臨參觀選購。\n".utf8)
    static let findingLine = Array("本店為全台第一品牌。\n".utf8)

    /// Writes the 200 MB file in chunks; returns how many finding lines it holds.
    static func writeLargeFile(_ url: URL) throws -> Int {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw CLIRunner.Failure.notFound("cannot create \(url.path)")
        }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        var written = 0, findings = 0, line = 0
        var chunk: [UInt8] = []
        chunk.reserveCapacity(1 << 20)
        while written + chunk.count < size {
            if line % 10_000 == 0 {
                chunk += findingLine
                findings += 1
            } else {
                chunk += plainLine
            }
            line += 1
            if chunk.count >= 1 << 20 {
                try handle.write(contentsOf: chunk)
                written += chunk.count
                chunk.removeAll(keepingCapacity: true)
            }
        }
        try handle.write(contentsOf: chunk)
        return findings
    }

    @Test func twoHundredMegabyteFileIsRefusedThenCheckedInFull() throws {
        let folder = TestSupport.temporaryFolder("hostile-large")
        defer { TestSupport.remove(folder) }
        let file = folder.appendingPathComponent("huge.txt")
        let expected = try Self.writeLargeFile(file)
        let bytes = try #require(try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int)

        // Above the default 64 MiB limit: refused without being read.
        let refused = try GuardedRun.adlaw(["check", "huge.txt"], in: folder)
        refused.expectSurvived(exitCodes: [2], memoryMiB: 256, naming: "huge.txt")
        #expect(refused.stderr.contains("huge.txt: error: the file is \(bytes) bytes, above the 67108864-byte limit"))

        // With the limit raised: read, decoded, mapped and checked to the end.
        let rules = HostileInputSuite.smallRules
        let run = try GuardedRun.adlaw(["check", "huge.txt", "--max-file-size", "268435456", "--no-builtin-rules", "--rules", rules,
                                        "--fail-on", "info", "--format", "line"], in: folder, hangGuardSeconds: 3_600)
        run.expectSurvived(exitCodes: [1], memoryMiB: 4096, naming: "huge.txt")
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == expected)
        #expect(lines.first?.hasPrefix("huge.txt:1:6:info:claims.first-brand:") == true)
        #expect(lines.last?.hasPrefix("huge.txt:\((expected - 1) * 10_000 + 1):6:info:claims.first-brand:") == true)
    }

    @Test func twoHundredMegabytesOnStandardInputAreRefusedAtTheLimit() throws {
        let folder = TestSupport.temporaryFolder("hostile-large")
        defer { TestSupport.remove(folder) }
        let file = folder.appendingPathComponent("stdin.txt")
        _ = try Self.writeLargeFile(file)
        let run = try GuardedRun.adlaw(["check", "-", "--stdin-filename", "piped.md"], in: folder, stdin: file)
        // Reading stops just past the limit: memory stays near 64 MiB, not 200 MB.
        run.expectSurvived(exitCodes: [2], memoryMiB: 512, naming: "piped.md")
        #expect(run.stderr.contains("piped.md: error: the file is"))
        #expect(run.stderr.contains("above the 67108864-byte limit"))
    }
}
