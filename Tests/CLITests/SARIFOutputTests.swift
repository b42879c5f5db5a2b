import Foundation
import Testing

/// SARIF as a CI job uploads it: valid against the official 2.1.0 schema, UTF-16 columns,
/// rules described with citations, fingerprints that survive moving lines.
@Suite struct SARIFOutputTests {
    static func sarif(_ text: String, in folder: URL, name: String = "文案.md") throws -> [String: Any] {
        try CLIRunner.write([name: text], in: folder)
        let output = try CLIRunner.adlaw(["check", "--no-builtin-rules", "--rules", CLIRunner.fixtures.appendingPathComponent("rules").path,
                                          "--sector", "food", "--format", "sarif", name], in: folder)
        #expect(output.status == 1, "stderr: \(output.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8))
        return try #require(object as? [String: Any])
    }

    static func results(_ log: [String: Any]) -> [[String: Any]] {
        let runs = log["runs"] as? [[String: Any]] ?? []
        return runs.first?["results"] as? [[String: Any]] ?? []
    }

    static func region(_ result: [String: Any]) -> [String: Any] {
        let locations = result["locations"] as? [[String: Any]] ?? []
        let physical = locations.first?["physicalLocation"] as? [String: Any] ?? [:]
        return physical["region"] as? [String: Any] ?? [:]
    }

    @Test func validatesAgainstTheOfficialSchema() throws {
        let folder = CLIRunner.temporaryFolder("adlaw-sarif")
        defer { CLIRunner.remove(folder) }
        try CLIRunner.write(["a.md": "🔥限時！每天一杯，預防感冒。\r\n特價品恕不退換。\r\n", "bad.md": "x\u{0}y"], in: folder)
        let output = try CLIRunner.adlaw(["check", "--no-builtin-rules", "--rules", CLIRunner.fixtures.appendingPathComponent("rules").path,
                                          "--sector", "food", "--format", "sarif", "a.md", "bad.md", "missing.md"], in: folder)
        #expect(output.status == 2, "an unreadable input exits 2")
        let file = folder.appendingPathComponent("out.sarif")
        try Data(output.stdout.utf8).write(to: file)
        let validation = try CLIRunner.validate([file], schema: CLIRunner.fixtures.appendingPathComponent("sarif-schema-2.1.0.json"))
        #expect(validation.status == 0, "schema errors: \(validation.stderr)")
        // The skipped binary file and the missing file are tool notifications, not results.
        #expect(output.stdout.contains("\"executionSuccessful\" : false"))
        #expect(output.stdout.contains("\"id\" : \"not-found\""))
    }

    @Test func theSchemaCheckRejectsABrokenLog() throws {
        // The validator must be able to fail: a level SARIF does not know is an error.
        let folder = CLIRunner.temporaryFolder("adlaw-sarif")
        defer { CLIRunner.remove(folder) }
        var log = try Self.sarif("每天一杯，預防感冒。\n", in: folder)
        var runs = log["runs"] as! [[String: Any]]
        var results = runs[0]["results"] as! [[String: Any]]
        results[0]["level"] = "fatal"
        runs[0]["results"] = results
        log["runs"] = runs
        let file = folder.appendingPathComponent("broken.sarif")
        try JSONSerialization.data(withJSONObject: log).write(to: file)
        let validation = try CLIRunner.validate([file], schema: CLIRunner.fixtures.appendingPathComponent("sarif-schema-2.1.0.json"))
        #expect(validation.status == 1)
        #expect(validation.stderr.contains("fatal"))
    }

    @Test func columnsAreUTF16CodeUnitsAndSaidSo() throws {
        let folder = CLIRunner.temporaryFolder("adlaw-sarif")
        defer { CLIRunner.remove(folder) }
        // 🔥 is one character but two UTF-16 code units: 預 is character 13, UTF-16 unit 14.
        let log = try Self.sarif("🔥限時！本產品每天一杯，預防感冒\r\n", in: folder)
        let run = (log["runs"] as! [[String: Any]])[0]
        #expect(run["columnKind"] as? String == "utf16CodeUnits")
        let region = Self.region(Self.results(log)[0])
        #expect(region["startLine"] as? Int == 1)
        #expect(region["startColumn"] as? Int == 14)
        #expect(region["endColumn"] as? Int == 18)
    }

    @Test func rulesCarryCitationsAndHelp() throws {
        let folder = CLIRunner.temporaryFolder("adlaw-sarif")
        defer { CLIRunner.remove(folder) }
        let log = try Self.sarif("每天一杯，預防感冒。\n", in: folder)
        let driver = ((log["runs"] as! [[String: Any]])[0]["tool"] as! [String: Any])["driver"] as! [String: Any]
        let rules = driver["rules"] as! [[String: Any]]
        let rule = try #require(rules.first { $0["id"] as? String == "claims.medical" })
        let help = rule["help"] as! [String: Any]
        #expect((help["text"] as! String).contains("食品安全衛生管理法 第28條第2項（L0040001）：新臺幣60萬元以上500萬元以下罰鍰"))
        #expect((help["markdown"] as! String).contains("[食品安全衛生管理法 第28條第2項](https://law.moj.gov.tw/"))
        #expect(rule["helpUri"] as? String == "https://law.moj.gov.tw/LawClass/LawSingle.aspx?pcode=L0040001&flno=28")
        let references = (rule["properties"] as! [String: Any])["references"] as! [[String: Any]]
        #expect(references.first?["pcode"] as? String == "L0040001")
        let result = Self.results(log)[0]
        #expect(rules[result["ruleIndex"] as! Int]["id"] as? String == result["ruleId"] as? String)
    }

    @Test func fingerprintsSurviveMovingLinesButNotChangingTheClaim() throws {
        let folder = CLIRunner.temporaryFolder("adlaw-sarif")
        defer { CLIRunner.remove(folder) }
        func prints(_ text: String) throws -> [String] {
            try Self.results(Self.sarif(text, in: folder)).map {
                ($0["partialFingerprints"] as! [String: String])["adlawMatch/v1"]!
            }
        }
        let original = try prints("每天一杯，預防感冒。\n特價品恕不退換。\n")
        let moved = try prints("新的開場白。\n\n特價品恕不退換。\n\n每天一杯，預防感冒。\n")
        let reworded = try prints("每天兩杯，預防感冒。\n特價品恕不退換。\n")
        #expect(original.count == 2)
        #expect(Set(original) == Set(moved))
        #expect(original[0] != reworded[0], "context changed next to the match")
        #expect(original[1] == reworded[1])
        // The same sentence twice in one file gets two different keys.
        let twice = try prints("特價品恕不退換。\n特價品恕不退換。\n")
        #expect(twice.count == 2 && twice[0] != twice[1])
    }
}
