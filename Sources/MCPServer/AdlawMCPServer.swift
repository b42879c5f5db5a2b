import Checker
import Foundation
import LintCore
import MCP

/// `adlaw mcp`: an MCP server (modelcontextprotocol swift-sdk) for AI writing assistants:
/// tools `check_copy`, `explain_rule`, `list_rules`, and the prompt `rewrite_until_clean`.
/// One `Checker`, loaded at start, answers every call.
public struct AdlawMCPServer: Sendable {
    let tools: CopyTools

    public init(tools: CopyTools) { self.tools = tools }

    /// Serves over `transport` until the client closes it.
    public func run(transport: any Transport) async throws {
        let server = Server(
            name: "adlaw", version: AdlawVersion.current, title: "adlaw：台灣行銷文案法規檢查",
            instructions: "Checks Traditional Chinese marketing copy against Taiwan law (公平交易法, 消費者保護法, 食品安全衛生管理法, 化粧品衛生安全管理法, 藥事法 ...). Call check_copy on every draft before offering it; give product_type when you know what is sold.",
            capabilities: .init(prompts: .init(listChanged: false), tools: .init(listChanged: false))
        )
        let tools = tools
        let productTypes = tools.productTypes.map(\.id)
        await server.withMethodHandler(ListTools.self) { _ in
            .init(tools: Self.toolList(productTypes: productTypes))
        }
        await server.withMethodHandler(CallTool.self) { params in
            Self.call(params.name, arguments: params.arguments ?? [:], tools: tools)
        }
        await server.withMethodHandler(ListPrompts.self) { _ in
            .init(prompts: [Self.rewritePrompt])
        }
        await server.withMethodHandler(GetPrompt.self) { params in
            guard params.name == Self.rewritePrompt.name else { throw MCPError.invalidParams("unknown prompt `\(params.name)`") }
            guard let text = params.arguments?["text"], !text.isEmpty else { throw MCPError.invalidParams("the prompt needs `text`: the copy to rewrite") }
            return Self.rewriteMessages(text: text, productType: params.arguments?["product_type"])
        }
        try await server.start(transport: transport)
        await server.waitUntilCompleted()
    }

    static func call(_ name: String, arguments: [String: Value], tools: CopyTools) -> CallTool.Result {
        do throws(CopyTools.ToolError) {
            let answer: (text: String, structured: Value)
            switch name {
            case "check_copy":
                guard let text = arguments["text"]?.stringValue else { throw CopyTools.ToolError(description: "`text` (string) is required") }
                answer = try tools.checkCopy(text: text, productType: arguments["product_type"]?.stringValue,
                                             format: arguments["format"]?.stringValue, channel: arguments["channel"]?.stringValue,
                                             publisher: arguments["publisher"]?.stringValue)
            case "explain_rule":
                guard let id = arguments["rule_id"]?.stringValue else { throw CopyTools.ToolError(description: "`rule_id` (string) is required") }
                answer = try tools.explainRule(id)
            case "list_rules":
                answer = try tools.listRules(productType: arguments["product_type"]?.stringValue, area: arguments["area"]?.stringValue)
            default:
                throw CopyTools.ToolError(description: "unknown tool `\(name)`; the tools are check_copy, explain_rule, list_rules")
            }
            return .init(content: [.text(text: answer.text, annotations: nil, _meta: nil)], structuredContent: Optional.some(answer.structured), isError: false)
        } catch {
            return .init(content: [.text(text: error.description, annotations: nil, _meta: nil)], isError: true)
        }
    }

