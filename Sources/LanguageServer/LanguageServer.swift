import Checker
import AdlawConfiguration
import Foundation
import LintCore

/// `adlaw lsp`: a language server over the LSP base protocol (JSON-RPC, `Content-Length`
/// frames) for the formats adlaw reads as text (Markdown, HTML, plain text, CSV, TSV, JSON).
///
/// One `Checker` is made at `initialize` (the `.adlaw.yml` of the workspace root applies)
/// and kept warm; a document is checked in memory on open and on change, and when the
/// client sends several changes at once only the last one is checked. Positions are in
/// UTF-16 code units unless the client offers UTF-8 (LSP 3.17 `positionEncodings`).
///
/// `handle` is the whole protocol, without I/O: tests feed it messages and read what it
/// answers; `run` connects it to a reader and a writer.
public final class LanguageServer {
    /// Makes the checker for a config choice; the CLI passes one that reads the built-in
    /// rule pack and the caches.
    public typealias CheckerFactory = (ConfigChoice) throws(CheckError) -> Checker

    private let makeChecker: CheckerFactory
    private var checker: Checker? {
        didSet { rules = Dictionary(checker?.ruleSet.rules.map { ($0.id, $0) } ?? [], uniquingKeysWith: { _, last in last }) }
    }
    /// The checker's rules by id, for hover and quick fixes.
    private var rules: [RuleID: Rule] = [:]
    private var options = CheckOptions()
    private var rootPath: String?
    private var configFile: String?
    private(set) var encoding = PositionEncoding.utf16
    private var documents: [String: OpenDocument] = [:]
    /// Documents changed since they were last checked, in the order they changed.
    private var dirty: [String] = []
    private var shutdownRequested = false
    /// Set by `exit`: 0 after `shutdown`, 1 without (the LSP rule).
    public private(set) var exitCode: Int32?
    /// Time spent in the last check, for `adlaw lsp --trace-timing` and the latency test.
    public private(set) var lastCheckSeconds: Double = 0
    private let log: (String) -> Void

    public init(log: @escaping (String) -> Void = { _ in }, makeChecker: @escaping CheckerFactory) {
        self.log = log
        self.makeChecker = makeChecker
    }

    // MARK: The loop

    /// Serves until `exit` or the end of input; returns the process exit code.
    public func run(reader: MessageReader, writer: MessageWriter) -> Int32 {
        while exitCode == nil {
            let body: [UInt8]?
            do { body = try reader.next() } catch {
                log("adlaw lsp: \(error.description)")
                return 1
            }
            guard let body else { break }
            for message in handle(body: body) { writer.write(Self.encode(message)) }
            if !reader.hasPendingInput() {
                for message in checkDirty() { writer.write(Self.encode(message)) }
            }
        }
        return exitCode ?? (shutdownRequested ? 0 : 1)
    }

    /// Handles one framed body; a body that is not JSON gets a parse error (the LSP rule).
    public func handle(body: [UInt8]) -> [JSONValue] {
        guard let message = try? JSONDecoder().decode(JSONValue.self, from: Data(body)), case .object = message else {
            return [Self.error(id: .null, code: -32700, message: "parse error: the message is not a JSON object")]
        }
        return handle(message)
    }

