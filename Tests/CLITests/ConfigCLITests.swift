import Foundation
import Testing
import TestSupport

/// `.adlaw.yml` as the CLI uses it, with the fixture rule pack (claims.medical error,
/// returns.no-return warning, claims.first-brand info).
@Suite struct ConfigCLITests {
    static var fixtureRules: String { CLIRunner.fixtures.appendingPathComponent("rules").path }

    /// A folder with a config that loads only the fixture rules, plus `files`.
    static func project(_ config: String, files: [String: String]) throws -> URL {
        let folder = CLIRunner.temporaryFolder("adlaw-config")
        try CLIRunner.write([".adlaw.yml": "rules:\n  builtin: false\n  folders: [\"\(fixtureRules)\"]\n" + config].merging(files) { a, _ in a }, in: folder)
        return folder
    }

    static let copy = "---\nsector: food\n---\n每天一杯，預防感冒。\n特價品恕不退換。\n全台第一品牌。\n"

    @Test func initWritesAStartingConfigAndNeverOverwritesWithoutForce() throws {
        let folder = CLIRunner.temporaryFolder("adlaw-init")
        defer { CLIRunner.remove(folder) }
        let first = try CLIRunner.adlaw(["init"], in: folder)
        #expect(first.status == 0)
        #expect(first.stdout.hasPrefix("wrote .adlaw.yml\n"))
        let written = try #require(CLIRunner.read(".adlaw.yml", in: folder))
        #expect(written.contains("fail-on: warning") && written.contains("claims: []"))
        try CLIRunner.write([".adlaw.yml": "fail-on: error\n"], in: folder)
        let again = try CLIRunner.adlaw(["init"], in: folder)
        #expect(again.status == 2)
        #expect(again.stderr.contains(".adlaw.yml already exists; nothing was changed (use --force to overwrite it)"))
        #expect(CLIRunner.read(".adlaw.yml", in: folder) == "fail-on: error\n")
        #expect(try CLIRunner.adlaw(["init", "--force"], in: folder).status == 0)
        #expect(CLIRunner.read(".adlaw.yml", in: folder) == written)
    }

    @Test func theNearestConfigAboveTheCurrentFolderApplies() throws {
        let folder = try Self.project("fail-on: error\n", files: ["team/copy.md": "特價品恕不退換。\n"])
        defer { CLIRunner.remove(folder) }
        // From a subfolder: the config's fail-on (error) makes a warning pass.
        let out = try CLIRunner.adlaw(["check", "--format", "line", "copy.md"], in: folder.appendingPathComponent("team"))
        #expect(out.stdout.contains("copy.md:1:4:warning:returns.no-return"))
        #expect(out.status == 0)
        // The option wins over the config.
        #expect(try CLIRunner.adlaw(["check", "--fail-on", "warning", "copy.md"], in: folder.appendingPathComponent("team")).status == 1)
        // --no-config ignores it (and the built-in pack, whose rules differ, is loaded again).
        let ignored = try CLIRunner.adlaw(["check", "--no-config", "--no-builtin-rules", "--rules", Self.fixtureRules, "copy.md"],
                                          in: folder.appendingPathComponent("team"))
        #expect(ignored.status == 1)
    }

    @Test func rulesCanBeDisabledAndRegraded() throws {
        let folder = try Self.project("""
        rules:
          builtin: false
          folders: ["\(Self.fixtureRules)"]
          disable: [claims.first-brand]
          severity:
            claims.medical: warning
        min-severity: warning
        """, files: ["copy.md": Self.copy])
        defer { CLIRunner.remove(folder) }
        // The project() prefix is overridden: write the config as given.
        try CLIRunner.write([".adlaw.yml": """
        rules:
          builtin: false
          folders: ["\(Self.fixtureRules)"]
          disable: [claims.first-brand]
          severity:
            claims.medical: warning
        """], in: folder)
        let out = try CLIRunner.adlaw(["check", "--format", "line", "copy.md"], in: folder)
        #expect(out.stdout == "copy.md:4:6:warning:claims.medical:食品不得宣稱醫療效能：「預防感冒」。\ncopy.md:5:4:warning:returns.no-return:「恕不退換」：通訊交易消費者得於收受商品後7日內解除契約。\n")
        let explained = try CLIRunner.adlaw(["explain", "claims.medical"], in: folder)
        #expect(explained.stdout.contains("severity: warning (set in .adlaw.yml; the rule says error)"))
    }

