import Foundation

/// Validates JSON documents against a JSON schema with scripts/validate-json-schema.py
/// (python3 + jsonschema; scripts/setup.sh installs Debian's python3-jsonschema).
public enum SchemaValidation {
    public struct Result: Sendable {
        public var status: Int32
        public var errors: String
    }

    public enum Failure: Error, CustomStringConvertible {
        case noValidator

        public var description: String {
            "no python3 with the jsonschema module; run scripts/setup.sh (Debian package python3-jsonschema)"
        }
    }

    /// A python3 that can import jsonschema: the one on PATH, else Debian's.
    public static func python() -> String? {
        for candidate in ["python3", "/usr/bin/python3"] where run(candidate, ["-c", "import jsonschema"]).status == 0 {
            return candidate
        }
        return nil
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