    /// Handles one message; answers requests, queues checks for notifications.
    public func handle(_ message: JSONValue) -> [JSONValue] {
        let id = message["id"]
        guard let method = message["method"]?.string else {
            return []  // a response to a request of ours (none are sent that expect one)
        }
        let params = message["params"] ?? .null
        if shutdownRequested && method != "exit" {
            if let id { return [Self.error(id: id, code: -32600, message: "the server is shutting down")] }
            return []
        }
        switch method {
        case "initialize":
            let result = initialize(params)
            return [respond(id, result)] + applySettings(params["initializationOptions"]) + startupMessages()
        case "workspace/didChangeConfiguration":
            // Settings under `adlaw` (VS Code's shape), or the object itself.
            let settings = params["settings"]?["adlaw"] ?? params["settings"]
            let messages = applySettings(settings)
            for uri in documents.keys.sorted() { markDirty(uri) }
            return messages
        case "initialized", "$/cancelRequest", "$/setTrace", "workspace/didChangeWatchedFiles":
            return []
        case "shutdown":
            shutdownRequested = true
            return [respond(id, .null)]
        case "exit":
            exitCode = shutdownRequested ? 0 : 1
            return []
        case "textDocument/didOpen":
            guard let item = params["textDocument"], let uri = item["uri"]?.string, let text = item["text"]?.string else { return [] }
            documents[uri] = OpenDocument(uri: uri, languageId: item["languageId"]?.string, version: item["version"]?.int, text: text)
            markDirty(uri)
            return []
        case "textDocument/didChange":
            guard let uri = params["textDocument"]?["uri"]?.string, var document = documents[uri],
                  let changes = params["contentChanges"]?.array else { return [] }
            // Full synchronisation: the last change holds the whole text.
            if let text = changes.last?["text"]?.string {
                document.text = text
                document.version = params["textDocument"]?["version"]?.int
                documents[uri] = document
                markDirty(uri)
            }
            return []
        case "textDocument/didSave":
            guard let uri = params["textDocument"]?["uri"]?.string else { return [] }
            if let path = OpenDocument.filePath(uri), ConfigFile.fileNames.contains((path as NSString).lastPathComponent) {
                return reloadConfig()
            }
            return []
        case "textDocument/didClose":
            guard let uri = params["textDocument"]?["uri"]?.string else { return [] }
            documents[uri] = nil
            dirty.removeAll { $0 == uri }
            return [Self.notification("textDocument/publishDiagnostics", ["uri": .string(uri), "diagnostics": []])]
        case "textDocument/hover":
            return [respond(id, hover(params))]
        case "textDocument/codeAction":
            return [respond(id, codeActions(params))]
        default:
            if let id { return [Self.error(id: id, code: -32601, message: "method not found: \(method)")] }
            return []
        }
    }

    /// Checks every document changed since its last check and publishes its diagnostics.
    public func checkDirty() -> [JSONValue] {
        var out: [JSONValue] = []
        while !dirty.isEmpty {
            let uri = dirty.removeFirst()
            guard var document = documents[uri] else { continue }
            out += check(&document)
            documents[uri] = document
        }
        return out
    }

    // MARK: Requests

    private func initialize(_ params: JSONValue) -> JSONValue {
        if let root = params["rootUri"]?.string.flatMap(OpenDocument.filePath) ?? params["rootPath"]?.string {
            rootPath = root
        } else if let folder = params["workspaceFolders"]?.array?.first?["uri"]?.string.flatMap(OpenDocument.filePath) {
            rootPath = folder
        }
        let offered = params["capabilities"]?["general"]?["positionEncodings"]?.array?.compactMap(\.string) ?? []
        encoding = offered.contains("utf-16") || offered.isEmpty ? .utf16 : offered.contains("utf-8") ? .utf8 : .utf16
        return [
            "capabilities": [
                "positionEncoding": .string(encoding.rawValue),
                "textDocumentSync": ["openClose": true, "change": 1, "save": ["includeText": false]],
                "hoverProvider": true,
                "codeActionProvider": ["codeActionKinds": ["quickfix"]],
            ],
            "serverInfo": ["name": "adlaw", "version": .string(AdlawVersion.current)],
        ]
    }

    /// The client's settings (`initializationOptions`, `workspace/didChangeConfiguration`):
    /// `publisher` (`government`, `private`, or a Chinese name), which wins over `.adlaw.yml`
    /// and front matter like `--publisher`; null or absent goes back to those. A publisher
    /// adlaw does not know is shown as an error and the previous one kept.
    private func applySettings(_ settings: JSONValue?) -> [JSONValue] {
        guard let settings, case .object = settings, let value = settings["publisher"] else { return [] }
        guard let name = value.string, !name.isEmpty else {
            options.publisher = nil
            return []
        }
        guard Publisher(named: name) != nil else {
            return [Self.showMessage("adlaw: publisher 應為 \(Publisher.accepted)，而非「\(name)」；仍沿用原設定。", type: 1)]
        }
        options.publisher = name
        return []
    }

    /// Loads the rules and the config once, right after `initialize`, so the first
    /// document is checked warm. A broken config is reported and the built-in rules used.
    private func startupMessages() -> [JSONValue] {
        configFile = rootPath.flatMap { ConfigLocator().find(from: $0) }
        return loadChecker()
    }

