import Checker
import Dispatch
import Foundation
import Hummingbird
import LintCore
import Logging
import Reporters

/// `adlaw serve`: the HTTP API and the web page, thin over one warm `Checker`. Every check
/// goes through `Checker.run`, the same path as `adlaw check`.
public struct CheckServer: Sendable {
    let checker: Checker
    let options: CheckOptions
    let server: ServerOptions
    let toolVersion: String
    let metrics = ServerMetrics()
    let gate: CheckGate

    public init(checker: Checker, options: CheckOptions, server: ServerOptions, toolVersion: String) {
        self.checker = checker
        self.options = options
        self.server = server
        self.toolVersion = toolVersion
        gate = CheckGate(limit: server.maxConcurrentChecks)
    }

    /// Runs until the process is stopped (SIGINT, SIGTERM).
    public func run(logger: Logger) async throws {
        let app = Application(router: router(logger: logger),
                              configuration: .init(address: .hostname(server.host, port: server.port), serverName: "adlaw"),
                              logger: logger)
        try await app.runService()
    }

    func router(logger: Logger) -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: AccessLog(logger: logger, metrics: metrics))
        router.add(middleware: JSONErrors())
        router.add(middleware: MethodNotAllowed())
        if let token = server.token { router.add(middleware: BearerToken(token: token)) }
        router.get("/") { _, _ in Self.response(WebPage.html, type: "text/html; charset=utf-8") }
        router.get("/healthz") { _, _ in
            Self.json(["status": "ok", "version": toolVersion, "rules": checker.settings.ruleSet.rules.count])
        }
        router.get("/metrics") { _, _ in Self.response(metrics.text(), type: "text/plain; version=0.0.4; charset=utf-8") }
        router.get("/openapi.yaml") { _, _ in Self.response(OpenAPIDocument.yaml, type: "application/yaml; charset=utf-8") }
        router.get("/v1/rules") { _, _ in Self.json(RulesJSON.list(checker.settings.ruleSet.rules)) }
        router.get("/v1/sectors") { _, _ in
            Self.json(checker.ruleSet.sectors.definitions.map { ["id": $0.id.rawValue, "name": $0.name] })
        }
        router.get("/v1/rules/:id") { _, context in
            let id = try context.parameters.require("id")
            guard let explained = RulesJSON.explain(id, in: checker) else {
                throw HTTPError(.notFound, message: "no rule `\(id)`; GET /v1/rules lists the ids")
            }
            return Self.json(explained)
        }
        router.post("/v1/check") { request, context in try await check(request, context: context) }
        router.post("/v1/audit") { request, context in try await audit(request, context: context) }
        return router
    }

    // MARK: Checks

    /// The documents and options of a check request: a JSON body (`CheckRequest`), or the
    /// bytes of one file of any format adlaw reads with `?filename=` (and `?sectors=`).
    func documents(_ request: Request) async throws -> ([InMemoryDocument], CheckOptions) {
        let body = try await request.body.collect(upTo: server.maxRequestBytes)
        let bytes = Array(body.readableBytesView)
        let type = request.headers[.contentType] ?? ""
        let query = request.uri.queryParameters
        if type.hasPrefix("application/json") {
            let decoded: CheckRequest
            do { decoded = try JSONDecoder().decode(CheckRequest.self, from: Data(bytes)) } catch {
                throw HTTPError(.badRequest, message: "the body is not a check request ({\"text\": ...}): \(Self.reason(error))")
            }
            return ([InMemoryDocument(name: Self.safeName(decoded.filename ?? "text.txt"), text: decoded.text)], decoded.options(base: options))
        }
        guard let filename = query["filename"].map(String.init), !filename.isEmpty else {
            throw HTTPError(.badRequest, message: "send JSON ({\"text\": ...}) or a file's bytes with ?filename=NAME (its extension picks the format)")
        }
        var options = options
        if let sectors = query["sectors"] { options.sectors = sectors.split(separator: ",").map(String.init) }
        return ([InMemoryDocument(name: Self.safeName(filename), bytes: bytes)], options)
    }

    func check(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let (documents, options) = try await documents(request)
        let result = try await run(documents, options: options)
        let rendered = JSONReporter().render(result.report(toolVersion: toolVersion, durationSeconds: nil))
        guard var document = (try? JSONSerialization.jsonObject(with: Data(rendered.utf8))) as? [String: Any] else {
            throw HTTPError(.internalServerError, message: "the report was not JSON")
        }
        let verdict = result.verdict
        document["verdict"] = ["level": verdict.level.rawValue, "label": verdict.level.label, "reason": verdict.reason,
                               "ruleId": verdict.ruleID?.rawValue as Any? ?? NSNull()]
        return Self.json(document)
    }

    func audit(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let format = request.uri.queryParameters["format"].map(String.init) ?? "html"
        guard format == "html" || format == "markdown" else {
            throw HTTPError(.badRequest, message: "format: html or markdown, not `\(format)`")
        }
        var (documents, options) = try await documents(request)
        options.includeChecklists = true
        let result = try await run(documents, options: options)
        let title = request.uri.queryParameters["title"].map(String.init) ?? "廣告文案"
        let report = result.audit(title: title, generatedAt: ISO8601DateFormatter().string(from: Date()), toolVersion: toolVersion)
        if format == "markdown" {
            return Self.response(AuditMarkdownReporter().render(report), type: "text/markdown; charset=utf-8")
        }
        return Self.response(AuditHTMLReporter().render(report), type: "text/html; charset=utf-8")
    }

    /// Runs a check on a worker thread, not on the event loop; refuses it with 503 when
    /// `maxConcurrentChecks` are already running.
    func run(_ documents: [InMemoryDocument], options: CheckOptions) async throws -> CheckResult {
        guard gate.enter() else {
            metrics.refusedCheck()
            var headers = HTTPFields()
            headers[.retryAfter] = String(server.retryAfterSeconds)
            throw HTTPError(.serviceUnavailable, headers: headers, message: "the server is checking \(gate.limit) requests already; retry after \(server.retryAfterSeconds) s")
        }
        defer { gate.leave() }
        var perRequest = options
        perRequest.jobs = 1
        let started = ContinuousClock.now
        let checker = checker
        let runOptions = perRequest
        let run: @Sendable () throws -> CheckResult = { try checker.run(.documents(documents), options: runOptions) }
        let result: CheckResult
        do {
            result = try await withCheckedThrowingContinuation { continuation in
                DispatchQueue.global(qos: .userInitiated).async { continuation.resume(with: Result(catching: run)) }
            }
        } catch let error as CheckError {
            throw HTTPError(.badRequest, message: String(error.description.drop { $0 != " " }.dropFirst()))
        }
        var counts: [String: Int] = [:]
        for finding in result.open { counts[finding.ruleID.rawValue, default: 0] += 1 }
        metrics.checked(duration: ContinuousClock.now - started, findings: counts)
        if result.inputFailed, let problem = result.diagnostics.first(where: { $0.level == .error }) {
            throw HTTPError(.unprocessableContent, message: "\(problem.path): \(problem.message)")
        }
        return result
    }

    // MARK: Helpers

    /// An uploaded name as a plain file name: no folders, nothing hidden.
    static func safeName(_ name: String) -> String {
        let last = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? "text.txt"
        let trimmed = last.drop { $0 == "." }
        return trimmed.isEmpty ? "text.txt" : String(trimmed.prefix(200))
    }

    static func reason(_ error: any Error) -> String {
        switch error {
        case let DecodingError.keyNotFound(key, _): "missing `\(key.stringValue)`"
        case let DecodingError.typeMismatch(_, context): "wrong type at `\(context.codingPath.map(\.stringValue).joined(separator: "."))`"
        case let DecodingError.dataCorrupted(context): context.codingPath.isEmpty ? "invalid JSON" : "invalid value at `\(context.codingPath.map(\.stringValue).joined(separator: "."))`"
        default: "invalid JSON"
        }
    }

    static func response(_ text: String, type: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = type
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func json(_ object: Any, status: HTTPResponse.Status = .ok) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return response(String(decoding: data, as: UTF8.self), type: "application/json; charset=utf-8", status: status)
    }
}
