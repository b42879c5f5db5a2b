import LintCore
import Yams

/// `near:` a phrase of A and a phrase of B within N characters of each other. The
/// finding spans from the first to the last character of the pair.
///
///     near:
///       a: [$claim-verbs]          # a phrase set: terms list, or {terms:, regex:}
///       b: [$diseases]
///       within: 6                  # characters between the end of one and the start of the other
///       order: any                 # any (default) | a-then-b
///       same-sentence: true        # default: the pair may not cross 。！？!? or a line break
enum NearPattern {
    static let keys = ["a", "b", "within", "order", "same-sentence"]
    static let orders = ["any", "a-then-b"]
    static let groupNames = ["adlawA1", "adlawB1", "adlawB2", "adlawA2"]

    static func compile(_ node: Node, context: CompileContext) throws(RuleFileError) -> SpanPattern {
        let map = try YAMLMap(node, file: context.file, path: "near")
        try map.rejectUnknownKeys(allowed: keys)
        guard let aNode = map["a"] else { throw map.error(at: nil, .missingKey("near.a")) }
        guard let bNode = map["b"] else { throw map.error(at: nil, .missingKey("near.b")) }
        guard let within = try map.int("within") else { throw map.error(at: nil, .missingKey("near.within")) }
        guard (0...200).contains(within.value) else {
            throw context.error(within.line, within.column, .invalidValue(key: "near.within", value: "\(within.value)", allowed: ["a number from 0 to 200"]))
        }
        let order = try map.string("order")?.value ?? "any"
        guard orders.contains(order) else {
            throw map.error(at: map["order"], .invalidValue(key: "near.order", value: order, allowed: orders))
        }
        let sameSentence = try map.bool("same-sentence") ?? true
        let a = try PhraseSet.read(aNode, key: "near.a", context: context).source(loose: context.loose)
        let b = try PhraseSet.read(bNode, key: "near.b", context: context).source(loose: context.loose)
        let gap = (sameSentence ? PatternSyntax.sentenceChar : #"[\s\S]"#) + "{0,\(within.value)}?"
        let g = groupNames
        var source = "(?<\(g[0])>\(a))\(gap)(?<\(g[1])>\(b))"
        if order == "any" {
            source = "(?:\(source)|(?<\(g[2])>\(b))\(gap)(?<\(g[3])>\(a)))"
        }
        let mark = node.mark
        let regex = try context.compile(source, key: "near", line: mark?.line ?? 1, column: mark?.column ?? 1)
        let groups = g.compactMap { regex.groupNames[$0] }
        return SpanPattern(kind: .near, regex: regex, componentGroups: groups)
    }
}