    private func loadChecker() -> [JSONValue] {
        do {
            checker = try makeChecker(configFile.map { .file($0) } ?? .none)
            return []
        } catch {
            let message = "adlaw: \(error.description)"
            log(message)
            if configFile != nil, let fallback = try? makeChecker(.none) {
                checker = fallback
                return [Self.showMessage(message + "\n（設定檔有誤，暫以內建規則檢查，未套用 .adlaw.yml）", type: 1)]
            }
            checker = nil
            return [Self.showMessage(message, type: 1)]
        }
    }

    private func reloadConfig() -> [JSONValue] {
        let messages = startupMessages()
        for uri in documents.keys.sorted() { markDirty(uri) }
        return messages
    }

    private func hover(_ params: JSONValue) -> JSONValue {
        guard let uri = params["textDocument"]?["uri"]?.string, let document = documents[uri],
              let position = params["position"].flatMap(LSPPosition.init) else { return .null }
        let hits = document.findings.filter { encoding.range(of: $0).contains(position) }
        guard !hits.isEmpty else { return .null }
        let text = hits.map { HoverText.markdown(for: $0, rule: rules[$0.ruleID]) }
            .joined(separator: "\n\n---\n\n")
        return ["contents": ["kind": "markdown", "value": .string(text)], "range": encoding.range(of: hits[0]).json]
    }

    private func codeActions(_ params: JSONValue) -> JSONValue {
        guard let uri = params["textDocument"]?["uri"]?.string, let document = documents[uri],
              let range = params["range"].flatMap(LSPRange.init) else { return [] }
        var actions: [JSONValue] = []
        for finding in document.findings {
            let findingRange = encoding.range(of: finding)
            guard findingRange.overlaps(range),
                  let replacement = rules[finding.ruleID]?.replacement else { continue }
            let edit: JSONValue = ["range": findingRange.json, "newText": .string(replacement)]
            actions.append([
                "title": .string("改為「\(replacement)」（adlaw \(finding.ruleID.rawValue)）"),
                "kind": "quickfix",
                "isPreferred": true,
                "diagnostics": [DiagnosticJSON.make(finding, encoding: encoding)],
                "edit": ["changes": .object([uri: [edit]])],
            ])
        }
        return .array(actions)
    }

    // MARK: Checking

    private func markDirty(_ uri: String) {
        dirty.removeAll { $0 == uri }
        dirty.append(uri)
    }

    private func check(_ document: inout OpenDocument) -> [JSONValue] {
        guard let checker else { return [] }
        guard let name = document.checkedName else {
            return [Self.notification("textDocument/publishDiagnostics", ["uri": .string(document.uri), "diagnostics": []])]
        }
        let started = DispatchTime.now().uptimeNanoseconds
        var diagnostics: [JSONValue] = []
        do {
            let result = try checker.run(.documents([InMemoryDocument(name: name, text: document.text)]), options: options)
            document.findings = result.open
            diagnostics = result.open.map { DiagnosticJSON.make($0, encoding: encoding) }
            diagnostics += result.diagnostics.compactMap { DiagnosticJSON.make($0, checkedName: name) }
        } catch {
            document.findings = []
            diagnostics = [DiagnosticJSON.note(error.description, severity: 1)]
        }
        lastCheckSeconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        var params: JSONValue = ["uri": .string(document.uri), "diagnostics": .array(diagnostics)]
        if let version = document.version, case var .object(fields) = params {
            fields["version"] = JSONValue(version)
            params = .object(fields)
        }
        return [Self.notification("textDocument/publishDiagnostics", params)]
    }

    // MARK: Messages

    private func respond(_ id: JSONValue?, _ result: JSONValue) -> JSONValue {
        ["jsonrpc": "2.0", "id": id ?? .null, "result": result]
    }

    static func error(id: JSONValue, code: Int, message: String) -> JSONValue {
        ["jsonrpc": "2.0", "id": id, "error": ["code": JSONValue(code), "message": .string(message)]]
    }

    static func notification(_ method: String, _ params: JSONValue) -> JSONValue {
        ["jsonrpc": "2.0", "method": .string(method), "params": params]
    }

    static func showMessage(_ text: String, type: Int) -> JSONValue {
        notification("window/showMessage", ["type": JSONValue(type), "message": .string(text)])
    }

    static func encode(_ message: JSONValue) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return (try? Array(encoder.encode(message))) ?? Array(#"{"jsonrpc":"2.0","id":null,"error":{"code":-32603,"message":"encoding failed"}}"#.utf8)
    }
}