    @Test func aBadConfigIsAnErrorWithFileLineAndColumn() throws {
        let folder = CLIRunner.temporaryFolder("adlaw-config")
        defer { CLIRunner.remove(folder) }
        try CLIRunner.write([".adlaw.yml": "rules:\n  disable: [claims.medicl]\n  severity:\n    returns.no-return: severe\nexclude: drafts/**\nfail_on: error\n",
                             "copy.md": "x\n"], in: folder)
        let out = try CLIRunner.adlaw(["check", "--no-builtin-rules", "--rules", Self.fixtureRules, "copy.md"], in: folder)
        #expect(out.status == 2)
        #expect(out.stdout.isEmpty, "nothing is checked")
        #expect(out.stderr.contains(".adlaw.yml:4:24: error: `rules.severity.returns.no-return` has an invalid value `severe`"))
        #expect(out.stderr.contains(".adlaw.yml:6:1: error: unknown key `fail_on`\n  hint: did you mean `fail-on`?"))
        // Once the syntax is right, rule ids are checked against the loaded rules.
        try CLIRunner.write([".adlaw.yml": "rules:\n  disable: [claims.medicl]\n"], in: folder)
        let ids = try CLIRunner.adlaw(["check", "--no-builtin-rules", "--rules", Self.fixtureRules, "copy.md"], in: folder)
        #expect(ids.status == 2)
        #expect(ids.stderr.contains(".adlaw.yml:2:13: error: `rules.disable`: no rule matches `claims.medicl`\n  hint: did you mean `claims.medical`?"))
        #expect(ids.stderr.contains("1 problem in the configuration; nothing was checked"))
    }

    @Test func excludeAndSectorGlobsAreRelativeToTheConfig() throws {
        let folder = try Self.project("""
        exclude: ["drafts/", "*.bak.md"]
        sectors:
          - paths: ["products/food/**"]
            sectors: [food]
        """, files: [
            "products/food/a.md": "每天一杯，預防感冒。\n",
            "products/toys/b.md": "每天一杯，預防感冒。\n",
            "drafts/c.md": "每天一杯，預防感冒。\n",
            "products/food/d.bak.md": "每天一杯，預防感冒。\n",
        ])
        defer { CLIRunner.remove(folder) }
        let out = try CLIRunner.adlaw(["check", "--format", "json", "--no-infer-sectors", "."], in: folder)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
        let files = (json["files"] as? [[String: Any]] ?? []).map { "\($0["path"] ?? ""):\($0["sectorSource"] ?? "")" }
        #expect(files == ["products/food/a.md:config", "products/toys/b.md:none"])
        let findings = (json["findings"] as? [[String: Any]] ?? []).map { $0["path"] as? String ?? "" }
        #expect(findings == ["products/food/a.md"])
        // Excluded files named explicitly (as pre-commit passes them) are left out too.
        let named = try CLIRunner.adlaw(["check", "--format", "line", "drafts/c.md"], in: folder.appendingPathComponent("."))
        #expect(named.status == 0 && named.stdout.isEmpty)
        #expect(named.stderr.contains("1 file left out by `exclude:`"))
        // Front matter wins over the config's path sectors.
        try CLIRunner.write(["products/food/e.md": "---\nsector: alcohol\n---\n每天一杯，預防感冒。\n"], in: folder)
        let declared = try CLIRunner.adlaw(["check", "--format", "line", "products/food/e.md"], in: folder)
        #expect(declared.stderr.contains("unknown sector `alcohol`") || declared.stdout.isEmpty)
    }

