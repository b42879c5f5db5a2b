import Checker
import Foundation
import LintCore
import MCP
@testable import MCPServer
import Testing
import TestSupport

/// The MCP tools without a transport, and the server with the SDK's own client over an
/// in-memory transport. The test with a real client (the MCP Python SDK) is
/// `scripts/e2e/mcp_client.py`.
@Suite struct MCPServerTests {
    static func tools() throws -> CopyTools {
        var sources = RuleSources()
        sources.builtinFolder = TestSupport.rulesFolder
        sources.config = .none
        sources.cacheDirectory = CLI.cacheFolder
        return CopyTools(checker: try Checker(sources))
    }

    @Test func checkCopyGivesFindingsWithCitationsAndSuggestions() throws {
        let tools = try Self.tools()
        let answer = try tools.checkCopy(text: "每天一杯，預防感冒。網路限定，恕不退換。", productType: "food", format: nil, channel: nil)
        #expect(answer.text.contains("「預防感冒」"))
        #expect(answer.text.contains("食品安全衛生管理法 第28條第2項"))
        #expect(answer.text.contains("建議："))
        let findings = answer.structured.objectValue?["findings"]?.arrayValue ?? []
        #expect(findings.compactMap { $0.objectValue?["rule_id"]?.stringValue } == ["food.medical-efficacy", "consumer-protection.no-return"])
        #expect(answer.structured.objectValue?["clean"] == .bool(false))
        #expect(answer.structured.objectValue?["complete"] == .bool(true))
    }

    @Test func silenceWithoutAProductTypeIsNotAnAllClear() throws {
        let tools = try Self.tools()
        let answer = try tools.checkCopy(text: "我們的團隊用心服務每一位客人。", productType: nil, format: nil, channel: nil)
        #expect(answer.structured.objectValue?["clean"] == .bool(true))
        #expect(answer.structured.objectValue?["complete"] == .bool(false))
        #expect(answer.text.contains("不代表可以刊登"))
        let typed = try tools.checkCopy(text: "我們的團隊用心服務每一位客人。", productType: "cosmetics", format: nil, channel: nil)
        #expect(typed.structured.objectValue?["complete"] == .bool(true))
    }

    @Test func thePublisherChangesTheAccessibilityFindings() throws {
        let tools = try Self.tools()
        let page = "<html lang=\"zh-Hant-TW\"><body><p>夏季特賣，全館滿千免運。</p><img src=\"hero.jpg\"></body></html>"
        func finding(_ publisher: String?) throws -> [String: Value] {
            let answer = try tools.checkCopy(text: page, productType: "cosmetics", format: "html", channel: nil, publisher: publisher)
            let findings = answer.structured.objectValue?["findings"]?.arrayValue ?? []
            return try #require(findings.compactMap(\.objectValue).first { $0["rule_id"]?.stringValue == "accessibility.image-alt" })
        }
        let government = try finding("government")
        #expect(government["severity"]?.stringValue == "error")
        #expect(government["citations"]?.arrayValue?.first?.objectValue?["law"]?.stringValue == "身心障礙者權益保障法")
        #expect(try finding("民間")["severity"]?.stringValue == "warning")
        #expect(try finding(nil)["notes"]?.arrayValue?.contains { $0.stringValue?.contains("依預設視為民間業者") == true } == true)
        #expect(throws: CopyTools.ToolError.self) { try tools.checkCopy(text: page, productType: nil, format: "html", channel: nil, publisher: "city hall") }
        let listed = AdlawMCPServer.toolList(productTypes: ["food"]).first { $0.name == "check_copy" }
        #expect(listed?.inputSchema.objectValue?["properties"]?.objectValue?["publisher"] != nil)
    }

    @Test func badArgumentsAreToolErrorsThatSayWhatToDo() throws {
        let tools = try Self.tools()
        #expect(throws: CopyTools.ToolError.self) { try tools.checkCopy(text: "好喝", productType: "snacks", format: nil, channel: nil) }
        #expect(throws: CopyTools.ToolError.self) { try tools.checkCopy(text: "", productType: nil, format: nil, channel: nil) }
        #expect(throws: CopyTools.ToolError.self) { try tools.explainRule("food.nothing") }
        let result = AdlawMCPServer.call("check_copy", arguments: [:], tools: tools)
        #expect(result.isError == true)
    }

    @Test func explainAndListRules() throws {
        let tools = try Self.tools()
        let explained = try tools.explainRule("food.medical-efficacy")
        #expect(explained.text.contains("食品安全衛生管理法"))
        let listed = try tools.listRules(productType: "food", area: nil)
        let ids = listed.structured.objectValue?["rules"]?.arrayValue?.compactMap { $0.objectValue?["id"]?.stringValue } ?? []
        #expect(ids.contains("food.medical-efficacy"))
        #expect(!ids.contains("cosmetics.medical-efficacy"))
    }

    @Test func theSDKClientSeesToolsAndThePrompt() async throws {
        let tools = try Self.tools()
        let (clientTransport, serverTransport) = await InMemoryTransport.createConnectedPair()
        let server = Task { try await AdlawMCPServer(tools: tools).run(transport: serverTransport) }
        let client = Client(name: "test", version: "1")
        _ = try await client.connect(transport: clientTransport)
        let (listed, _) = try await client.listTools()
        #expect(listed.map(\.name) == ["check_copy", "explain_rule", "list_rules"])
        let (content, isError) = try await client.callTool(name: "check_copy", arguments: ["text": "本品可治療青春痘", "product_type": "cosmetics"])
        #expect(isError != true)
        guard case let .text(text, _, _)? = content.first else { Issue.record("no text"); return }
        #expect(text.contains("化粧品衛生安全管理法"))
        let (prompts, _) = try await client.listPrompts()
        #expect(prompts.map(\.name) == ["rewrite_until_clean"])
        let prompt = try await client.getPrompt(name: "rewrite_until_clean", arguments: ["text": "本品可治療青春痘"])
        #expect(prompt.messages.count == 1)
        await client.disconnect()
        server.cancel()
    }
}
