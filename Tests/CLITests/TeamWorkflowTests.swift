import Foundation
import Testing
import TestSupport

/// The "done when", end to end in a real temporary git repository with the real
/// binary and the built-in rule pack: a team adds adlaw in two commands; a commit that adds
/// a risky sentence is blocked with the finding shown; a reasoned suppression or an approved
/// claim lets it through and shows in the output; a CI job can upload SARIF.
@Suite(.serialized) struct TeamWorkflowTests {
    static let risky = "---\nsector: food\n---\n# 元氣飲\n每天一杯，預防感冒。\n"

    static func repository() throws -> URL {
        let folder = CLIRunner.temporaryFolder("adlaw-team")
        for arguments in [["init", "-q"], ["config", "user.email", "test@example.com"], ["config", "user.name", "adlaw test"],
                          ["config", "commit.gpgsign", "false"], ["config", "core.hooksPath", ".git/hooks"]] {
            let out = try CLIRunner.run("git", arguments, in: folder)
            #expect(out.status == 0, "git \(arguments): \(out.stderr)")
        }
        return folder
    }

    static func git(_ arguments: [String], in folder: URL) throws -> CLIRunner.Output {
        // The hook runs the adlaw binary; ADLAW_RULES_DIR reaches it through git.
        try CLIRunner.run("git", arguments, in: folder, environment: ["ADLAW_RULES_DIR": CLIRunner.packageRoot.appendingPathComponent("Rules").path])
    }

