import Checker
import Foundation
@testable import LanguageServer
import LintCore
import Testing
import TestSupport

/// The protocol without a process: messages in, messages out. The end-to-end test with a
/// real client over stdio is `scripts/e2e/lsp_client.py` (run by `scripts/e2e.sh`).
@Suite struct LanguageServerTests {
    static func server(root: String? = nil) -> LanguageServer {
        LanguageServer { (choice: ConfigChoice) throws(CheckError) -> Checker in
            var sources = RuleSources()
            sources.builtinFolder = TestSupport.rulesFolder
            sources.config = choice
            sources.cacheDirectory = CLI.cacheFolder
            return try Checker(sources)
        }
    }

    static func initialize(_ server: LanguageServer, root: String = "/nowhere", encodings: [String]? = nil) -> [JSONValue] {
        var capabilities: JSONValue = [:]
        if let encodings { capabilities = ["general": ["positionEncodings": .array(encodings.map { .string($0) })]] }
        return server.handle(["jsonrpc": "2.0", "id": 1, "method": "initialize",
                              "params": ["rootUri": .string(URL(fileURLWithPath: root).absoluteString), "capabilities": capabilities]])
    }

    static func open(_ server: LanguageServer, uri: String, text: String, languageId: String = "markdown") -> [JSONValue] {
        _ = server.handle(["jsonrpc": "2.0", "method": "textDocument/didOpen",
                           "params": ["textDocument": ["uri": .string(uri), "languageId": .string(languageId), "version": 1, "text": .string(text)]]])
        return server.checkDirty()
    }

    static func diagnostics(_ messages: [JSONValue]) -> [JSONValue] {
        messages.last { $0["method"]?.string == "textDocument/publishDiagnostics" }?["params"]?["diagnostics"]?.array ?? []
    }

    static let copy = "---\nsector: food\n---\n😀 每天一杯，預防感冒。\n本商品網路限定，恕不退換。\n"

    @Test func diagnosticsCountUTF16CodeUnits() throws {
        let server = Self.server()
        let reply = Self.initialize(server)
        #expect(reply.first?["result"]?["capabilities"]?["positionEncoding"]?.string == "utf-16")
        let diagnostics = Self.diagnostics(Self.open(server, uri: "file:///tmp/page.md", text: Self.copy))
        let food = try #require(diagnostics.first { $0["code"]?.string == "food.medical-efficacy" })
        // 😀 is two UTF-16 code units, then a space and 每天一杯，(5): 預防感冒 starts at 8.
        #expect(food["range"]?["start"]?["line"]?.int == 3)
        #expect(food["range"]?["start"]?["character"]?.int == 8)
        #expect(food["range"]?["end"]?["character"]?.int == 12)
        #expect(food["severity"]?.int == 1)
        #expect(food["message"]?.string?.contains("食品安全衛生管理法") == true)
    }

    @Test func utf8WhenTheClientPrefersIt() throws {
        let server = Self.server()
        let reply = Self.initialize(server, encodings: ["utf-8"])
        #expect(reply.first?["result"]?["capabilities"]?["positionEncoding"]?.string == "utf-8")
        let diagnostics = Self.diagnostics(Self.open(server, uri: "file:///tmp/page.md", text: Self.copy))
        let food = try #require(diagnostics.first { $0["code"]?.string == "food.medical-efficacy" })
        // 4 bytes + 1 + 5 × 3 bytes.
        #expect(food["range"]?["start"]?["character"]?.int == 20)
    }

    @Test func changesAreCheckedAndOnlyTheLastOfABurst() throws {
        let server = Self.server()
        _ = Self.initialize(server)
        let uri = "file:///tmp/page.md"
        let first = Self.diagnostics(Self.open(server, uri: uri, text: "# 新品\n")).filter { $0["code"]?.string?.contains(".") == true }
        #expect(first.isEmpty)
        for (version, text) in [(2, "每天一杯，預防感冒。"), (3, "本商品網路限定，恕不退換。\n")] {
            _ = server.handle(["jsonrpc": "2.0", "method": "textDocument/didChange",
                               "params": ["textDocument": ["uri": .string(uri), "version": JSONValue(version)],
                                          "contentChanges": [["text": .string(text)]]]])
        }
        let published = server.checkDirty()
        #expect(published.count == 1)
        #expect(published.first?["params"]?["version"]?.int == 3)
        let codes = Self.diagnostics(published).compactMap { $0["code"]?.string }
        #expect(codes.contains("consumer-protection.no-return"))
    }

    @Test func hoverGivesRationaleCitationAndPenalty() throws {
        let server = Self.server()
        _ = Self.initialize(server)
        let uri = "file:///tmp/page.md"
        _ = Self.open(server, uri: uri, text: Self.copy)
        let reply = server.handle(["jsonrpc": "2.0", "id": 7, "method": "textDocument/hover",
                                   "params": ["textDocument": ["uri": .string(uri)], "position": ["line": 3, "character": 9]]])
        let value = try #require(reply.first?["result"]?["contents"]?["value"]?.string)
        #expect(value.contains("食品宣稱醫療效能"))
        #expect(value.contains("[食品安全衛生管理法 第28條第2項](https://law.moj.gov.tw/"))
        #expect(value.contains("罰鍰"))
        let nothing = server.handle(["jsonrpc": "2.0", "id": 8, "method": "textDocument/hover",
                                     "params": ["textDocument": ["uri": .string(uri)], "position": ["line": 0, "character": 0]]])
        #expect(nothing.first?["result"] == .null)
    }

