import LintCore
import Yams

/// An example of a `structure` rule written as the fact itself, for facts no text format
/// can show (a slide's font size, a PDF's tagging):
///
///     - fact: { size: 14, large: false }
///       format: pptx
///
/// The fact is of the rule's kind; `format` defaults to the rule's first format.
enum FactExample {
    static let keys = ["fact", "format"]

    static func parse(_ node: Node, expectation: RuleExample.Expectation, pattern: StructurePattern,
                      context: CompileContext) throws(RuleFileError) -> RuleExample {
        let map = try YAMLMap(node, file: context.file, path: "examples")
        try map.rejectUnknownKeys(allowed: keys)
        guard let factNode = map["fact"] else { throw map.error(at: nil, .missingKey("examples.fact")) }
        let properties = try YAMLMap(factNode, file: context.file, path: "examples.fact")
        let types = pattern.fact.properties
        try properties.rejectUnknownKeys(allowed: types.keys.sorted())
        var fact = StructureFact(kind: pattern.fact, sourceRange: 0..<0)
        for name in properties.keys {
            let value = properties[name]!
            switch types[name]! {
            case .number:
                guard let number = try properties.number(name) else { continue }
                fact[name] = .number(number)
            case .flag:
                guard let flag = try properties.bool(name) else { continue }
                fact[name] = .flag(flag)
            case .text:
                guard let text = value.scalar?.string else {
                    throw properties.error(at: value, .wrongType(key: properties.keyPath(name), expected: "text"))
                }
                fact[name] = .text(text)
            }
        }
        let format = try map.string("format")
        if let format, !pattern.applies(toFormat: format.value) {
            throw context.error(format.line, format.column,
                                .badExample("format `\(format.value)` is not one of the rule's formats (\(pattern.formats.joined(separator: ", ")))"))
        }
        let text = fact.summary
        fact.sourceRange = 0..<text.utf8.count
        return RuleExample(expectation: expectation, text: text, spans: expectation == .match ? [fact.sourceRange] : [],
                           line: node.mark?.line ?? map.node.mark?.line ?? 1, fact: fact,
                           format: format?.value ?? pattern.formats.first ?? "html")
    }
}
