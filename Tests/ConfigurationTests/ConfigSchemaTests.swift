import AdlawConfiguration
import Foundation
import Testing
import TestSupport
import Yams

/// `schemas/adlaw-config.schema.json` (for editors) and the config reader accept the same
/// keys and agree on what is valid.
@Suite struct ConfigSchemaTests {
    static let schemaURL = TestSupport.packageRoot.appendingPathComponent("schemas/adlaw-config.schema.json")

    static func schema() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: schemaURL)) as? [String: Any])
    }

    static func properties(_ object: [String: Any]?) -> Set<String> {
        Set((object?["properties"] as? [String: Any])?.keys.map { $0 } ?? [])
    }

    /// YAML as the editor's YAML language server sees it: plain scalars that look like
    /// numbers or booleans are those; everything else (dates too) is a string.
    static func json(fromYAML text: String) throws -> Any {
        func convert(_ node: Node) -> Any {
            switch node {
            case let .scalar(scalar):
                if let int = Int(scalar.string), scalar.style == .plain { return int }
                if scalar.style == .plain, ["true", "false"].contains(scalar.string) { return scalar.string == "true" }
                return scalar.string
            case let .mapping(mapping):
                var out: [String: Any] = [:]
                for (key, value) in mapping { out[key.string ?? ""] = convert(value) }
                return out
            case let .sequence(sequence):
                return sequence.map(convert)
            default:
                return NSNull()
            }
        }
        guard let node = try Yams.compose(yaml: text) else { return [String: Any]() }
        return convert(node)
    }

    @Test func theSchemaListsExactlyTheKeysTheReaderAccepts() throws {
        let schema = try Self.schema()
        #expect(Self.properties(schema) == Set(ConfigFile.topLevelKeys))
        let top = schema["properties"] as? [String: Any]
        #expect(Self.properties(top?["rules"] as? [String: Any]) == Set(ConfigFile.rulesKeys))
        #expect(Self.properties((top?["sectors"] as? [String: Any])?["items"] as? [String: Any]) == Set(ConfigFile.sectorKeys))
        #expect(Self.properties((top?["claims"] as? [String: Any])?["items"] as? [String: Any]) == Set(ConfigFile.claimKeys))
    }

    @Test func theInitTemplateIsValidAgainstTheSchema() throws {
        let result = try SchemaValidation.validate(json: Self.json(fromYAML: ConfigTemplate.text), schema: Self.schemaURL)
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
        let result = try SchemaValidation.validate(json: Self.json(fromYAML: text), schema: Self.schemaURL)
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
        let result = try SchemaValidation.validate(json: Self.json(fromYAML: text), schema: Self.schemaURL)
        #expect(result.status == 1, "the schema accepted:\n\(text)")
    }
}
