import LintCore
import Linting
import PCRE2Matcher
import Testing
import TestSupport

/// Decisive signals and `outranks:` (Rules/sectors.yaml): the copy of a licensed drug or of
/// a pet product is that sector's, and the words another sector shares with it do not make it
/// that other sector too; the note names what was outranked and that its rules did not run.
@Suite struct SectorInferenceTests {
    static let sectors = """
    sectors:
      food:
        name: 食品
        strong: [益生菌, 魚油, B群]
        weak: [好喝, 口味]
      device:
        name: 醫療器材
        strong: [醫療級]
        decisive: {regex: ['醫器字第[0-9]{6}號']}
      drug:
        name: 藥品
        strong: [藥局]
        decisive: {regex: ['藥製字第[0-9]{6}號', '指示藥品']}
        outranks: [food, device]
      pet:
        name: 寵物
        strong: [毛孩]
        decisive: {regex: ['(?:犬|貓|鴿)用|愛(?:犬|貓|鴿)']}
        outranks: [food]
    """

    let rules: RuleSet

    init() throws {
        rules = try TestSupport.loadRules([
            "sectors.yaml": Self.sectors,
            "food/claim.yaml": TestSupport.ruleYAML(id: "food.claim", severity: "warning", sectors: "[food]", body: "terms: [消除疲勞]",
                                                    examples: "  match: [⟦消除疲勞⟧, 可以⟦消除疲勞⟧]\n  no-match: [疲勞, 消除]"),
            "drug/claim.yaml": TestSupport.ruleYAML(id: "drug.claim", severity: "info", sectors: "[drug]", body: "terms: [消除疲勞]",
                                                    examples: "  match: [⟦消除疲勞⟧, 可以⟦消除疲勞⟧]\n  no-match: [疲勞, 消除]"),
        ])
    }

    func lint(_ text: String) -> DocumentResult {
        Linter(ruleSet: rules).lint(TestSupport.document(text), scratch: PCRE2Engine().makeScratch())
    }

    func note(_ result: DocumentResult) -> String {
        result.diagnostics.first { $0.code == .sectorsInferred }?.message ?? ""
    }

    @Test func aDrugLicenceOutranksTheFoodAndDeviceWordsItShares() {
        let result = lint("醫療級B群錠，可以消除疲勞。藥製字第123456號")
        #expect(result.sectors.sectors == [Sector("drug")])
        #expect(result.sectors.evidence[Sector("drug")] == ["藥製字第123456號"])
        #expect(result.findings.map(\.ruleID.rawValue) == ["drug.claim"])
        let note = note(result)
        #expect(note.contains("device（醫療級）、food（B群） also matched but were not used"))
        #expect(note.contains("the decisive signals of drug mark the copy as a product of 藥品"))
        #expect(note.contains("their rules did not run"))
    }

    @Test func aDrugStrongSignalAloneOutranksNothing() {
        let result = lint("藥局也買得到的B群，可以消除疲勞。")
        #expect(result.sectors.sectors == [Sector("drug"), Sector("food")])
        #expect(result.findings.map(\.ruleID.rawValue).contains("food.claim"))
        #expect(!note(result).contains("not used"))
    }

    @Test func aSectorWithItsOwnDecisiveSignalIsNotOutranked() {
        let result = lint("醫療級貼布，醫器字第654321號；另售指示藥品。")
        #expect(result.sectors.sectors == [Sector("device"), Sector("drug")])
        #expect(!note(result).contains("not used"))
    }

    @Test func aPetProductNamedMakesTheWholeCopyPet() {
        // the ingredient sentence names no animal, the product line does
        let result = lint("愛鴿專用的綜合配方。\n添加魚油與益生菌，可以消除疲勞。")
        #expect(result.sectors.sectors == [Sector("pet")])
        #expect(result.findings.isEmpty)
        #expect(note(result).contains("food（魚油、益生菌） also matched but was not used"))
        #expect(note(result).contains("its rules did not run"))
        // a pet word alone is not a pet product: food is still inferred beside it
        #expect(lint("毛孩也愛的魚油，消除疲勞").sectors.sectors == [Sector("food"), Sector("pet")])
    }

    @Test func anOutrankedHintIsNamedToo() {
        let result = lint("犬用潔牙骨，好喝")
        #expect(result.sectors.sectors == [Sector("pet")])
        #expect(note(result).contains("food（好喝） also matched but was not used"))
        #expect(!note(result).contains("hinted at food"))
    }

    @Test func declaredSectorsAreNotOutranked() {
        let result = Linter(ruleSet: rules).lint(TestSupport.document("愛犬也能吃的B群，消除疲勞", sectors: [Sector("food")]),
                                                 scratch: PCRE2Engine().makeScratch())
        #expect(result.sectors.sectors == [Sector("food")])
        #expect(result.findings.map(\.ruleID.rawValue) == ["food.claim"])
    }

    @Test func outranksIsChecked() {
        func errors(_ yaml: String) -> [String] {
            TestSupport.loadErrors(["sectors.yaml": yaml]).map(\.description)
        }
        #expect(errors("sectors:\n  food: {name: 食品, strong: [魚油]}\n  drug: {name: 藥品, outranks: [food]}\n")
            .contains { $0.contains("`outranks` needs `decisive` signals") })
        #expect(errors("sectors:\n  food: {name: 食品, strong: [魚油]}\n  drug: {name: 藥品, decisive: [藥製字], outranks: [fod]}\n")
            .contains { $0.contains("names `fod`, which is no sector") })
        #expect(errors("sectors:\n  drug: {name: 藥品, decisive: [藥製字], outranks: [drug]}\n")
            .contains { $0.contains("names the sector itself") })
    }
}
