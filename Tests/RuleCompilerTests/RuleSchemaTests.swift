import Foundation
import LintCore
@testable import RuleCompiler
import Testing
import TestSupport
import Yams

/// `schemas/rule.schema.json` (for editors) and the rule compiler accept the same keys, and
/// every shipped rule file is valid against the schema.
@Suite struct RuleSchemaTests {
    static let schemaURL = TestSupport.packageRoot.appendingPathComponent("schemas/rule.schema.json")

    static func schema() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: schemaURL)) as? [String: Any])
    }

    static func keys(_ object: Any?) -> Set<String> {
        Set(((object as? [String: Any])?["properties"] as? [String: Any])?.keys.map { $0 } ?? [])
    }

    /// YAML as an editor's YAML language server sees it: plain scalars that look like numbers
    /// or booleans are those; everything else is a string.
    static func json(fromYAML text: String) throws -> Any {
        func convert(_ node: Node) -> Any {
            switch node {
            case let .scalar(scalar):
                if scalar.style == .plain, let int = Int(scalar.string) { return int }
                if scalar.style == .plain, let double = Double(scalar.string), scalar.string.contains(".") { return double }
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

    @Test func theSchemaListsExactlyTheKeysTheCompilerAccepts() throws {
        let schema = try Self.schema()
        let properties = schema["properties"] as? [String: Any]
        #expect(Self.keys(schema) == Set(RuleFileCompiler.keys))
        #expect(Self.keys(properties?["near"]) == Set(NearPattern.keys))
        #expect(Self.keys(properties?["requires"]) == Set(RequiresPattern.keys))
        #expect(Self.keys(properties?["checklist"]) == Set(ChecklistPatternCompiler.keys))
        #expect(Self.keys((properties?["checklist"] as? [String: Any]).flatMap { Self.nested($0, "items", "items") }) == Set(ChecklistPatternCompiler.itemKeys))
        #expect(Self.keys(properties?["structure"]) == Set(StructurePatternCompiler.keys))
        #expect(Self.keys(properties?["publishers"]) == Set(Publisher.allCases.map(\.rawValue)))
        #expect(Self.keys((schema["$defs"] as? [String: Any])?["publisherVariant"]) == Set(PublishersClause.keys))
        #expect(Self.keys(properties?["unless"]) == Set(ExceptionsClause.keys))
        #expect(Self.keys(properties?["examples"]) == Set(ExamplesClause.keys))
        #expect(Self.keys((properties?["where"] as? [String: Any])?["items"]) == Set(ConditionsClause.keys))
        // A citation is one line of text; its facts are in the law files (law.schema.json).
        let definitions = schema["$defs"] as? [String: Any]
        #expect((definitions?["reference"] as? [String: Any])?["type"] as? String == "string")
    }

    static func nested(_ object: [String: Any], _ first: String, _ second: String) -> Any? {
        ((object["properties"] as? [String: Any])?[first] as? [String: Any])?[second]
    }

    @Test func everyShippedRuleIsValidAgainstTheSchema() throws {
        let folder = TestSupport.temporaryFolder("rule-schema")
        defer { TestSupport.remove(folder) }
        var documents: [URL] = []
        let rules = URL(fileURLWithPath: TestSupport.rulesFolder)
        for area in try FileManager.default.contentsOfDirectory(atPath: rules.path).sorted() where area != "lexicons" && area != "laws" {
            let areaURL = rules.appendingPathComponent(area)
            guard let files = try? FileManager.default.contentsOfDirectory(atPath: areaURL.path) else { continue }
            for file in files.sorted() where file.hasSuffix(".yaml") {
                let json = try Self.json(fromYAML: String(contentsOf: areaURL.appendingPathComponent(file), encoding: .utf8))
                let out = folder.appendingPathComponent("\(area)-\(file).json")
                try JSONSerialization.data(withJSONObject: json).write(to: out)
                documents.append(out)
            }
        }
        #expect(documents.count >= 100)
        let result = try SchemaValidation.validate(documents, schema: Self.schemaURL)
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
        let result = try SchemaValidation.validate(json: Self.json(fromYAML: broken), schema: Self.schemaURL)
        #expect(result.status != 0)
        #expect(!TestSupport.loadErrors(["food/broken.yaml": broken]).isEmpty)
    }
}
