import Foundation
import LintCore
@testable import RuleCompiler
import Testing
import TestSupport

/// `schemas/law.schema.json` (for editors) and the law-file reader accept the same keys, and
/// every shipped law file is valid against the schema.
@Suite struct LawSchemaTests {
    static let schemaURL = TestSupport.packageRoot.appendingPathComponent("schemas/law.schema.json")

    @Test func theSchemaListsExactlyTheKeysTheReaderAccepts() throws {
        let schema = try SchemaValidation.schema("schemas/law.schema.json")
        let definitions = schema["$defs"] as? [String: Any]
        #expect(SchemaValidation.keys(schema) == Set(LawFile.entryKeys))
        let article = definitions?["article"] as? [String: Any]
        #expect(SchemaValidation.keys(article) == Set(LawFile.articleKeys))
        let versions = (schema["properties"] as? [String: Any])?["versions"] as? [String: Any]
        #expect(SchemaValidation.keys(versions?["items"]) == Set(LawFile.versionKeys))
        #expect(SchemaValidation.keys(definitions?["penalty"]) == Set(LawFile.penaltyKeys))
        let roles = ((definitions?["addressees"] as? [String: Any])?["items"] as? [String: Any])?["enum"] as? [String]
        #expect(roles == Addressee.allCases.map(\.rawValue))
    }

    @Test func everyShippedLawFileIsValidAgainstTheSchema() throws {
        let laws = URL(fileURLWithPath: TestSupport.rulesFolder).appendingPathComponent("laws")
        let documents = try FileManager.default.contentsOfDirectory(atPath: laws.path).sorted()
            .filter { $0.hasSuffix(".yaml") }.map { laws.appendingPathComponent($0) }
        #expect(documents.count >= 40)
        let result = try SchemaValidation.validate(yamlFiles: documents, named: \.lastPathComponent, schema: Self.schemaURL)
        #expect(result.status == 0, "\(result.errors)")
    }

    @Test func aLawFileWithoutAPenaltyOrAReasonIsInvalidForBoth() throws {
        let broken = """
        name: 測試法
        pcode: X0000001
        status: in-force
        versions: [{promulgated: 2020-01-01, in-force: 2020-01-03}]
        articles:
          第1條: {since: 2020-01-01, duty: 測試, binds: [advertiser], source: 測試}
        """
        let result = try SchemaValidation.validate(json: SchemaValidation.json(fromYAML: broken), schema: Self.schemaURL)
        #expect(result.status != 0)
        #expect(!TestSupport.loadErrors(["laws/X0000001.yaml": broken]).isEmpty)
    }
}

