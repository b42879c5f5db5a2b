import Foundation
import Testing
import TestSupport

/// `adlaw rules ...` and `adlaw test` run as processes.
@Suite struct RulesCommandTests {
    @Test func listsRulesAsJSON() throws {
        let out = try CLI.run(["rules", "list", "--format", "json"])
        #expect(out.status == 0)
        let rules = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [[String: Any]])
        let rule = try #require(rules.first { $0["id"] as? String == "food.medical-efficacy" })
        #expect(rule["severity"] as? String == "error")
        #expect(rule["sectors"] as? [String] == ["food", "health-food"])
        #expect((rule["references"] as? [[String: Any]])?.first?["pcode"] as? String == "L0040001")
        #expect(rule["name"] as? String == "食品宣稱醫療效能")
    }

    @Test func listFiltersBySector() throws {
        let out = try CLI.run(["rules", "list", "--sector", "alcohol"])
        #expect(out.stdout.contains("alcohol.missing-warnings"))
        #expect(!out.stdout.contains("food.medical-efficacy"))
        #expect(out.stdout.contains("consumer-protection.no-return")) // rules for all sectors included
    }

    @Test func showsEveryFieldOfARule() throws {
        let out = try CLI.run(["rules", "show", "alcohol.missing-warnings"])
        #expect(out.status == 0)
        #expect(out.stdout.contains("菸酒管理法 第37條 (G0330011)"))
        #expect(out.stdout.contains("新臺幣3萬元以上50萬元以下罰鍰，並通知限期改正，屆期未改正者按次處罰（第51條第1項）"))
        #expect(out.stdout.contains("pattern:    requires"))
        #expect(out.stdout.contains("match    ⟦精釀啤酒⟧限時買一送一！⏎禁止酒駕"))
        let missing = try CLI.run(["rules", "show", "food.nope"])
        #expect(missing.status == 2)
    }

    @Test func rulesCheckValidatesTheBuiltInPack() throws {
        let out = try CLI.run(["rules", "check"])
        #expect(out.status == 0)
        #expect(out.stdout.hasPrefix("ok: "))
    }

    @Test func testRunsExamplesAndFailsOnAWrongOne() throws {
        let ok = try CLI.run(["test"])
        #expect(ok.status == 0)
        #expect(ok.stdout.contains("0 failures"))

        let folder = TestSupport.temporaryFolder()
        defer { TestSupport.remove(folder) }
        try TestSupport.write(["x/wrong.yaml": TestSupport.ruleYAML(
            id: "x.wrong", body: "terms: [保證有效]", examples: "  match: [⟦保證⟧有效, ⟦保證有效⟧]\n  no-match: [有效, 保證]")], in: folder)
        let failing = try CLI.run(["test", folder.path])
        #expect(failing.status == 1)
        #expect(failing.stdout.contains("x/wrong.yaml:11: x.wrong example as written: 保證有效"))
        #expect(failing.stdout.contains("expected: ⟦保證⟧"))
    }

    @Test func testChecksAnAnnotatedCorpusStrictly() throws {
        let folder = TestSupport.temporaryFolder()
        defer { TestSupport.remove(folder) }
        try TestSupport.write([
            "cp/good.md": "<!-- ruleid: consumer-protection.no-return -->\n網購特價品恕不退換\n",
            "cp/stray.txt": "網購特價品恕不退換\n",
        ], in: folder)
        let out = try CLI.run(["test", folder.path])
        #expect(out.status == 1)
        #expect(out.stdout.contains("stray.txt:1:6: unexpected consumer-protection.no-return"))
        #expect(out.stdout.contains("consumer-protection        1     1     0"))
    }
}
