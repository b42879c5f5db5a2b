import LintCore
import Linting
import Testing
import TestSupport

/// The shipped `Rules/sectors.yaml`: a licensed drug's copy and a pet product's copy are
/// not read as food, a device or a cosmetic because they share its words (decisive signals,
/// `outranks:`), and the lawful neighbours keep their sectors. Our own sentences.
@Suite struct SectorInferencePackTests {
    func decision(_ text: String) throws -> DocumentResult {
        try Pack.linter.get().lint(TestSupport.document(text), scratch: Pack.engine.makeScratch())
    }

    func sectors(_ text: String) throws -> [String] {
        try decision(text).sectors.sectors.map(\.rawValue)
    }

    @Test(arguments: [
        "醫療級維他命B群錠，緩解疲勞。\n衛部藥製字第012345號　北市衛藥廣字第113012345號",
        "本品為醫師藥師藥劑生指示藥品，含B群與維生素C，消除疲勞。",
        "乙類成藥｜綜合維他命膠囊，每日一粒。",
        "鈣片補充，衛署藥輸字第098765號。",
    ])
    func aLicensedDrugsCopyIsDrugOnly(text: String) throws {
        let result = try decision(text)
        #expect(result.sectors.sectors == [Sector("drug")], "\(result.sectors.sectors)")
        #expect(!result.findings.contains { ["food", "medical-device", "health-food", "cosmetics"].contains($0.ruleID.area) },
                "\(result.findings.map(\.ruleID.rawValue))")
    }

    @Test func theNoteSaysWhatWasOutrankedAndThatItsRulesDidNotRun() throws {
        let result = try decision("醫療級B群，衛部藥製字第012345號")
        let note = try #require(result.diagnostics.first { $0.code == .sectorsInferred }).message
        #expect(note.contains("food（B群）、medical-device（醫療級） also matched but were not used"))
        #expect(note.contains("their rules did not run"))
    }

    @Test(arguments: [
        // a food that tells the reader to keep taking medicine as the doctor says
        "益生菌膠囊是一般食品，有慢性病請遵照醫師指示用藥。",
        // a disclaimer that names a drug class
        "本產品非指示藥品，是每天一包的益生菌。",
        // a drug word with no licence: food stays, drug is inferred beside it
        "胃藥吃不停？試試每天一包的益生菌。",
    ])
    func foodCopyThatNamesADrugKeepsFood(text: String) throws {
        #expect(try sectors(text).contains("food"))
    }

    @Test(arguments: [
        "愛鳥專用營養粉\n添加維生素D3與鈣，每日一匙。",
        "兔子飼料\n含膳食纖維與益生菌。",
        "犬用關節粉：葡萄糖胺、魚油。",
        "給毛孩吃的鮭魚油，每天一匙。",
        "高齡貓保健粉\n添加益生菌，每天一包。",
        "幼犬也能吃\n小包裝的魚油膠囊。",
    ])
    func aPetProductNamedIsPetNotFood(text: String) throws {
        let found = try sectors(text)
        #expect(found.contains("pet") && !found.contains("food"), "\(found)")
    }

    @Test(arguments: [
        "熱狗麵包，添加魚油，每日一個。",
        "貓耳朵餅乾，每天一包當點心。",
        "可愛的包裝，每天一包益生菌。",
    ])
    func foodNamedAfterAnAnimalIsNoPetProduct(text: String) throws {
        let found = try sectors(text)
        #expect(found.contains("food") && !found.contains("pet"), "\(found)")
    }
}
