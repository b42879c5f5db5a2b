import Foundation
import Yams

/// Validates JSON documents against a JSON schema with scripts/validate-json-schema.py
/// (python3 + jsonschema; scripts/setup.sh installs Debian's python3-jsonschema).
public enum SchemaValidation {
    public struct Result: Sendable {
        public var status: Int32
        public var errors: String
    }

    public enum Failure: Error, CustomStringConvertible {
        case noValidator
        case notAnObject(String)

        public var description: String {
            if case let .notAnObject(path) = self { return "\(path): not a JSON object" }
            return "no python3 with the jsonschema module; run scripts/setup.sh (Debian package python3-jsonschema)"
        }
    }

    /// A python3 that can import jsonschema: the one on PATH, else Debian's.
    public static func python() -> String? {
        for candidate in ["python3", "/usr/bin/python3"] where run(candidate, ["-c", "import jsonschema"]).status == 0 {
            return candidate
        }
        return nil
    }

    /// The JSON schema at `path`, relative to the package root.
    public static func schema(_ path: String) throws -> [String: Any] {
        let url = TestSupport.packageRoot.appendingPathComponent(path)
        guard let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] else {
            throw Failure.notAnObject(path)
        }
        return object
    }

    /// The property names a schema object declares.
    public static func keys(_ object: Any?) -> Set<String> {
        Set(((object as? [String: Any])?["properties"] as? [String: Any])?.keys.map { $0 } ?? [])
    }

    /// YAML as an editor's YAML language server sees it: plain scalars that look like numbers
    /// or booleans are those; everything else (dates too) is a string.
    public static func json(fromYAML text: String) throws -> Any {
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

    /// Validates YAML files, each converted to JSON as an editor sees it; `named` gives each
    /// one's name in the errors.
    public static func validate(yamlFiles files: [URL], named: (URL) -> String, schema: URL) throws -> Result {
        let folder = TestSupport.temporaryFolder("schema-yaml")
        defer { TestSupport.remove(folder) }
        var documents: [URL] = []
        for file in files {
            let json = try json(fromYAML: String(contentsOf: file, encoding: .utf8))
            let out = folder.appendingPathComponent("\(named(file)).json")
            try JSONSerialization.data(withJSONObject: json).write(to: out)
            documents.append(out)
        }
        return try validate(documents, schema: schema)
    }

    public static func validate(_ documents: [URL], schema: URL) throws -> Result {
        guard let python = python() else { throw Failure.noValidator }
        let script = TestSupport.packageRoot.appendingPathComponent("scripts/validate-json-schema.py").path
        return run(python, [script, schema.path] + documents.map(\.path))
    }

    /// Validates one JSON value (as `JSONSerialization` produces) written to a temporary file.
    public static func validate(json: Any, schema: URL) throws -> Result {
        let folder = TestSupport.temporaryFolder("schema")
        defer { TestSupport.remove(folder) }
        let file = folder.appendingPathComponent("document.json")
        try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys]).write(to: file)
        return try validate([file], schema: schema)
    }

    static func run(_ program: String, _ arguments: [String]) -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [program] + arguments
        let folder = TestSupport.temporaryFolder("schema-run")
        defer { TestSupport.remove(folder) }
        let errURL = folder.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        guard let errHandle = try? FileHandle(forWritingTo: errURL) else { return Result(status: 127, errors: "cannot capture output") }
        process.standardError = errHandle
        process.standardOutput = FileHandle.nullDevice
        do { try process.run() } catch { return Result(status: 127, errors: "\(program): \(error)") }
        process.waitUntilExit()
        return Result(status: process.terminationStatus, errors: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "")
    }
}