    static func toolList(productTypes: [String]) -> [Tool] {
        let productType: Value = .object(["type": "string", "enum": .array(productTypes.map(Value.string)),
                                          "description": "What the copy sells (food, cosmetics, drug, ...). Without it adlaw infers it from the copy and says when it cannot."])
        return [
            Tool(name: "check_copy", title: "檢查文案",
                 description: "Check Traditional Chinese marketing copy against Taiwan advertising law. Returns each risky phrase with its line and column, the law, article and penalty, and what to write instead. `clean` is true only when nothing was found; `complete` is false when the product type could not be determined (then sector rules did not run and clean does not mean publishable).",
                 inputSchema: .object([
                     "type": "object",
                     "properties": .object([
                         "text": .object(["type": "string", "description": "The copy to check."]),
                         "product_type": productType,
                         "format": .object(["type": "string", "enum": ["txt", "md", "html", "csv", "json"], "description": "How the text is written (default txt)."]),
                         "channel": .object(["type": "string", "enum": ["online", "store"], "description": "Sold online (default) or in a physical shop."]),
                         "publisher": .object(["type": "string", "enum": ["government", "private"],
                                               "description": "Who publishes it: government (government bodies, their agencies and schools, whose websites 身心障礙者權益保障法 §52-2 binds: accessibility findings in HTML and Markdown are errors) or private (the default: the accessibility guideline as good practice)."]),
                     ]),
                     "required": ["text"],
                 ]),
                 annotations: .init(readOnlyHint: true, idempotentHint: true, openWorldHint: false)),
            Tool(name: "explain_rule", title: "說明規則",
                 description: "Explain one adlaw rule: why the phrase is risky, the articles and penalties, examples, what to write instead.",
                 inputSchema: .object([
                     "type": "object",
                     "properties": .object(["rule_id": .object(["type": "string", "description": "A rule id from check_copy or list_rules, e.g. food.medical-efficacy."])]),
                     "required": ["rule_id"],
                 ]),
                 annotations: .init(readOnlyHint: true, idempotentHint: true, openWorldHint: false)),
            Tool(name: "list_rules", title: "列出規則",
                 description: "List adlaw's rules (id, severity, name), optionally those that apply to one product type or one legal area (the id's first part, e.g. fair-trade).",
                 inputSchema: .object([
                     "type": "object",
                     "properties": .object(["product_type": productType, "area": .object(["type": "string", "description": "A rule area, e.g. food, fair-trade, consumer-protection."])]),
                 ]),
                 annotations: .init(readOnlyHint: true, idempotentHint: true, openWorldHint: false)),
        ]
    }

    static let rewritePrompt = Prompt(
        name: "rewrite_until_clean", title: "改寫到合規",
        description: "Ask the assistant to rewrite copy until check_copy finds nothing, keeping its meaning and tone.",
        arguments: [
            .init(name: "text", description: "The copy to rewrite", required: true),
            .init(name: "product_type", description: "What it sells (food, cosmetics, ...), if known"),
        ]
    )

    static func rewriteMessages(text: String, productType: String?) -> GetPrompt.Result {
        let typeLine = productType.map { "產品類別（product_type）：\($0)。" } ?? "產品類別未指定：若 check_copy 回報 complete 為 false，請依文案內容判斷類別並以 product_type 重新檢查。"
        let instructions = """
        請把下面的行銷文案改寫成符合台灣法規的版本。\(typeLine)

        步驟：
        1. 以 check_copy 工具檢查文案（有產品類別時一併傳入 product_type）。
        2. 依每項發現的「建議」改寫被標出的詞句：刪除或改用法規允許的說法，保留原文的語氣、長度與賣點，不捏造數據、認證或功效。需要了解原因時可呼叫 explain_rule。
        3. 以 check_copy 重新檢查改寫後的全文；仍有發現就回到第 2 步，直到 clean 為 true 且 complete 為 true。最多改寫 5 輪；仍無法通過時，說明剩下哪些詞句需要法務判斷。
        4. 最後回覆：改寫後的全文，以及每處修改（原詞句 → 新詞句，依據的法規）。

        文案：
        \(text)
        """
        return .init(description: "Rewrite the copy until adlaw's check_copy finds nothing", messages: [.user(.text(text: instructions))])
    }
}