    @Test func suppressionsAreListedInJSONWithTheirStatus() throws {
        let folder = try Self.project("", files: ["copy.md": """
        ---
        sector: food
        ---
        <!-- adlaw-disable-next-line claims.medical -- 衛部健食字第A00000號 -->
        每天一杯，預防感冒。
        <!-- adlaw-disable-next-line returns.no-return -- 門市限定 -->
        歡迎光臨。
        <!-- adlaw-disable-next-line claims.medical -->
        喝了就能治療失眠。
        """])
        defer { CLIRunner.remove(folder) }
        let out = try CLIRunner.adlaw(["check", "--format", "json", "copy.md"], in: folder)
        #expect(out.status == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
        let suppressions = json["suppressions"] as? [[String: Any]] ?? []
        #expect(suppressions.map { "\($0["line"] ?? 0):\($0["status"] ?? "")" } == ["4:applied", "6:unused", "8:rejected"])
        #expect(suppressions.first?["reason"] as? String == "衛部健食字第A00000號")
        let suppressed = json["suppressed"] as? [[String: Any]] ?? []
        #expect(suppressed.map { $0["matchedText"] as? String } == ["預防感冒"])
        #expect((suppressed.first?["suppression"] as? [String: Any])?["line"] as? Int == 4)
        let open = (json["findings"] as? [[String: Any]] ?? []).map { "\($0["line"] ?? 0):\($0["ruleId"] ?? "")" }
        #expect(open == ["6:adlaw.suppression-unused", "8:adlaw.suppression-reason", "9:claims.medical"])
        #expect((json["summary"] as? [String: Any])?["suppressed"] as? Int == 1)
    }

    @Test func aSidecarSuppressesInFilesWithoutComments() throws {
        let folder = try Self.project("", files: [
            "copy.txt": "每天一杯，預防感冒。\n",
            "copy.txt.adlaw": "# 法務核准\nadlaw-disable claims.medical @ 1 -- 衛部健食字第A00000號\n",
        ])
        defer { CLIRunner.remove(folder) }
        let out = try CLIRunner.adlaw(["check", "--sector", "food", "copy.txt"], in: folder)
        #expect(out.status == 0, "\(out.stdout)")
        #expect(out.stdout.contains("reason: 衛部健食字第A00000號 (adlaw-disable at copy.txt.adlaw:2)"))
    }

    @Test func claimsFromTheConfigAreShownAndListed() throws {
        let folder = try Self.project("""
        claims:
          - id: no1-2025
            text: 第一品牌
            evidence: 2025 年通路調查
            approved-by: 法務
            expires: 2999-01-01
          - id: old
            pattern: '恕不退[換貨]'
            evidence: 門市專用
            approved-by: 法務
            expires: 2000-01-01
        """, files: ["copy.md": Self.copy])
        defer { CLIRunner.remove(folder) }
        let out = try CLIRunner.adlaw(["check", "--format", "json", "copy.md"], in: folder)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
        let substantiated = json["substantiated"] as? [[String: Any]] ?? []
        #expect(substantiated.map { ($0["claim"] as? [String: Any])?["id"] as? String } == ["no1-2025"])
        let open = json["findings"] as? [[String: Any]] ?? []
        let expired = try #require(open.first { $0["ruleId"] as? String == "returns.no-return" })
        #expect((expired["claim"] as? [String: Any])?["expired"] as? Bool == true)
        let claims = (json["claims"] as? [[String: Any]] ?? []).map { "\($0["id"] as? String ?? ""):\($0["matches"] as? Int ?? -1):\($0["expired"] as? Bool ?? false)" }
        #expect(claims == ["no1-2025:1:false", "old:1:true"])
        let diagnostics = (json["diagnostics"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
        #expect(diagnostics.contains("claim-expired"))
    }

    @Test func aClaimPatternThatDoesNotCompileIsAConfigError() throws {
        let folder = try Self.project("claims:\n  - pattern: '(第一'\n    evidence: x\n    approved-by: y\n    expires: 2999-01-01\n", files: ["copy.md": "x\n"])
        defer { CLIRunner.remove(folder) }
        let out = try CLIRunner.adlaw(["check", "copy.md"], in: folder)
        #expect(out.status == 2)
        #expect(out.stderr.contains(".adlaw.yml:5:14: error: `claims.pattern` does not compile"))
    }
}
