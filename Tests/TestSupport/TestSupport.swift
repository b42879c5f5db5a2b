import Extractors
import Foundation
import LintCore
import Linting
import PCRE2Matcher
import RuleCompiler

/// Shared helpers for the test targets.
public enum TestSupport {
    /// The package root (the folder holding Package.swift), found from this file's path.
    public static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while url.path != "/" && !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
            url.deleteLastPathComponent()
        }
        return url
    }()

    public static var rulesFolder: String { packageRoot.appendingPathComponent("Rules").path }
    public static var corpusFolder: String { packageRoot.appendingPathComponent("Corpus").path }

    /// A fresh temporary folder, removed by the caller with `remove`.
    public static func temporaryFolder(_ label: String = "adlaw") -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(label)-\(UUID().uuidString.prefix(8))", isDirectory: true)
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    public static func remove(_ url: URL) { try? FileManager.default.removeItem(at: url) }

    /// Distinct Han terms of `length` characters drawn from a fixed seed (no real words): the
    /// filler the pattern-splitting tests use to build alternations far over PCRE2's size limit.
    public static func hanTerms(_ count: Int, seed: UInt64, length: Int = 4) -> [String] {
        var state = seed
        var out: [String] = []
        var seen = Set<String>()
        while out.count < count {
            var term = ""
            for _ in 0..<length {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                term.unicodeScalars.append(Unicode.Scalar(UInt32(0x4E00 + (state >> 33) % 0x5000))!)
            }
            if seen.insert(term).inserted { out.append(term) }
        }
        return out
    }

    /// Writes `files` (relative path -> contents) under `folder`, creating folders.
    public static func write(_ files: [String: String], in folder: URL) throws {
        for (path, contents) in files {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try contents.write(to: url, atomically: true, encoding: .utf8)
        }
    }

    /// A minimal law registry with fact tables for rule folders built in tests.
    public static let lawsYAML = """
    laws:
      - pcode: L0040001
        name: 食品安全衛生管理法
        status: in-force
        versions:
          - {promulgated: 2018-01-24, in-force: 2018-01-26}
        articles:
          第28條第1項:
            since: 2018-01-24
            duty: 食品廣告不得不實、誇張、易生誤解或宣稱醫療效能
            binds: [advertiser]
            penalties:
              - {article: 第45條第1項, who: [advertiser], fine: 40000-5000000}
            source: 測試用
      - pcode: J0150002
        name: 公平交易法
        status: in-force
        versions:
          - {promulgated: 2015-02-04, in-force: 2015-02-06}
        articles:
          第21條第1項:
            since: 2015-02-04
            duty: 不得為虛偽不實或引人錯誤之表示
            binds: [advertiser]
            penalties:
              - {article: 第42條, who: [advertiser], fine: 50000-25000000}
            source: 測試用
      - pcode: D0080033
        name: 廣告物管理辦法
        status: repealed
        repealed: 2004-07-23
        replaced-by: [D0070140]
    """

    public static let sectorsYAML = """
    sectors:
      food:
        name: 食品
        strong: [膠囊, 益生菌]
        weak: [好喝, 口味, 飲用]
      alcohol:
        name: 酒類
        strong: [啤酒, 威士忌]
    """

    public static let negationsYAML = """
    lexicon: negations
    description: 否定詞
    terms: [不能, 無法, 並非]
    """

    /// A complete rule file with the given pattern and extra keys, valid unless the
    /// caller breaks it. The body is YAML lines appended after the common keys.
    public static func ruleYAML(id: String, severity: String = "error", sectors: String = "[all]",
                                message: String = "測試訊息：「{match}」", body: String,
                                examples: String? = nil) -> String {
        """
        id: \(id)
        name: 測試規則
        severity: \(severity)
        sectors: \(sectors)
        message: \(message)
        rationale: 測試用。
        references:
          - 食品安全衛生管理法 第28條第1項
        \(body)
        examples:
        \(examples ?? "  match: [⟦保證有效⟧, 真的⟦保證有效⟧]\n  no-match: [有效, 保證]")
        """
    }

    /// Loads a rule folder built from `files` plus the minimal laws, sectors and negations.
    public static func loadRules(_ files: [String: String]) throws -> RuleSet {
        let folder = temporaryFolder("rules")
        defer { remove(folder) }
        var all = ["laws.yaml": lawsYAML, "sectors.yaml": sectorsYAML, "lexicons/negations.yaml": negationsYAML]
        for (k, v) in files { all[k] = v }
        try write(all, in: folder)
        return try RuleSetLoader(engine: PCRE2Engine()).load(folders: [folder.path])
    }

    /// Loads the rule folder and returns the load error (or nil when it loads).
    public static func loadErrors(_ files: [String: String]) -> [RuleFileError] {
        do {
            _ = try loadRules(files)
            return []
        } catch let error as RuleLoadError {
            return error.errors
        } catch {
            return [RuleFileError(file: "?", line: 0, column: 0, kind: .invalid("\(error)"))]
        }
    }

    /// A one-segment plain-text document.
    public static func document(_ text: String, path: String = "copy.txt", sectors: [Sector] = []) -> ExtractedDocument {
        ExtractedDocument(path: path, format: "text", segments: [TextSegment(text: text)], source: SourceText(text),
                          declaredSectors: sectors)
    }

    /// Lints `text` with `ruleSet` and returns the findings' matched texts.
    public static func lint(_ text: String, _ ruleSet: RuleSet, sectors: [Sector] = []) -> DocumentResult {
        let engine = PCRE2Engine()
        return Linter(ruleSet: ruleSet).lint(document(text), options: LintOptions(sectors: sectors), scratch: engine.makeScratch())
    }
}

