import AdlawCLI
import ArgumentParser
import Checker
import Foundation
import Logging
import Server

/// `adlaw serve`: the HTTP API and the web page, with the rule set compiled once.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the HTTP API and the web page for checking copy (localhost by default).",
        discussion: """
        POST /v1/check (JSON {"text": ...}, a multipart/form-data upload, or a file's bytes with \
        ?filename=), POST /v1/audit (several files or ZIP archives), \
        GET /v1/rules, GET /v1/rules/{id}, GET /healthz, GET /metrics, GET /openapi.yaml, and \
        the web page at /. Every check runs the same path as `adlaw check`. Binds 127.0.0.1 \
        unless --host names another address (then anyone who can reach it can use it: give \
        --token-file).
        """
    )

    @Option(name: .customLong("host"), help: ArgumentHelp("The address to listen on.", valueName: "address"))
    var host = "127.0.0.1"

    @Option(name: .customLong("port"), help: ArgumentHelp("The port to listen on.", valueName: "port"))
    var port = 8080

    @Option(name: .customLong("token-file"), help: ArgumentHelp("A file holding a bearer token every /v1/ request must present.", valueName: "file"))
    var tokenFile: String?

    @Option(name: .customLong("max-request-size"), help: ArgumentHelp("Refuse larger request bodies with 413.", valueName: "bytes"))
    var maxRequestBytes = 20 << 20

    @Option(name: .customLong("max-concurrent-checks"), help: ArgumentHelp("Checks running at once; more get 503 with Retry-After (default: twice the CPU cores).", valueName: "n"))
    var maxConcurrentChecks: Int?

    @Option(name: .customLong("request-timeout"), help: ArgumentHelp("Answer a check not done within this many seconds with 504 and stop it before its next file.", valueName: "seconds"))
    var requestTimeout: Double = 30

    @Option(name: .customLong("max-upload-files"), help: ArgumentHelp("Most files one request may check, counting the files inside ZIP archives; more get 413.", valueName: "n"))
    var maxUploadFiles = 1_000

    @OptionGroup var input: InputOptions
    @OptionGroup var ruleSetOptions: RuleSetOptions
    @OptionGroup var selection: RuleSelectionOptions

    func run() async throws {
        var options = CheckOptions()
        options.rules = try ruleSetOptions.sources()
        input.apply(to: &options)
        options.only = selection.only
        options.disable = selection.disable
        let checker = try Checker(options.rules)
        var server = ServerOptions()
        server.host = host
        server.port = port
        server.maxRequestBytes = maxRequestBytes
        server.maxConcurrentChecks = maxConcurrentChecks ?? 2 * ProcessInfo.processInfo.activeProcessorCount
        guard requestTimeout > 0, requestTimeout <= 86_400 else { throw CLIError.usage("--request-timeout: seconds above 0 and at most 86400") }
        server.requestTimeout = .milliseconds(Int((requestTimeout * 1000).rounded(.up)))
        guard maxUploadFiles >= 1 else { throw CLIError.usage("--max-upload-files: at least 1") }
        server.maxUploadFiles = maxUploadFiles
        server.maxParts = maxUploadFiles + 100
        if let tokenFile {
            guard let data = FileManager.default.contents(atPath: tokenFile) else { throw CLIError.input("cannot read the token file \(tokenFile)") }
            let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard !token.isEmpty else { throw CLIError.usage("the token file \(tokenFile) is empty") }
            server.token = token
        }
        var logger = Logger(label: "adlaw.serve")
        logger.logLevel = .info
        if !server.isLoopback {
            logger.warning("listening on \(host), not loopback: anyone who can reach this address can use the server\(server.token == nil ? "; consider --token-file" : "")")
        }
        // Catch errors of the rules and the selection now, not on the first request.
        _ = try checker.run(.documents([]), options: options)
        try await CheckServer(checker: checker, options: options, server: server, toolVersion: AdlawVersion.current).run(logger: logger)
    }
}
