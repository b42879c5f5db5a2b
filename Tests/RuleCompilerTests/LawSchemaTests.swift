import Foundation
import LintCore
@testable import RuleCompiler
import Testing
import TestSupport

/// `schemas/law.schema.json` (for editors) and the law-file reader accept the same keys, and
/// every shipped law file is valid against the schema.
@Suite struct LawSchemaTests {
    static let schemaURL = TestSupport.packageRoot.appendingPathComponent("schemas/law.schema.json")

    static func schema() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: schemaURL)) as? [String: Any])
    }

    @Test func theSchemaListsExactlyTheKeysTheReaderAccepts() throws {
        let schema = try Self.schema()
        let definitions = schema["$defs"] as? [String: Any]
        #expect(RuleSchemaTests.keys(schema) == Set(LawFile.entryKeys))
        let article = definitions?["article"] as? [String: Any]
        #expect(RuleSchemaTests.keys(article) == Set(LawFile.articleKeys))
        let versions = (schema["properties"] as? [String: Any])?["versions"] as? [String: Any]
        #expect(RuleSchemaTests.keys(versions?["items"]) == Set(LawFile.versionKeys))
        #expect(RuleSchemaTests.keys(definitions?["penalty"]) == Set(LawFile.penaltyKeys))
        let roles = ((definitions?["addressees"] as? [String: Any])?["items"] as? [String: Any])?["enum"] as? [String]
        #expect(roles == Addressee.allCases.map(\.rawValue))
    }

    @Test func everyShippedLawFileIsValidAgainstTheSchema() throws {
        let folder = TestSupport.temporaryFolder("law-schema")
        defer { TestSupport.remove(folder) }
        let laws = URL(fileURLWithPath: TestSupport.rulesFolder).appendingPathComponent("laws")
        var documents: [URL] = []
        for file in try FileManager.default.contentsOfDirectory(atPath: laws.path).sorted() where file.hasSuffix(".yaml") {
            let json = try RuleSchemaTests.json(fromYAML: String(contentsOf: laws.appendingPathComponent(file), encoding: .utf8))
            let out = folder.appendingPathComponent("\(file).json")
            try JSONSerialization.data(withJSONObject: json).write(to: out)
            documents.append(out)
        }
        #expect(documents.count >= 40)
        let result = try SchemaValidation.validate(documents, schema: Self.schemaURL)
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
        let result = try SchemaValidation.validate(json: RuleSchemaTests.json(fromYAML: broken), schema: Self.schemaURL)
        #expect(result.status != 0)
        #expect(!TestSupport.loadErrors(["laws/X0000001.yaml": broken]).isEmpty)
    }
}

