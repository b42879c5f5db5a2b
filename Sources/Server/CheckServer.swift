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

    func check(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let work = try await work(request, audit: false)
        let result = try await run(work)
        let rendered = JSONReporter(pretty: false).renderLine(result.report(toolVersion: toolVersion, durationSeconds: nil),
                                                              id: nil, verdict: result.verdict)
        return Self.response(rendered, type: "application/json; charset=utf-8")
    }

    func audit(_ request: Request, context: BasicRequestContext) async throws -> Response {
        var work = try await work(request, audit: true)
        guard work.format == "html" || work.format == "markdown" else {
            throw HTTPError(.badRequest, message: "format: html or markdown, not `\(work.format)`")
        }
        work.options.includeChecklists = true
        let result = try await run(work)
        let report = result.audit(title: work.title, generatedAt: ISO8601DateFormatter().string(from: Date()), toolVersion: toolVersion)
        if work.format == "markdown" {
            return Self.response(AuditMarkdownReporter().render(report), type: "text/markdown; charset=utf-8")
        }
        return Self.response(AuditHTMLReporter().render(report), type: "text/html; charset=utf-8")
    }

    /// Runs a check on a worker thread, not on the event loop. Refuses it with 503 when
    /// `maxConcurrentChecks` are already running, and answers 504 when it is not done within
    /// `requestTimeout`: the work then stops before its next document and keeps its slot
    /// until it has, so abandoned work can never pile up past the limit.
    func run(_ work: CheckWork) async throws -> CheckResult {
        guard gate.enter() else {
            metrics.refusedCheck()
            var headers = HTTPFields()
            headers[.retryAfter] = String(server.retryAfterSeconds)
            throw HTTPError(.serviceUnavailable, headers: headers, message: "the server is checking \(gate.limit) requests already; retry after \(server.retryAfterSeconds) s")
        }
        var perRequest = work.options
        perRequest.jobs = 1
        let options = perRequest
        let started = ContinuousClock.now
        let timeout = server.requestTimeout
        let deadline = started + timeout
        let checker = checker
        let documents = work.documents
        let gate = gate
        let outcome = Outcome<CheckResult>()
        let result: CheckResult
        do {
            result = try await withCheckedThrowingContinuation { continuation in
                outcome.wait(continuation)
                DispatchQueue.global(qos: .userInitiated).async {
                    outcome.resume(with: Result { try checker.prepare(options).run(.documents(documents), deadline: deadline) })
                    gate.leave()
                }
                // Resumed before it is handed over: a dispatch source released while
                // suspended is a crash.
                let timer = DispatchSource.makeTimerSource(queue: .global(qos: .userInitiated))
                let (seconds, attoseconds) = timeout.components
                let nanoseconds = seconds >= Int64.max / 1_000_000_000 - 1 ? Int.max
                    : Int(max(0, seconds)) * 1_000_000_000 + Int(max(0, attoseconds) / 1_000_000_000)
                timer.schedule(deadline: .now() + .nanoseconds(nanoseconds))
                timer.setEventHandler { outcome.resume(with: .failure(TimedOut())) }
                timer.resume()
                outcome.timer = timer
            }
        } catch let error as CheckError {
            throw HTTPError(.badRequest, message: String(error.description.drop { $0 != " " }.dropFirst()))
        } catch is TimedOut {
            metrics.timedOutCheck()
            throw HTTPError(.gatewayTimeout, message: "the check took longer than the \(Self.seconds(timeout)) s limit and was stopped; send fewer or smaller files, or start the server with a longer --request-timeout")
        }
        var counts: [String: Int] = [:]
        for finding in result.open { counts[finding.ruleID.rawValue, default: 0] += 1 }
        metrics.checked(duration: ContinuousClock.now - started, findings: counts)
        if result.inputFailed, let problem = result.diagnostics.first(where: { $0.level == .error }) {
            throw HTTPError(.unprocessableContent, message: "\(problem.path): \(problem.message)")
        }
        // Issue 16: an upload that is not valid UTF-8 is refused, naming where (the CLI reads
        // on with U+FFFD and a note; a service should not guess at a client's bytes).
        if let invalid = result.diagnostics.first(where: { $0.code == .invalidUTF8 }) {
            let position = invalid.line.map { ", line \($0)" + (invalid.column.map { ", column \($0)" } ?? "") } ?? ""
            throw HTTPError(.unprocessableContent, message: "\(invalid.path)\(position): not valid UTF-8 (the first invalid byte is here); save the file as UTF-8 (or Big5) and upload it again")
        }
        var withNotes = result
        withNotes.diagnostics += work.notes
        return withNotes
    }

    struct TimedOut: Error {}

    static func seconds(_ duration: Duration) -> String {
        let value = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        return value == value.rounded() ? String(Int(value)) : String(value)
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
