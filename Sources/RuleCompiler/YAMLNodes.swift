import Foundation
import LintCore
import SafeYAML
import Yams

/// Reads a YAML file into a node tree, turning Yams errors into `RuleFileError`s.
/// `package` so the config reader shares it: one way to read YAML with positions.
package enum YAMLDocument {
    package static func parse(_ text: String, file: String) throws(RuleFileError) -> Node {
        // No implicit tag resolution: Yams would run a set of regular expressions over every
        // scalar (a sixth of start-up); nothing here reads tags, and a null is recognised
        // below by its text, as YAML's core schema defines it. Aliases have a budget (a
        // stranger's rule file or config must not expand to gigabytes).
        let node: Node?
        do {
            node = try SafeYAML.compose(text, resolver: Resolver.basic)
        } catch {
            switch error {
            case let .yaml(yamlError): throw convert(yamlError, file: file)
            case let .aliasBudget(line, column, limit):
                throw RuleFileError(file: file, line: line, column: column, kind: .aliasBudget(limit: limit))
            case let .other(reason): throw RuleFileError(file: file, line: 1, column: 1, kind: .yamlSyntax(reason))
            }
        }
        guard let node else { throw RuleFileError(file: file, line: 1, column: 1, kind: .invalid("the file is empty")) }
        return node
    }

    private static func convert(_ error: YamlError, file: String) -> RuleFileError {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            let text = [context?.text, problem].compactMap { $0 }.joined(separator: ": ")
            return RuleFileError(file: file, line: mark.line, column: mark.column, kind: .yamlSyntax(text))
        case let .duplicatedKeysInMapping(duplicates, context):
            return RuleFileError(file: file, line: context.mark.line, column: context.mark.column,
                                 kind: .yamlSyntax("duplicate key \(duplicates.map { "`\($0)`" }.joined(separator: ", "))"))
        case let .reader(problem, _, _, _):
            return RuleFileError(file: file, line: 1, column: 1, kind: .yamlSyntax(problem))
        default:
            return RuleFileError(file: file, line: 1, column: 1, kind: .yamlSyntax("\(error)"))
        }
    }
}

/// A YAML scalar string with its position in the file.
package struct Located<Value> {
    package var value: Value
    package var line: Int
    package var column: Int

    package init(value: Value, line: Int, column: Int) {
        self.value = value
        self.line = line
        self.column = column
    }
}

extension Located: Sendable where Value: Sendable {}

/// Typed access to a YAML mapping, remembering positions and rejecting unknown keys.
package struct YAMLMap {
    package let file: String
    package let node: Node
    package let mapping: Node.Mapping
    /// Dotted path for messages (`near.a`).
    package let path: String

    package init(_ node: Node, file: String, path: String) throws(RuleFileError) {
        guard let mapping = node.mapping else {
            let mark = node.mark
            throw RuleFileError(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1,
                                kind: .wrongType(key: path.isEmpty ? "the file" : path, expected: "a mapping of `key: value` lines"))
        }
        self.file = file
        self.node = node
        self.mapping = mapping
        self.path = path
    }

    package var keys: [String] { mapping.keys.compactMap(\.string) }

    package func keyPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    package func has(_ key: String) -> Bool { self[key] != nil }

    /// By the key's text: `mapping[Node(key)]` would resolve the tags of both nodes with
    /// regular expressions at every look-up.
    package subscript(key: String) -> Node? {
        for (k, value) in mapping where k.scalar?.string == key { return value }
        return nil
    }

    package func error(at node: Node?, _ kind: RuleFileError.Kind) -> RuleFileError {
        let mark = node?.mark ?? self.node.mark
        return RuleFileError(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1, kind: kind)
    }

    /// Position of a key (for errors about its value as a whole).
    package func keyNode(_ key: String) -> Node? { mapping.keys.first { $0.string == key } }

    /// Rejects keys outside `allowed`, suggesting the nearest allowed key.
    package func rejectUnknownKeys(allowed: [String]) throws(RuleFileError) {
        for keyNode in mapping.keys {
            guard let key = keyNode.string else {
                throw error(at: keyNode, .wrongType(key: keyPath("?"), expected: "a text key"))
            }
            if !allowed.contains(key) {
                throw error(at: keyNode, .unknownKey(keyPath(key), suggestion: EditDistance.closest(to: key, in: allowed)))
            }
        }
    }

    package func string(_ key: String) throws(RuleFileError) -> Located<String>? {
        guard let value = self[key] else { return nil }
        guard let scalar = value.scalar, !Self.isNull(scalar) || !scalar.string.isEmpty else {
            throw error(at: value, .wrongType(key: keyPath(key), expected: "text"))
        }
        let mark = value.mark
        return Located(value: scalar.string, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    /// A plain `~`, `null`, `Null`, `NULL` or nothing: YAML's null.
    static func isNull(_ scalar: Node.Scalar) -> Bool {
        scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    package func requiredString(_ key: String) throws(RuleFileError) -> Located<String> {
        guard let value = try string(key) else { throw error(at: nil, .missingKey(keyPath(key))) }
        if value.value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw error(at: self[key], .wrongType(key: keyPath(key), expected: "non-empty text"))
        }
        return value
    }

    package func int(_ key: String) throws(RuleFileError) -> Located<Int>? {
        guard let value = self[key] else { return nil }
        guard let scalar = value.scalar, let number = Int(scalar.string) else {
            throw error(at: value, .wrongType(key: keyPath(key), expected: "a whole number"))
        }
        return Located(value: number, line: value.mark?.line ?? 1, column: value.mark?.column ?? 1)
    }

    package func number(_ key: String) throws(RuleFileError) -> Double? {
        guard let value = self[key] else { return nil }
        guard let scalar = value.scalar,
              let number = Double(scalar.string.replacingOccurrences(of: "_", with: "").replacingOccurrences(of: ",", with: ""))
        else {
            throw error(at: value, .wrongType(key: keyPath(key), expected: "a number"))
        }
        return number
    }

    package func bool(_ key: String) throws(RuleFileError) -> Bool? {
        guard let value = self[key] else { return nil }
        switch value.scalar?.string.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw error(at: value, .wrongType(key: keyPath(key), expected: "true or false"))
        }
    }

    /// A list of text items; a single text value is accepted as a one-item list.
    package func stringList(_ key: String) throws(RuleFileError) -> [Located<String>]? {
        guard let value = self[key] else { return nil }
        return try YAMLMap.strings(in: value, file: file, key: keyPath(key))
    }

    package static func strings(in value: Node, file: String, key: String) throws(RuleFileError) -> [Located<String>] {
        func located(_ node: Node) throws(RuleFileError) -> Located<String> {
            guard let scalar = node.scalar else {
                let mark = node.mark
                throw RuleFileError(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1,
                                    kind: .wrongType(key: key, expected: "a list of text items"))
            }
            return Located(value: scalar.string, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
        }
        if value.scalar != nil { return [try located(value)] }
        guard let sequence = value.sequence else {
            let mark = value.mark
            throw RuleFileError(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1,
                                kind: .wrongType(key: key, expected: "a list of text items"))
        }
        var out: [Located<String>] = []
        for item in sequence { out.append(try located(item)) }
        return out
    }
}
