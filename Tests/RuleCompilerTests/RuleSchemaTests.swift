import Foundation
import LintCore
@testable import RuleCompiler
import Testing
import TestSupport

/// `schemas/rule.schema.json` (for editors) and the rule compiler accept the same keys, and
/// every shipped rule file is valid against the schema.
@Suite struct RuleSchemaTests {
    static let schemaURL = TestSupport.packageRoot.appendingPathComponent("schemas/rule.schema.json")

    @Test func theSchemaListsExactlyTheKeysTheCompilerAccepts() throws {
        let schema = try SchemaValidation.schema("schemas/rule.schema.json")
        let properties = schema["properties"] as? [String: Any]
        #expect(SchemaValidation.keys(schema) == Set(RuleFileCompiler.keys))
        #expect(SchemaValidation.keys(properties?["near"]) == Set(NearPattern.keys))
        #expect(SchemaValidation.keys(properties?["requires"]) == Set(RequiresPattern.keys))
        #expect(SchemaValidation.keys(properties?["checklist"]) == Set(ChecklistPatternCompiler.keys))
        #expect(SchemaValidation.keys((properties?["checklist"] as? [String: Any]).flatMap { Self.nested($0, "items", "items") }) == Set(ChecklistPatternCompiler.itemKeys))
        #expect(SchemaValidation.keys(properties?["structure"]) == Set(StructurePatternCompiler.keys))
        #expect(SchemaValidation.keys(properties?["publishers"]) == Set(Publisher.allCases.map(\.rawValue)))
        #expect(SchemaValidation.keys((schema["$defs"] as? [String: Any])?["publisherVariant"]) == Set(PublishersClause.keys))
        #expect(SchemaValidation.keys(properties?["unless"]) == Set(ExceptionsClause.keys))
        #expect(SchemaValidation.keys(properties?["examples"]) == Set(ExamplesClause.keys))
        #expect(SchemaValidation.keys((properties?["where"] as? [String: Any])?["items"]) == Set(ConditionsClause.keys))
        // A citation is one line of text; its facts are in the law files (law.schema.json).
        let definitions = schema["$defs"] as? [String: Any]
        #expect((definitions?["reference"] as? [String: Any])?["type"] as? String == "string")
    }

    static func nested(_ object: [String: Any], _ first: String, _ second: String) -> Any? {
        ((object["properties"] as? [String: Any])?[first] as? [String: Any])?[second]
    }

    @Test func everyShippedRuleIsValidAgainstTheSchema() throws {
        var documents: [URL] = []
        let rules = URL(fileURLWithPath: TestSupport.rulesFolder)
        for area in try FileManager.default.contentsOfDirectory(atPath: rules.path).sorted() where area != "lexicons" && area != "laws" {
            let areaURL = rules.appendingPathComponent(area)
            guard let files = try? FileManager.default.contentsOfDirectory(atPath: areaURL.path) else { continue }
            documents += files.sorted().filter { $0.hasSuffix(".yaml") }.map { areaURL.appendingPathComponent($0) }
        }
        #expect(documents.count >= 100)
        let result = try SchemaValidation.validate(
            yamlFiles: documents, named: { "\($0.deletingLastPathComponent().lastPathComponent)-\($0.lastPathComponent)" }, schema: Self.schemaURL)
        #expect(result.status == 0, "\(result.errors)")
    }

    @Test func aBrokenRuleIsInvalidForBoth() throws {
        let broken = """
        id: food.broken
        name: 壞規則
        severity: fatal
        message: 錯誤
        rationale: 說明
        references: [{law: 食品安全衛生管理法, article: 第28條, pcode: L0040001}]
        sectors: [food]
        terms: [治療]
        colour: red
        examples: {match: [⟦治療⟧], no-match: [好]}
        """
        let result = try SchemaValidation.validate(json: SchemaValidation.json(fromYAML: broken), schema: Self.schemaURL)
        #expect(result.status != 0)
        #expect(!TestSupport.loadErrors(["food/broken.yaml": broken]).isEmpty)
    }
}