    static func commitCount(_ folder: URL) throws -> Int {
        let out = try CLIRunner.run("git", ["rev-list", "--count", "--all"], in: folder)
        return Int(out.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }

    @Test func twoCommandsThenRiskyCommitsAreBlockedAndReasonedOnesPass() throws {
        let folder = try Self.repository()
        defer { CLIRunner.remove(folder) }

        // 1. Two commands.
        let initialized = try CLIRunner.adlaw(["init"], in: folder)
        #expect(initialized.status == 0, "\(initialized.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(".adlaw.yml").path))
        let installed = try CLIRunner.adlaw(["hook", "install"], in: folder)
        #expect(installed.status == 0, "\(installed.stderr)")
        #expect(installed.stdout.contains("installed .git/hooks/pre-commit"))
        try CLIRunner.write(["README.md": "團隊文案庫\n"], in: folder)
        _ = try Self.git(["add", "-A"], in: folder)
        let first = try Self.git(["commit", "-m", "adlaw config"], in: folder)
        #expect(first.status == 0, "a clean commit passes: \(first.combined)")

        // 2. A risky sentence: the commit is blocked and the finding is shown.
        try CLIRunner.write(["文案/元氣飲.md": Self.risky], in: folder)
        _ = try Self.git(["add", "文案/元氣飲.md"], in: folder)
        let blocked = try Self.git(["commit", "-m", "new copy"], in: folder)
        #expect(blocked.status != 0)
        #expect(blocked.combined.contains("文案/元氣飲.md:5:6: error:"))
        #expect(blocked.combined.contains("[food.medical-efficacy]"))
        #expect(blocked.combined.contains("= law: 食品安全衛生管理法 第28條第2項"))
        #expect(try Self.commitCount(folder) == 1)

        // 3. A suppression without a reason does not let it through, and says why.
        try CLIRunner.write(["文案/元氣飲.md": Self.risky.replacingOccurrences(of: "每天一杯", with: "<!-- adlaw-disable-next-line food.medical-efficacy -->\n每天一杯")], in: folder)
        _ = try Self.git(["add", "文案/元氣飲.md"], in: folder)
        let unreasoned = try Self.git(["commit", "-m", "new copy"], in: folder)
        #expect(unreasoned.status != 0)
        #expect(unreasoned.combined.contains("[adlaw.suppression-reason]"))
        #expect(unreasoned.combined.contains("[food.medical-efficacy]"))

        // 4. A reasoned suppression lets it through and is listed in the hook's output.
        let reasoned = Self.risky.replacingOccurrences(
            of: "每天一杯", with: "<!-- adlaw-disable-next-line food.medical-efficacy -- 衛部健食字第A00000號核准之保健功效 -->\n每天一杯")
        try CLIRunner.write(["文案/元氣飲.md": reasoned], in: folder)
        _ = try Self.git(["add", "文案/元氣飲.md"], in: folder)
        let passed = try Self.git(["commit", "-m", "new copy, approved"], in: folder)
        #expect(passed.status == 0, "\(passed.combined)")
        #expect(passed.combined.contains("suppressed (1):"))
        #expect(passed.combined.contains("reason: 衛部健食字第A00000號核准之保健功效 (adlaw-disable-next-line at 文案/元氣飲.md:5)"))
        #expect(try Self.commitCount(folder) == 2)
    }

    @Test func anApprovedClaimLetsTheCommitThroughUntilItExpires() throws {
        let folder = try Self.repository()
        defer { CLIRunner.remove(folder) }
        #expect(try CLIRunner.adlaw(["init"], in: folder).status == 0)
        #expect(try CLIRunner.adlaw(["hook", "install"], in: folder).status == 0)
        let claim = """
          - id: cold-study-2025
            text: 預防感冒
            rules: [food.medical-efficacy]
            evidence: 衛部健食字第A00000號（免疫調節功效評估）
            approved-by: 法務 王小明
            expires: EXPIRES

        """
        let template = CLIRunner.read(".adlaw.yml", in: folder) ?? ""
        func configure(expires: String) throws {
            let withoutClaims = template.components(separatedBy: "\nclaims: []").first ?? template
            try CLIRunner.write([".adlaw.yml": withoutClaims + "\nclaims:\n" + claim.replacingOccurrences(of: "EXPIRES", with: expires)], in: folder)
        }
        try configure(expires: "2999-12-31")
        try CLIRunner.write(["文案/元氣飲.md": Self.risky], in: folder)
        _ = try Self.git(["add", "-A"], in: folder)
        let passed = try Self.git(["commit", "-m", "approved claim"], in: folder)
        #expect(passed.status == 0, "\(passed.combined)")
        #expect(passed.combined.contains("substantiated (1):"))
        #expect(passed.combined.contains("claim `cold-study-2025`: 衛部健食字第A00000號（免疫調節功效評估）; approved by 法務 王小明; valid until 2999-12-31"))

        // After the expiry date the same copy fails again, with the claim shown.
        try configure(expires: "2001-01-31")
        try CLIRunner.write(["文案/元氣飲.md": Self.risky + "新口味上市。\n"], in: folder)
        _ = try Self.git(["add", "-A"], in: folder)
        let expired = try Self.git(["commit", "-m", "after expiry"], in: folder)
        #expect(expired.status != 0)
        #expect(expired.combined.contains("= claim: `cold-study-2025` expired on 2001-01-31"))
        #expect(expired.combined.contains("claim `cold-study-2025` expired on 2001-01-31"))
    }

    @Test func theHookChecksTheStagedCopyNotTheWorkingTree() throws {
        let folder = try Self.repository()
        defer { CLIRunner.remove(folder) }
        #expect(try CLIRunner.adlaw(["hook", "install"], in: folder).status == 0)
        // Staged risky, fixed only in the working tree: still blocked.
        try CLIRunner.write(["a.md": Self.risky], in: folder)
        _ = try Self.git(["add", "a.md"], in: folder)
        try CLIRunner.write(["a.md": "---\nsector: food\n---\n幫助消化。\n"], in: folder)
        #expect(try Self.git(["commit", "-m", "x"], in: folder).status != 0)
        // Staged clean, risky only in the working tree: passes.
        _ = try Self.git(["add", "a.md"], in: folder)
        try CLIRunner.write(["a.md": Self.risky], in: folder)
        let clean = try Self.git(["commit", "-m", "clean"], in: folder)
        #expect(clean.status == 0, "\(clean.combined)")
        // `adlaw check --staged` says the same outside the hook.
        _ = try Self.git(["add", "a.md"], in: folder)
        let staged = try CLIRunner.adlaw(["check", "--staged", "--format", "line"], in: folder)
        #expect(staged.status == 1)
        #expect(staged.stdout.hasPrefix("a.md:5:6:error:food.medical-efficacy:"))
        let nothing = try CLIRunner.adlaw(["check", "--staged", "--format", "line"], in: folder.appendingPathComponent(".git"))
        #expect(nothing.status == 0 || nothing.status == 2)
    }

    @Test func aCIJobWritesSARIFWithSuppressionsThatValidates() throws {
        let folder = try Self.repository()
        defer { CLIRunner.remove(folder) }
        #expect(try CLIRunner.adlaw(["init"], in: folder).status == 0)
        let reasoned = Self.risky + "<!-- adlaw-disable-next-line food.medical-efficacy -- 衛部健食字第A00000號 -->\n長期飲用可以改善便秘問題。\n"
        try CLIRunner.write(["copy/元氣飲.md": reasoned], in: folder)
        // As in a workflow step: write the SARIF file, then upload it with upload-sarif.
        let out = try CLIRunner.adlaw(["check", "--format", "sarif", "--output", "adlaw.sarif", "."], in: folder)
        #expect(out.status == 1, "one open finding")
        let file = folder.appendingPathComponent("adlaw.sarif")
        let validation = try CLIRunner.validate([file], schema: CLIRunner.fixtures.appendingPathComponent("sarif-schema-2.1.0.json"))
        #expect(validation.status == 0, "\(validation.stderr)")
        let log = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
        let results = ((log["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]]) ?? []
        #expect(results.count == 2)
        let suppressed = results.filter { $0["suppressions"] != nil }
        #expect(suppressed.count == 1)
        let suppression = (suppressed.first?["suppressions"] as? [[String: Any]])?.first
        #expect(suppression?["kind"] as? String == "inSource")
        #expect(suppression?["justification"] as? String == "衛部健食字第A00000號")
        let uri = ((((results.first?["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["artifactLocation"]) as? [String: Any])?["uri"] as? String
        #expect(uri == "copy/%E5%85%83%E6%B0%A3%E9%A3%B2.md")
    }
}
