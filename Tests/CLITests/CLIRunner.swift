import Foundation
import TestSupport

/// Runs the built `adlaw` binary (and other programs such as git and python3) in a given
/// folder, capturing its exit status and output.
struct CLIRunner {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String

        var combined: String { stdout + stderr }
    }

    enum Failure: Error, CustomStringConvertible {
        case notFound(String)

        var description: String {
            switch self {
            case let .notFound(what): "not found: \(what)"
            }
        }
    }

    static var packageRoot: URL { TestSupport.packageRoot }

    static var fixtures: URL { packageRoot.appendingPathComponent("Tests/Fixtures") }

    /// The `adlaw` binary built beside the test bundle.
    static func adlawPath() throws -> String {
        let path = CLI.binary.path
        guard FileManager.default.isExecutableFile(atPath: path) else { throw Failure.notFound("the adlaw binary at \(path)") }
        return path
    }

    /// Runs `adlaw` with `arguments` in `directory`.
    static func adlaw(_ arguments: [String], in directory: URL, stdin: String? = nil,
                      environment: [String: String] = [:]) throws -> Output {
        var env = environment
        if env["ADLAW_RULES_DIR"] == nil { env["ADLAW_RULES_DIR"] = packageRoot.appendingPathComponent("Rules").path }
        if env["ADLAW_CACHE_DIR"] == nil { env["ADLAW_CACHE_DIR"] = CLI.cacheFolder }
        return try run(try adlawPath(), arguments, in: directory, stdin: stdin, environment: env)
    }

    /// Runs a program found on PATH (or an absolute path).
    static func run(_ program: String, _ arguments: [String], in directory: URL, stdin: String? = nil,
                    environment: [String: String] = [:]) throws -> Output {
        let process = Process()
        if program.hasPrefix("/") {
            process.executableURL = URL(fileURLWithPath: program)
            process.arguments = arguments
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [program] + arguments
        }
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        // A test must not see the developer's CI or colour settings.
        for key in ["GITHUB_ACTIONS", "NO_COLOR", "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"] { env[key] = nil }
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        // Read both pipes concurrently so a large output on one cannot block the other.
        let collected = Collected()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            collected.set(out: out.fileHandleForReading.readDataToEndOfFile())
            group.leave()
        }
        group.enter()
        DispatchQueue.global().async {
            collected.set(err: err.fileHandleForReading.readDataToEndOfFile())
            group.leave()
        }
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        group.wait()
        return Output(status: process.terminationStatus, stdout: String(decoding: collected.out, as: UTF8.self),
                      stderr: String(decoding: collected.err, as: UTF8.self))
    }

    /// Output gathered by the reader threads.
    private final class Collected: @unchecked Sendable {
        private let lock = NSLock()
        private var outData = Data(), errData = Data()

        func set(out: Data) { lock.lock(); outData = out; lock.unlock() }
        func set(err: Data) { lock.lock(); errData = err; lock.unlock() }
        var out: Data { lock.lock(); defer { lock.unlock() }; return outData }
        var err: Data { lock.lock(); defer { lock.unlock() }; return errData }
    }

    /// A fresh temporary folder.
    static func temporaryFolder(_ label: String = "adlaw-cli") -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(label)-\(UUID().uuidString.prefix(8))", isDirectory: true)
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.resolvingSymlinksInPath()
    }

    static func remove(_ url: URL) { try? FileManager.default.removeItem(at: url) }

    /// Writes `files` (relative path -> contents) under `folder`.
    static func write(_ files: [String: String], in folder: URL) throws {
        for (path, contents) in files {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(contents.utf8).write(to: url)
        }
    }

    static func read(_ path: String, in folder: URL) -> String? {
        (try? Data(contentsOf: folder.appendingPathComponent(path))).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Validates JSON files against a schema (see TestSupport's SchemaValidation).
    static func validate(_ documents: [URL], schema: URL) throws -> Output {
        let result = try SchemaValidation.validate(documents, schema: schema)
        return Output(status: result.status, stdout: "", stderr: result.errors)
    }
}
