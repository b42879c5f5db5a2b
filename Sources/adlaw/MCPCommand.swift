import AdlawCLI
import ArgumentParser
import Checker
import Foundation
import MCP
import MCPServer

/// `adlaw mcp`: the MCP server, over standard input and output.
struct MCPCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcp",
        abstract: "Run the MCP server (stdio) for AI writing assistants: check_copy, explain_rule, list_rules.",
        discussion: """
        An assistant (Claude Desktop, an IDE agent, any MCP client) starts it and calls its \
        tools: check_copy (text, optional product_type), explain_rule, list_rules; the prompt \
        rewrite_until_clean asks the assistant to rewrite flagged copy until it is clean. The \
        nearest .adlaw.yml applies (or --config / --no-config). Logs go to standard error.
        """
    )

    @OptionGroup var ruleSetOptions: RuleSetOptions

    func run() async throws {
        let checker = try Checker(ruleSetOptions.sources())
        signal(SIGPIPE, SIG_IGN)
        do {
            try await AdlawMCPServer(tools: CopyTools(checker: checker)).run(transport: StdioTransport())
        } catch {
            Terminal.writeError("adlaw mcp: \(error)")
            throw ExitCode(1)
        }
    }
}
