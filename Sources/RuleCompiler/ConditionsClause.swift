import LintCore
import Yams

/// `where:` numeric tests on named capture groups. Amounts are read with commas,
/// full-width digits, 萬/億/千/百 and Chinese numerals understood (500萬 = 5000000).
///
///     where:
///       - group: amount
///         greater-than: 5000000
///       - group: gift
///         greater-than: { group: price, times: 0.5 }
enum ConditionsClause {
    static let keys = ["group"] + NumericCondition.Comparison.allCases.map(\.rawValue)

    static func compile(_ node: Node, groupNames: Set<String>, context: CompileContext) throws(RuleFileError) -> [NumericCondition] {
        guard let sequence = node.sequence else {
            let mark = node.mark
            throw context.error(mark?.line ?? 1, mark?.column ?? 1, .wrongType(key: "where", expected: "a list of conditions"))
        }
        var conditions: [NumericCondition] = []
        for item in sequence {
            let map = try YAMLMap(item, file: context.file, path: "where")
            try map.rejectUnknownKeys(allowed: keys)
            let group = try map.requiredString("group")
            guard groupNames.contains(group.value) else {
                throw context.error(group.line, group.column, .unknownGroup(group.value))
            }
            let present = NumericCondition.Comparison.allCases.filter { map.has($0.rawValue) }
            guard present.count == 1, let comparison = present.first else {
                throw map.error(at: nil, .invalid("each condition needs exactly one of: \(NumericCondition.Comparison.allCases.map(\.rawValue).joined(separator: ", "))"))
            }
            let boundNode = map[comparison.rawValue]!
            let bound: NumericCondition.Bound
            if boundNode.mapping != nil {
                let boundMap = try YAMLMap(boundNode, file: context.file, path: "where.\(comparison.rawValue)")
                try boundMap.rejectUnknownKeys(allowed: ["group", "times"])
                let other = try boundMap.requiredString("group")
                guard groupNames.contains(other.value) else {
                    throw context.error(other.line, other.column, .unknownGroup(other.value))
                }
                bound = .group(other.value, times: try boundMap.number("times") ?? 1)
            } else {
                guard let value = try map.number(comparison.rawValue) else {
                    throw map.error(at: boundNode, .wrongType(key: "where.\(comparison.rawValue)", expected: "a number"))
                }
                bound = .constant(value)
            }
            conditions.append(NumericCondition(group: group.value, comparison: comparison, bound: bound))
        }
        return conditions
    }
}
