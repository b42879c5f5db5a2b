import ArgumentParser
import Checker
import Foundation
import LanguageServer

/// `adlaw lsp`: the language server, over standard input and output.
struct LSPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lsp",
        abstract: "Run the language server (LSP over stdio) for editors: diagnostics, hover, quick fixes.",
        discussion: """
        Editors start it and talk to it over standard input and output. Diagnostics are \
        published on open and on every change for Markdown, HTML, plain text, CSV, TSV and \
        JSON; the .adlaw.yml of the workspace root applies (--config or --no-config win), \
        and saving .adlaw.yml reloads it. Logs go to standard error.
        """
    )

    @OptionGroup var ruleSetOptions: RuleSetOptions

    @Flag(name: .customLong("stdio"), help: "Talk over standard input and output (the default and only transport; accepted because editors pass it).")
    var stdio = false

    func run() throws {
        var sources = try ruleSetOptions.sources()
        let explicit = ruleSetOptions.configOptions.configFile != nil || ruleSetOptions.configOptions.noConfig
        let fixed = sources.config
        let server = LanguageServer(log: { Terminal.writeError($0) }) { (choice: ConfigChoice) throws(CheckError) -> Checker in
            sources.config = explicit ? fixed : choice
            return try Checker(sources)
        }
        signal(SIGPIPE, SIG_IGN)
        let code = server.run(reader: MessageReader(fileDescriptor: 0), writer: MessageWriter(fileDescriptor: 1))
        if code != 0 { throw ExitCode(code) }
    }
}