/// Runs the built `adlaw` binary.
public enum CLI {
    public struct Output: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// The `adlaw` executable next to the test bundle (SwiftPM builds it for the CLI tests);
    /// `ADLAW_TEST_BINARY` names another one (e.g. an older build, to show that a hostile
    /// test fails without its fix).
    public static var binary: URL {
        if let other = ProcessInfo.processInfo.environment["ADLAW_TEST_BINARY"], !other.isEmpty {
            return URL(fileURLWithPath: other)
        }
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("adlaw")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        return TestSupport.packageRoot.appendingPathComponent(".build/debug/adlaw")
    }

    /// The cache folder of `adlaw` runs in tests (shared by them; a cache is always safe to share).
    public static var cacheFolder: String {
        FileManager.default.temporaryDirectory.appendingPathComponent("adlaw-test-cache").path
    }

    /// Runs `adlaw arguments...` with `stdin` piped in, in `directory`, and waits for it.
    /// `standardInput` replaces the pipe (`FileHandle.nullDevice`: a run from a script
    /// with `< /dev/null`).
    public static func run(_ arguments: [String], stdin: String? = nil, directory: URL? = nil,
                           environment: [String: String] = [:], standardInput: FileHandle? = nil) throws -> Output {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["ADLAW_RULES_DIR"] = TestSupport.rulesFolder
        env.removeValue(forKey: "NO_COLOR")
        // Inside GitHub Actions `check` defaults to `--format github`; tests expect the default.
        env.removeValue(forKey: "GITHUB_ACTIONS")
        // The rule-set cache goes to a folder of the tests, never to the user's cache.
        env["ADLAW_CACHE_DIR"] = CLI.cacheFolder
        for (key, value) in environment { env[key] = value }
        process.environment = env
        if let directory { process.currentDirectoryURL = directory }
        let folder = TestSupport.temporaryFolder("cli")
        defer { TestSupport.remove(folder) }
        let outURL = folder.appendingPathComponent("out"), errURL = folder.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        let input = Pipe()
        process.standardInput = standardInput ?? input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        return Output(status: process.terminationStatus,
                      stdout: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
                      stderr: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "")
    }
}
