import AdlawConfiguration
import Foundation
import Testing
import TestSupport

/// `schemas/adlaw-config.schema.json` (for editors) and the config reader accept the same
/// keys and agree on what is valid.
@Suite struct ConfigSchemaTests {
    static let schemaURL = TestSupport.packageRoot.appendingPathComponent("schemas/adlaw-config.schema.json")

    @Test func theSchemaListsExactlyTheKeysTheReaderAccepts() throws {
        let schema = try SchemaValidation.schema("schemas/adlaw-config.schema.json")
        #expect(SchemaValidation.keys(schema) == Set(ConfigFile.topLevelKeys))
        let top = schema["properties"] as? [String: Any]
        #expect(SchemaValidation.keys(top?["rules"] as? [String: Any]) == Set(ConfigFile.rulesKeys))
        #expect(SchemaValidation.keys((top?["sectors"] as? [String: Any])?["items"] as? [String: Any]) == Set(ConfigFile.sectorKeys))
        #expect(SchemaValidation.keys((top?["claims"] as? [String: Any])?["items"] as? [String: Any]) == Set(ConfigFile.claimKeys))
    }

    @Test func theInitTemplateIsValidAgainstTheSchema() throws {
        let result = try SchemaValidation.validate(json: SchemaValidation.json(fromYAML: ConfigTemplate.text), schema: Self.schemaURL)
        #expect(result.status == 0, "\(result.errors)")
    }

    @Test func aFullConfigIsValidForBoth() throws {
        let text = """
        version: 1
        fail-on: error
        rules:
          folders: compliance/rules
          disable: [fair-trade.superlative, "food.*"]
          severity: { consumer-protection.no-return: warning }
        sectors:
          - paths: ["products/food/**"]
            sectors: food
        exclude: ["drafts/**"]
        baseline: .adlaw-baseline.json
        claims:
          - text: 銷售第一
            evidence: 調查報告
            approved-by: 法務
            expires: 2026-06-30
        """
        _ = try ConfigFile.parse(text, file: "c.yml", directory: "/")
        let result = try SchemaValidation.validate(json: SchemaValidation.json(fromYAML: text), schema: Self.schemaURL)
        #expect(result.status == 0, "\(result.errors)")
    }

    @Test(arguments: [
        "fail_on: error\n",
        "rules:\n  disabled: [a.b]\n",
        "claims:\n  - text: 第一\n    approved-by: 法務\n    expires: 2026-01-01\n",
        "claims:\n  - text: 第一\n    pattern: 第一\n    evidence: a\n    approved-by: b\n    expires: 2026-01-01\n",
        "fail-on: sometimes\n",
        "sectors:\n  - paths: [a]\n",
    ])
    func invalidConfigsAreRejectedByBoth(text: String) throws {
        #expect(throws: ConfigError.self) { try ConfigFile.parse(text, file: "c.yml", directory: "/") }
        let result = try SchemaValidation.validate(json: SchemaValidation.json(fromYAML: text), schema: Self.schemaURL)
        #expect(result.status == 1, "the schema accepted:\n\(text)")
    }
}
