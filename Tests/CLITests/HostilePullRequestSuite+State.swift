import Foundation
import Testing
import TestSupport

/// What adlaw keeps and leaves between runs: baselines, caches, lexicons, staged blobs, and
/// what an interrupted run leaves behind.
extension HostilePullRequestSuite {
    // MARK: 10. A baseline of many findings can be replaced by adlaw

    @Test("10. --write-baseline replaces its own baseline however many findings it holds")
    func aLargeBaselineIsRewritten() throws {
        let folder = TestSupport.temporaryFolder("hostile-state")
        defer { TestSupport.remove(folder) }
        try TestSupport.write(["copy.md": (0..<60).map { "第\($0)款，全台第一品牌。\n" }.joined()], in: folder)
        for round in 0..<2 {
            let run = try GuardedRun.adlaw(["check", "--write-baseline", "baseline.json", "--", "copy.md"], in: folder)
            run.expectSurvived(exitCodes: [0])
            #expect(run.stderr.contains("wrote 60 findings to the baseline baseline.json"), "round \(round): \(run.stderr)")
        }
        // Still never another file.
        try TestSupport.write(["other.json": "{\"findings\": [], \"tool\": \"someone else\"}\n"], in: folder)
        let other = try GuardedRun.adlaw(["check", "--write-baseline", "other.json", "--", "copy.md"], in: folder)
        other.expectSurvived(exitCodes: [2], naming: "other.json exists and was not written by adlaw")
    }

    // MARK: 17. The cache is authenticated, cleaned by name and type, and read within a bound