    @Test func codeActionAppliesALiteralReplacement() throws {
        let server = Self.server()
        _ = Self.initialize(server)
        let uri = "file:///tmp/page.md"
        _ = Self.open(server, uri: uri, text: Self.copy)
        let range: JSONValue = ["start": ["line": 4, "character": 9], "end": ["line": 4, "character": 9]]
        let reply = server.handle(["jsonrpc": "2.0", "id": 9, "method": "textDocument/codeAction",
                                   "params": ["textDocument": ["uri": .string(uri)], "range": range, "context": ["diagnostics": []]]])
        let action = try #require(reply.first?["result"]?.array?.first)
        let edit = try #require(action["edit"]?["changes"]?[uri]?.array?.first)
        #expect(edit["newText"]?.string == "收到商品次日起7日內可無條件退貨")
        #expect(edit["range"]?["start"]?["character"]?.int == 8)
        #expect(edit["range"]?["end"]?["character"]?.int == 12)
        // A rule without a literal replacement offers none.
        let food: JSONValue = ["start": ["line": 3, "character": 9], "end": ["line": 3, "character": 9]]
        let none = server.handle(["jsonrpc": "2.0", "id": 10, "method": "textDocument/codeAction",
                                  "params": ["textDocument": ["uri": .string(uri)], "range": food, "context": ["diagnostics": []]]])
        #expect(none.first?["result"]?.array?.isEmpty == true)
    }

    @Test func settingsComeFromTheWorkspaceConfig() throws {
        let folder = TestSupport.temporaryFolder("lsp-config")
        defer { TestSupport.remove(folder) }
        try TestSupport.write([".adlaw.yml": "version: 1\nrules:\n  disable: [consumer-protection.no-return]\n"], in: folder)
        let server = Self.server()
        _ = Self.initialize(server, root: folder.path)
        let uri = folder.appendingPathComponent("page.md").absoluteString
        let codes = Self.diagnostics(Self.open(server, uri: uri, text: Self.copy)).compactMap { $0["code"]?.string }
        #expect(codes.contains("food.medical-efficacy"))
        #expect(!codes.contains("consumer-protection.no-return"))
    }

    @Test func thePublisherSettingChangesAccessibilityFindings() throws {
        let server = Self.server()
        _ = server.handle(["jsonrpc": "2.0", "id": 1, "method": "initialize",
                           "params": ["rootUri": "file:///nowhere", "capabilities": [:], "initializationOptions": ["publisher": "government"]]])
        let uri = "file:///tmp/landing.html"
        let page = "<html lang=\"zh-Hant-TW\"><body><p>夏季特賣，全館滿千免運。</p><img src=\"hero.jpg\"></body></html>\n"
        let severity = { (messages: [JSONValue]) in
            Self.diagnostics(messages).first { $0["code"]?.string == "accessibility.image-alt" }?["severity"]?.int
        }
        #expect(severity(Self.open(server, uri: uri, text: page, languageId: "html")) == 1, "government: an error")
        // The client changes its settings: open documents are checked again.
        _ = server.handle(["jsonrpc": "2.0", "method": "workspace/didChangeConfiguration", "params": ["settings": ["adlaw": ["publisher": "private"]]]])
        #expect(severity(server.checkDirty()) == 2, "private: a warning")
        let refused = server.handle(["jsonrpc": "2.0", "method": "workspace/didChangeConfiguration", "params": ["settings": ["adlaw": ["publisher": "city hall"]]]])
        #expect(refused.first?["params"]?["message"]?.string?.contains("city hall") == true)
        #expect(severity(server.checkDirty()) == 2, "an unknown publisher keeps the previous one")
    }

    @Test func badMessagesGetErrorsAndTheServerGoesOn() throws {
        let server = Self.server()
        #expect(server.handle(body: Array("{not json".utf8)).first?["error"]?["code"]?.int == -32700)
        #expect(server.handle(["jsonrpc": "2.0", "id": 3, "method": "workspace/unknown"]).first?["error"]?["code"]?.int == -32601)
        _ = Self.initialize(server)
        #expect(server.handle(["jsonrpc": "2.0", "id": 4, "method": "shutdown"]).first?["result"] == .null)
        _ = server.handle(["jsonrpc": "2.0", "method": "exit"])
        #expect(server.exitCode == 0)
    }

    @Test func documentsAdlawDoesNotReadAreLeftAlone() throws {
        let server = Self.server()
        _ = Self.initialize(server)
        let published = Self.open(server, uri: "file:///tmp/main.swift", text: "// 預防感冒\n", languageId: "swift")
        #expect(Self.diagnostics(published).isEmpty)
    }
}
