import Foundation
import Testing
import TestSupport

/// adlaw runs in CI on pull requests, so every file, rule, config and file name it sees may
/// come from a stranger. One test per defect of the attack run in issue 20, numbered as
/// there; each builds its attack in a temporary folder (the inputs are small) and fails on
/// the code before the fix. Split by concern over `HostilePullRequestSuite+*.swift`.
@Suite(.serialized) struct HostilePullRequestSuite {
    static let smallRules = HostileInputSuite.smallRules

    /// A fresh git repository inside a temporary folder (`outer`), so tests can plant files
    /// above and beside the repository. Returns (outer, repository).
    static func repository(_ label: String = "pr") throws -> (outer: URL, repo: URL) {
        let outer = TestSupport.temporaryFolder(label).resolvingSymlinksInPath()
        let repo = outer.appendingPathComponent("repo")
        try FileManager.default.createDirectory(at: repo, withIntermediateDirectories: true)
        let out = try CLIRunner.run("git", ["init", "-q", "."], in: repo)
        guard out.status == 0 else { throw CLIRunner.Failure.notFound("git init: \(out.stderr)") }
        return (outer, repo)
    }

    static func link(_ path: String, to destination: String, in folder: URL) throws {
        let url = folder.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: destination)
    }

    // MARK: 1. Symbolic links out of the repository

    @Test("1. symbolic links are never followed out of the repository")
    func symbolicLinksStayInsideTheRepository() throws {
        let (outer, repo) = try Self.repository()
        defer { TestSupport.remove(outer) }
        // What a CI machine holds outside the checkout.
        try TestSupport.write(["home/.aws/credentials": "aws_secret_access_key = SECRET-KEY-全台第一品牌\n"], in: outer)
        try Self.link("notes.txt", to: outer.appendingPathComponent("home/.aws/credentials").path, in: repo)
        try Self.link("home", to: "../home", in: repo)
        try Self.link("docs/up", to: "../..", in: repo)
        // A link that stays inside the repository is followed as before.
        try TestSupport.write(["copy.md": "全台第一品牌\n"], in: repo)
        try Self.link("docs/again.md", to: "../copy.md", in: repo)
        // A planted rule that prints every line it sees.
        try TestSupport.write([
            "rules/laws.yaml": TestSupport.lawsYAML, "rules/sectors.yaml": TestSupport.sectorsYAML,
            "rules/x/all.yaml": TestSupport.ruleYAML(id: "x.all", message: "違規文字：「{match}」", body: "regex: '[^\\n]+'",
                                                     examples: "  match: [⟦ab⟧, ⟦中文⟧]\n  no-match: ['', \"\\n\"]"),
        ], in: repo)

        let walked = try GuardedRun.adlaw(["check", ".", "--rules", "rules", "--format", "line", "--fail-on", "info"], in: repo)
        walked.expectSurvived(exitCodes: [1], memoryMiB: 512)
        #expect(!walked.combined.contains("SECRET-KEY"), "a file outside the repository was read:\n\(walked.combined.prefix(2000))")
        #expect(walked.stdout.contains("copy.md:1:1:") && walked.stdout.contains("docs/again.md:1:1:"))
        for name in ["notes.txt", "home", "docs/up"] {
            #expect(walked.stderr.contains("\(name): note: symbolic link that leads out of the repository; skipped"), "\(name)")
        }

        // Named on the command line, inside the repository: refused by name, the rest checked.
        let named = try GuardedRun.adlaw(["check", "notes.txt", "home", "home/.aws/credentials", "copy.md", "--rules", "rules",
                                          "--format", "line"], in: repo)
        named.expectSurvived(exitCodes: [2], memoryMiB: 512)
        #expect(!named.combined.contains("SECRET-KEY"))
        for name in ["notes.txt", "home", "home/.aws/credentials"] {
            #expect(named.stderr.contains("\(name): error: a symbolic link that leads out of the repository; not followed"), "\(name)")
        }
        #expect(named.stdout.contains("copy.md:1:1:"))
    }

    // MARK: 2. The pre-commit hook passes file names after `--`

    @Test("2. the pre-commit hook's file names are never read as options")
    func preCommitFileNamesAreNeverOptions() throws {
        let (outer, repo) = try Self.repository()
        defer { TestSupport.remove(outer) }
        for name in ["bad.md", "-h.md", "--config=evil.md", "--fail-on=never.md"] {
            try TestSupport.write([name: "全台第一品牌\n"], in: repo)
        }
        try TestSupport.write(["--write-baseline=x.json": "{\"copy\": \"全台第一品牌\"}\n"], in: repo)
        // The command line pre-commit builds: the hook's entry, then the staged file names.
        let text = try String(contentsOf: TestSupport.packageRoot.appendingPathComponent(".pre-commit-hooks.yaml"), encoding: .utf8)
        let entries = text.split(separator: "\n").filter { $0.hasPrefix("  entry: ") }.map { $0.dropFirst("  entry: ".count) }
        #expect(entries.count == 2)
        for entry in entries {
            let words = entry.split(separator: " ").map(String.init)
            #expect(words.first == "adlaw")
            let run = try GuardedRun.adlaw(Array(words.dropFirst()) + ["bad.md", "-h.md", "--write-baseline=x.json", "--config=evil.md",
                                                                       "--fail-on=never.md"], in: repo)
            run.expectSurvived(exitCodes: [1])
            #expect(!run.stdout.contains("USAGE:"), "a file name was read as -h")
            for name in ["bad.md", "-h.md", "--write-baseline=x.json", "--config=evil.md", "--fail-on=never.md"] {
                #expect(run.stdout.contains("\(name):1:"), "\(name) was not checked:\n\(run.combined.prefix(1500))")
            }
            #expect(!FileManager.default.fileExists(atPath: repo.appendingPathComponent("x.json").path), "a file name wrote a baseline")
        }
        // `--` ends the options: what follows is a path, whatever it looks like.
        let run = try GuardedRun.adlaw(["check", "--format", "line", "--", "-h.md", "--fail-on=never.md"], in: repo)
        run.expectSurvived(exitCodes: [1])
        #expect(run.stdout.contains("-h.md:1:1:") && run.stdout.contains("--fail-on=never.md:1:1:"))
    }

    // MARK: 7. Writes never follow planted links

    @Test("7. reports, baselines and configs are never written through a symbolic link")
    func writesNeverFollowLinks() throws {
        let (outer, repo) = try Self.repository()
        defer { TestSupport.remove(outer) }
        try TestSupport.write(["victim/.bashrc": "echo hello\n", "copy.md": "全台第一品牌\n"], in: outer)
        try TestSupport.write(["copy.md": "全台第一品牌\n"], in: repo)
        let victim = outer.appendingPathComponent("victim/.bashrc")
        try Self.link("adlaw.sarif", to: victim.path, in: repo)
        try Self.link("baseline.json", to: victim.path, in: repo)
        try Self.link("out", to: outer.appendingPathComponent("victim").path, in: repo)
        // The README's CI recipe, with a committed link at the report's path.
        let sarif = try GuardedRun.adlaw(["check", "--format", "sarif", "--output", "adlaw.sarif", "--", "."], in: repo)
        sarif.expectSurvived(exitCodes: [2], naming: "adlaw.sarif is a symbolic link")
        let baseline = try GuardedRun.adlaw(["check", "--write-baseline", "baseline.json", "--", "copy.md"], in: repo)
        baseline.expectSurvived(exitCodes: [2], naming: "baseline.json is a symbolic link")
        let through = try GuardedRun.adlaw(["check", "--output", "out/.bashrc", "--", "copy.md"], in: repo)
        through.expectSurvived(exitCodes: [2], naming: "out on the way to it is a symbolic link")
        #expect(try String(contentsOf: victim, encoding: .utf8) == "echo hello\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: outer.appendingPathComponent("victim").path) == [".bashrc"])

        // `adlaw init` with a dangling `.adlaw.yml` link does not create the file it names.
        try Self.link(".adlaw.yml", to: outer.appendingPathComponent("victim/planted.yml").path, in: repo)
        let initRun = try GuardedRun.adlaw(["init"], in: repo)
        initRun.expectSurvived(exitCodes: [2], naming: ".adlaw.yml is a symbolic link")
        #expect(!FileManager.default.fileExists(atPath: outer.appendingPathComponent("victim/planted.yml").path))
    }

    // MARK: 13. Configs only from the repository

    @Test("13. a .adlaw.yml above the repository or owned by another user does not apply")
    func configsComeOnlyFromTheRepository() throws {
        let (outer, repo) = try Self.repository()
        defer { TestSupport.remove(outer) }
        try TestSupport.write([".adlaw.yml": "rules:\n  disable: [\"*\"]\n"], in: outer)
        try TestSupport.write(["copy.md": "全台第一品牌\n"], in: repo)
        let run = try GuardedRun.adlaw(["check", "--format", "line", "--", "copy.md"], in: repo)
        run.expectSurvived(exitCodes: [1])
        #expect(run.stdout.contains("copy.md:1:1:"), "a config above the repository silenced the run:\n\(run.combined.prefix(1000))")
        // Outside a repository the search still goes up, but never uses another user's file.
        if getuid() == 0 {
            let plain = outer.appendingPathComponent("plain")
            try TestSupport.write(["copy.md": "全台第一品牌\n"], in: plain)
            #expect(chown(outer.appendingPathComponent(".adlaw.yml").path, 65_534, 65_534) == 0)
            let other = try GuardedRun.adlaw(["check", "--format", "line", "--", "copy.md"], in: plain, environment: ["HOME": "/nonexistent"])
            other.expectSurvived(exitCodes: [1])
            #expect(other.stdout.contains("copy.md:1:1:"))
            #expect(other.stderr.contains(".adlaw.yml: warning: config not used: it belongs to another user (uid 65534)"))
        }
        // Inside the repository the config applies as before.
        try TestSupport.write([".adlaw.yml": "rules:\n  disable: [\"*\"]\n"], in: repo)
        let inside = try GuardedRun.adlaw(["check", "--format", "line", "--", "copy.md"], in: repo)
        inside.expectSurvived(exitCodes: [0])
    }

    // MARK: 15. Outputs never replace inputs, and are never read back as copy

    @Test("15. a report never replaces an input and is never checked as copy")
    func outputsNeverReplaceInputs() throws {
        let (outer, repo) = try Self.repository()
        defer { TestSupport.remove(outer) }
        try TestSupport.write(["copy.md": "全台第一品牌\n"], in: repo)
        let over = try GuardedRun.adlaw(["check", "--output", "copy.md", "--", "copy.md"], in: repo)
        over.expectSurvived(exitCodes: [2], naming: "--output copy.md is an input of this run")
        let viaDot = try GuardedRun.adlaw(["check", "--output", "./copy.md", "--", "."], in: repo)
        viaDot.expectSurvived(exitCodes: [2], naming: "is the input copy.md of this run")
        let baseline = try GuardedRun.adlaw(["check", "--write-baseline", "copy.md", "--", "copy.md"], in: repo)
        baseline.expectSurvived(exitCodes: [2], naming: "--write-baseline copy.md is an input")
        #expect(try String(contentsOf: repo.appendingPathComponent("copy.md"), encoding: .utf8) == "全台第一品牌\n")

        // Reports written into the checked folder, in every format, run after run.
        let formats = ["json": "report.json", "sarif": "report.sarif.json", "line": "report.txt", "human": "report-human.txt",
                       "github": "report-gh.txt", "checkstyle": "report.xml.html", "junit": "junit.html"]
        for _ in 0..<3 {
            for (format, name) in formats.sorted(by: { $0.key < $1.key }) {
                let run = try GuardedRun.adlaw(["check", "--format", format, "--output", name, "--", "."], in: repo)
                run.expectSurvived(exitCodes: [1])
            }
            let audit = try GuardedRun.adlaw(["audit", "--markdown", "audit.md", "--html", "audit.html", "--", "."], in: repo)
            audit.expectSurvived(exitCodes: [1])
            let line = try GuardedRun.adlaw(["check", "--format", "line", "--", "."], in: repo)
            line.expectSurvived(exitCodes: [1])
            #expect(line.stdout.split(separator: "\n").count == 1, "reports were read back as copy:\n\(line.stdout.prefix(2000))")
        }
        let verbose = try GuardedRun.adlaw(["check", "--format", "human", "--", "."], in: repo)
        #expect(verbose.stderr.contains("report.json: note: adlaw's own output (json), not copy; skipped"))
    }
}
