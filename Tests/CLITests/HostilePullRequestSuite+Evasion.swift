import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// What the checked text can do to the rules, and what the walk could leave out unsaid.
extension HostilePullRequestSuite {
    // MARK: 11. Nothing left out silently

    /// Makes `depth` nested folders of 250-character names under `folder` (with *at calls,
    /// since the whole path is longer than PATH_MAX) and a file `copy.md` at the bottom.
    static func makeLongPath(in folder: URL, depth: Int) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var fd = open(folder.path, O_RDONLY | O_DIRECTORY)
        guard fd >= 0 else { throw CLIRunner.Failure.notFound("cannot open \(folder.path)") }
        let name = String(repeating: "長", count: 80) // 240 bytes
        for _ in 0..<depth {
            guard mkdirat(fd, name, 0o755) == 0 else { close(fd); throw CLIRunner.Failure.notFound("mkdirat failed") }
            let next = openat(fd, name, O_RDONLY | O_DIRECTORY)
            close(fd)
            guard next >= 0 else { throw CLIRunner.Failure.notFound("openat failed") }
            fd = next
        }
        let file = openat(fd, "copy.md", O_WRONLY | O_CREAT, 0o644)
        let text = Array("全台第一品牌\n".utf8)
        _ = text.withUnsafeBytes { write(file, $0.baseAddress, $0.count) }
        close(file)
        close(fd)
    }

    @Test("11. every file or folder left out is counted and named, walked or staged")
    func nothingIsLeftOutSilently() throws {
        let (outer, repo) = try Self.repository()
        defer { TestSupport.remove(outer) }
        try TestSupport.write([
            "copy.md": "全台第一品牌\n", ".hidden/copy.md": "全台第一品牌\n", "notes.png": "x", "copy.md.adlaw": "",
        ], in: repo)
        // A name that is not UTF-8, and a path longer than PATH_MAX.
        var badName = (Array(repo.path.utf8) + Array("/bad-".utf8) + [0xFF, 0xFE] + Array(".md".utf8)).map { CChar(bitPattern: $0) } + [0]
        let fd = open(&badName, O_WRONLY | O_CREAT, 0o644)
        #expect(fd >= 0)
        close(fd)
        try Self.makeLongPath(in: repo.appendingPathComponent("deep"), depth: 18)

        let walked = try GuardedRun.adlaw(["check", "--format", "line", "--", "."], in: repo)
        walked.expectSurvived(exitCodes: [2])
        #expect(walked.stdout.contains("copy.md:1:1:"))
        #expect(walked.stderr.contains(".: note: 1 hidden file or folder (or Office lock file) skipped: .hidden"), "\(walked.stderr)")
        #expect(walked.stderr.contains(".: note: 1 file with other extensions skipped: notes.png"))
        #expect(walked.stderr.contains("bad-\\xFF\\xFE.md: error: cannot read the file (its name is not valid UTF-8; rename it to check it)"))
        #expect(walked.stderr.contains(": error: cannot read the file (the path is longer than the system allows (PATH_MAX)"))
        #expect(!walked.stderr.contains("copy.md.adlaw"), "a suppression sidecar is not a skipped file")

        let verbose = try GuardedRun.adlaw(["check", "--verbose", "--format", "line", "--", "."], in: repo)
        #expect(verbose.stderr.contains(".hidden: note: hidden; skipped (name it to check it)"))
        #expect(verbose.stderr.contains("notes.png: note: not a format adlaw reads; skipped"))

        // --staged says the same about the same files.
        #expect(try CLIRunner.run("git", ["add", "copy.md", ".hidden/copy.md", "notes.png"], in: repo).status == 0)
        let gitAdd = try CLIRunner.run("/bin/sh", ["-c", "git add -- \"$(printf 'bad-\\377\\376.md')\""], in: repo)
        #expect(gitAdd.status == 0, "\(gitAdd.stderr)")
        let staged = try GuardedRun.adlaw(["check", "--staged", "--format", "line"], in: repo)
        staged.expectSurvived(exitCodes: [2])
        #expect(staged.stdout.contains("copy.md:1:1:"))
        #expect(staged.stderr.contains(".: note: 1 staged hidden file (or Office lock file) skipped: .hidden/copy.md"), "\(staged.stderr)")
        #expect(staged.stderr.contains(".: note: 1 staged file with other extensions skipped: notes.png"))
        #expect(staged.stderr.contains("bad-\\xFF\\xFE.md: error: cannot read the file (its name is not valid UTF-8"))
    }

    // MARK: 16. The checked text cannot switch rules off

    @Test("16. invisible characters, a 5,000-digit amount and a slow rule cannot switch rules off")
    func theTextCannotSwitchRulesOff() throws {
        let folder = TestSupport.temporaryFolder("hostile-evasion")
        defer { TestSupport.remove(folder) }
        // 15 invisible characters inside the phrase.
        let invisible: [Character] = ["\u{200E}", "\u{200F}", "\u{202E}", "\u{202A}", "\u{2066}", "\u{2069}", "\u{FE0F}", "\u{034F}",
                                      "\u{061C}", "\u{2060}", "\u{180E}", "\u{E0020}", "\u{3164}", "\u{200B}", "\u{FEFF}"]
        var hidden = ""
        for (index, character) in "全台第一品牌".enumerated() {
            hidden.append(character)
            if index < 5 { hidden += String(invisible[(index * 3)..<(index * 3 + 3)]) }
        }
        try TestSupport.write(["hidden.md": "本店為\(hidden)。\n"], in: folder)
        let run = try GuardedRun.adlaw(["check", "--format", "json", "--", "hidden.md"], in: folder)
        run.expectSurvived(exitCodes: [1])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let findings = try #require(json["findings"] as? [[String: Any]])
        let superlative = try #require(findings.first { $0["ruleId"] as? String == "fair-trade.superlative" }, "\(run.stdout.prefix(600))")
        // The span is on the original text, invisible characters and all.
        #expect(superlative["column"] as? Int == 4)
        #expect((superlative["matchedText"] as? String)?.hasPrefix("全\u{200E}\u{200F}\u{202E}台") == true)

        // A 5,000-digit "amount" after a prize word, then a real prize over the limit.
        try TestSupport.write(["prize.md": "首獎 " + String(repeating: "9", count: 5_000) + "，另有萬元好禮。\n\n抽獎活動首獎價值600萬元的進口跑車一輛！\n"], in: folder)
        let prize = try GuardedRun.adlaw(["check", "--only", "fair-trade.prize-over-limit", "--format", "line", "--", "prize.md"], in: folder,
                                         hangGuardSeconds: 120)
        prize.expectSurvived(exitCodes: [1])
        #expect(prize.stdout.contains("prize.md:3:"), "the rule was switched off: \(prize.combined.prefix(800))")
        #expect(!prize.stderr.contains("stopped on this file"))

        // A rule just under the match limit at every position stops within its budget, named.
        try TestSupport.write([
            "rules/laws.yaml": TestSupport.lawsYAML, "rules/sectors.yaml": TestSupport.sectorsYAML,
            "rules/x/slow.yaml": TestSupport.ruleYAML(id: "x.slow", body: "regex: '[^\\n]{0,800}[^\\n]{0,800}[^a\\n]'",
                                                      examples: "  match: [⟦ab⟧, ⟦中⟧]\n  no-match: [a, aa]"),
            "rules/x/fast.yaml": TestSupport.ruleYAML(id: "x.fast", body: "terms: [第一品牌]",
                                                      examples: "  match: [⟦第一品牌⟧, 全台⟦第一品牌⟧]\n  no-match: [b, 中文]"),
            "slow.txt": String(repeating: String(repeating: "a", count: 1_600) + "\n", count: 60) + "第一品牌\n",
        ], in: folder)
        let slow = try GuardedRun.adlaw(["check", "--no-builtin-rules", "--rules", "rules", "--format", "line", "--", "slow.txt"], in: folder,
                                        hangGuardSeconds: 300)
        slow.expectSurvived(exitCodes: [1])
        #expect(slow.stderr.contains("slow.txt: warning: rule x.slow stopped on this file: it ran longer than its time budget"), "\(slow.stderr)")
        #expect(slow.stdout.contains("slow.txt:61:1:error:x.fast:"))
    }
}