    @Test("17. a forged cache is not used, cleaning removes only cache files, a huge one is not read")
    func theCacheIsAuthenticated() throws {
        let folder = TestSupport.temporaryFolder("hostile-state")
        defer { TestSupport.remove(folder) }
        let cache = folder.appendingPathComponent("cache"), keys = folder.appendingPathComponent("config")
        try TestSupport.write(["copy.md": "全台第一品牌\n"], in: folder)
        let environment = ["ADLAW_CACHE_DIR": cache.path, "XDG_CONFIG_HOME": keys.path]
        let first = try GuardedRun.adlaw(["check", "--format", "line", "--", "copy.md"], in: folder, environment: environment)
        first.expectSurvived(exitCodes: [1])
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: cache.path).first { $0.hasPrefix("rules-") })
        let file = cache.appendingPathComponent(name)

        // The attacker knows the format: change a message in place.
        var bytes = [UInt8](try Data(contentsOf: file))
        let original = Array("須有客觀數據佐證並註明出處".utf8), forged = Array((String(repeating: "FORGED-", count: 5) + "FORG").utf8)
        #expect(original.count == forged.count)
        var replaced = 0
        var index = 0
        while index + original.count <= bytes.count {
            if bytes[index..<(index + original.count)].elementsEqual(original) {
                bytes.replaceSubrange(index..<(index + original.count), with: forged)
                replaced += 1
            }
            index += 1
        }
        #expect(replaced > 0)
        // The file carries no checksum an attacker could recompute (its integrity is a keyed
        // MAC over the whole file), and the forged message has the same length, so every
        // offset and section length stays right: only the key can tell the forgery.
        try Data(bytes).write(to: file)
        let poisoned = try GuardedRun.adlaw(["check", "--format", "line", "--", "copy.md"], in: folder, environment: environment)
        poisoned.expectSurvived(exitCodes: [1])
        #expect(!poisoned.stdout.contains("FORGED"), "a forged cache was used")
        #expect(poisoned.stdout == first.stdout)

        // Cleaning: a folder named like a cache file, the oldest, is never deleted.
        let trap = cache.appendingPathComponent("rules-1.cache")
        try TestSupport.write(["rules-1.cache/keep.txt": "mine\n"], in: cache)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -86_400)], ofItemAtPath: trap.path)
        for index in 2..<12 { try Data("x".utf8).write(to: cache.appendingPathComponent("rules-\(index).cache")) }
        try FileManager.default.removeItem(at: file)
        let cleaned = try GuardedRun.adlaw(["check", "--format", "line", "--", "copy.md"], in: folder, environment: environment)
        cleaned.expectSurvived(exitCodes: [1])
        #expect(FileManager.default.fileExists(atPath: trap.appendingPathComponent("keep.txt").path), "cleaning deleted a folder")

        // A cache file of 1 GB (sparse) is not read into memory.
        let huge = try FileHandle(forWritingTo: file.deletingLastPathComponent().appendingPathComponent(name).creating())
        try huge.truncate(atOffset: 1 << 30)
        try huge.close()
        let bounded = try GuardedRun.adlaw(["check", "--format", "line", "--", "copy.md"], in: folder, environment: environment)
        bounded.expectSurvived(exitCodes: [1], memoryMiB: 256)
        #expect(bounded.stdout == first.stdout)
    }

    // MARK: 18. Lexicons: a size limit with the right hint, one error per cycle

    @Test("18. a huge lexicon is refused at the lexicon with a hint; a cycle is one error")
    func lexiconErrorsAreFewAndRight() throws {
        let folder = TestSupport.temporaryFolder("hostile-state")
        defer { TestSupport.remove(folder) }
        let terms = (0..<3_500).map { "品項\($0)號" }.joined(separator: ", ")
        var files = [
            "rules/laws.yaml": TestSupport.lawsYAML, "rules/sectors.yaml": TestSupport.sectorsYAML,
            "rules/lexicons/big.yaml": "lexicon: big\ndescription: 大量詞彙\nterms: [\(terms)]\n",
            "rules/x/big.yaml": TestSupport.ruleYAML(id: "x.big", body: "terms: [$big]",
                                                     examples: "  match: [⟦品項1號⟧, 這是⟦品項2號⟧]\n  no-match: [品項, 中文]"),
            "loop/laws.yaml": TestSupport.lawsYAML, "loop/sectors.yaml": TestSupport.sectorsYAML,
            "loop/lexicons/a.yaml": "lexicon: a\ndescription: 甲\nterms: [甲詞, $b]\n",
            "loop/lexicons/b.yaml": "lexicon: b\ndescription: 乙\nterms: [乙詞, $a]\n",
            "copy.md": "甲詞\n",
        ]
        for index in 0..<30 {
            files["loop/x/r\(index).yaml"] = TestSupport.ruleYAML(id: "x.r\(index)", body: "terms: [$a, 規則\(index)]",
                                                                  examples: "  match: [⟦甲詞⟧, ⟦乙詞⟧]\n  no-match: [甲, 乙]")
        }
        try TestSupport.write(files, in: folder)
        let big = try GuardedRun.adlaw(["check", "--no-builtin-rules", "--rules", "rules", "--", "copy.md"], in: folder)
        big.expectSurvived(exitCodes: [2], naming: "rules/lexicons/big.yaml:")
        #expect(big.stderr.contains("error: lexicon `big` has 3500 terms; a lexicon holds at most 2000"), "\(big.stderr.prefix(800))")
        #expect(big.stderr.contains("hint: split it into smaller lexicons"))
        #expect(!big.stderr.contains("escape PCRE2 metacharacters"), "the wrong hint")

        let loop = try GuardedRun.adlaw(["check", "--no-builtin-rules", "--rules", "loop", "--", "copy.md"], in: folder)
        loop.expectSurvived(exitCodes: [2])
        let errors = loop.stderr.split(separator: "\n").filter { $0.contains(": error: ") }
        #expect(errors.count == 1, "\(errors.count) errors:\n\(loop.stderr.prefix(1500))")
        #expect(loop.stderr.contains("lexicons include each other in a cycle: $a -> $b -> $a"))
    }

    // MARK: 19. --staged refuses a large blob before reading it

    @Test("19. --staged checks a blob's size before reading it")
    func stagedBlobsAreSizedBeforeReading() throws {
        let (outer, repo) = try Self.repository()
        defer { TestSupport.remove(outer) }
        let big = repo.appendingPathComponent("big.txt")
        guard FileManager.default.createFile(atPath: big.path, contents: nil) else { throw CLIRunner.Failure.notFound("big.txt") }
        let handle = try FileHandle(forWritingTo: big)
        let chunk = Data(String(repeating: "本店營業時間為上午十點。\n", count: 30_000).utf8)
        // 300 MB: were the blob read, the peak would pass the bound below by far; the bound
        // itself leaves room for the rule set, whose size differs between machines.
        for _ in 0..<270 { try handle.write(contentsOf: chunk) }
        try handle.close()
        // An old modification time keeps git's racy-index check from re-reading the file.
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -86_400)], ofItemAtPath: big.path)
        let size = try #require(try FileManager.default.attributesOfItem(atPath: big.path)[.size] as? Int)
        try TestSupport.write(["small.md": "全台第一品牌\n"], in: repo)
        #expect(try CLIRunner.run("git", ["add", "big.txt", "small.md"], in: repo).status == 0)
        let run = try GuardedRun.adlaw(["check", "--staged", "--max-file-size", "1000000", "--format", "line"], in: repo)
        run.expectSurvived(exitCodes: [2], memoryMiB: 256)
        #expect(run.stderr.contains("big.txt: error: the file is \(size) bytes, above the 1000000-byte limit"))
        #expect(run.stdout.contains("small.md:1:1:"))
    }

    // MARK: 20. Nothing left behind by a killed run; the hook works from any install path

    @Test("20. a killed run leaves no temporary file, no PDF copy and no pdftotext; the hook survives `}` in its path")
    func killedRunsLeaveNothingBehind() throws {
        let folder = TestSupport.temporaryFolder("hostile-state").resolvingSymlinksInPath()
        defer { TestSupport.remove(folder) }
        // A SIGKILL between naming and renaming leaves a hidden temporary; the next write removes it.
        try TestSupport.write(["copy.md": "全台第一品牌\n"], in: folder)
        var dead: pid_t = 999_999
        while kill(dead, 0) == 0 || errno != ESRCH { dead -= 1 }
        let stale = folder.appendingPathComponent(".report.json.adlaw-tmp-\(dead)-12345")
        try Data("half".utf8).write(to: stale)
        let written = try GuardedRun.adlaw(["check", "--format", "json", "--output", "report.json", "--", "copy.md"], in: folder)
        written.expectSurvived(exitCodes: [1])
        #expect(!FileManager.default.fileExists(atPath: stale.path), "a killed run's temporary file was left")

        // SIGTERM while pdftotext runs: no copy of the PDF in the temporary folder, no tool left running.
        let temporary = folder.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        let pidFile = folder.appendingPathComponent("tool.pid")
        try TestSupport.write(["slow-pdftotext": "#!/bin/sh\necho $$ > '\(pidFile.path)'\nexec sleep 60\n"], in: folder)
        chmod(folder.appendingPathComponent("slow-pdftotext").path, 0o755)
        try Data("%PDF-1.4\n%\u{E2}\u{E3}\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n".utf8).write(to: folder.appendingPathComponent("flyer.pdf"))
        // Once the tool runs, adlaw is ended as CI ends a cancelled job.
        let run = try GuardedRun.adlaw(["check", "--no-cache", "--", "flyer.pdf"], in: folder, hangGuardSeconds: 120,
                                       environment: ["ADLAW_PDFTOTEXT": folder.appendingPathComponent("slow-pdftotext").path,
                                                     "TMPDIR": temporary.path],
                                       interrupt: .init(signal: SIGTERM) { FileManager.default.fileExists(atPath: pidFile.path) })
        #expect(run.signal == SIGTERM, "adlaw was not ended by SIGTERM: \(run.exitCode.map(String.init) ?? "-") \(run.stderr.suffix(300))")
        usleep(300_000)
        let left = try FileManager.default.contentsOfDirectory(atPath: temporary.path)
        #expect(left.isEmpty, "left in the temporary folder: \(left)")
        if let text = try? String(contentsOf: pidFile, encoding: .utf8), let tool = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
            // A zombie (dead, not yet reaped by an init that is slow to reap) is not running.
            let state = (try? String(contentsOfFile: "/proc/\(tool)/stat", encoding: .utf8))?.split(separator: ")").last?.split(separator: " ").first
            let alive = kill(tool, 0) == 0 && state != "Z"
            if alive { kill(tool, SIGKILL) }
            #expect(!alive, "pdftotext was left running")
        } else {
            Issue.record("the fake pdftotext never started")
        }

        // The installed hook from a binary whose path holds `}` and a quote.
        let (outer, repo) = try Self.repository()
        defer { TestSupport.remove(outer) }
        let odd = outer.appendingPathComponent("bin}x'y")
        try FileManager.default.createDirectory(at: odd, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: CLI.binary.path, toPath: odd.appendingPathComponent("adlaw").path)
        let install = try CLIRunner.run(odd.appendingPathComponent("adlaw").path, ["hook", "install"], in: repo)
        #expect(install.status == 0, "\(install.stderr)")
        try TestSupport.write(["copy.md": "全台第一品牌\n"], in: repo)
        #expect(try CLIRunner.run("git", ["add", "copy.md"], in: repo).status == 0)
        let hook = try CLIRunner.run("/bin/sh", [".git/hooks/pre-commit"], in: repo,
                                     environment: ["PATH": "/usr/bin:/bin", "ADLAW_RULES_DIR": TestSupport.rulesFolder])
        #expect(hook.status == 1, "\(hook.stderr)")
        #expect(hook.stdout.contains("copy.md:1:1: warning:"), "the hook did not run adlaw: \(hook.stderr)")
    }
}

private extension URL {
    /// The URL, after creating an empty file there if there is none.
    func creating() -> URL {
        if !FileManager.default.fileExists(atPath: path) { FileManager.default.createFile(atPath: path, contents: nil) }
        return self
    }
}
