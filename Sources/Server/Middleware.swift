import Foundation
import Hummingbird
import Logging

/// One structured log line per request (swift-log): method, path, status, milliseconds.
struct AccessLog: RouterMiddleware {
    typealias Context = BasicRequestContext
    let logger: Logger
    let metrics: ServerMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        var status = 500
        defer {
            let elapsed = ContinuousClock.now - started
            let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
            logger.info("request", metadata: ["method": "\(request.method)", "path": "\(request.uri.path)",
                                               "status": "\(status)", "ms": "\(String(format: "%.2f", milliseconds))"])
            metrics.request(route: Self.route(request.uri.path), status: status)
        }
        do {
            let response = try await next(request, context)
            status = Int(response.status.code)
            return response
        } catch let error as HTTPError {
            status = Int(error.status.code)
            throw error
        }
    }

    /// The route, not the path, so a metric's labels stay few (`/v1/rules/{id}`).
    static func route(_ path: String) -> String {
        if path.hasPrefix("/v1/rules/") { return "/v1/rules/{id}" }
        return ["/", "/healthz", "/metrics", "/openapi.yaml", "/v1/rules", "/v1/sectors", "/v1/check", "/v1/audit"].contains(path) ? path : "other"
    }
}

/// Every error as JSON, `{"error": message, "status": code}`, with the error's headers
/// (Retry-After on 503); an unexpected error is a 500 that says nothing internal.
struct JSONErrors: RouterMiddleware {
    typealias Context = BasicRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError {
            var response = CheckServer.json(["error": error.body ?? error.status.reasonPhrase, "status": Int(error.status.code)], status: error.status)
            for field in error.headers { response.headers.append(field) }
            return response
        } catch let error as any HTTPResponseError {
            return CheckServer.json(["error": "\(error.status.reasonPhrase)", "status": Int(error.status.code)], status: error.status)
        } catch {
            return CheckServer.json(["error": "internal error", "status": 500], status: .internalServerError)
        }
    }
}

/// `--token-file`: every `/v1/` request must carry `Authorization: Bearer <token>`.
struct BearerToken: RouterMiddleware {
    typealias Context = BasicRequestContext
    let token: String

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.uri.path.hasPrefix("/v1/") else { return try await next(request, context) }
        let given = request.headers[.authorization] ?? ""
        guard given == "Bearer \(token)" else {
            var headers = HTTPFields()
            headers[.wwwAuthenticate] = "Bearer"
            throw HTTPError(.unauthorized, headers: headers, message: "this server needs `Authorization: Bearer <token>`")
        }
        return try await next(request, context)
    }
}

/// 405 with `Allow` for a method a known path does not take (404 stays for unknown paths).
struct MethodNotAllowed: RouterMiddleware {
    typealias Context = BasicRequestContext

    static let allowed: [String: String] = [
        "/": "GET", "/healthz": "GET", "/metrics": "GET", "/openapi.yaml": "GET", "/v1/rules": "GET",
        "/v1/sectors": "GET", "/v1/rules/{id}": "GET", "/v1/check": "POST", "/v1/audit": "POST",
    ]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            let route = AccessLog.route(request.uri.path)
            guard let allow = Self.allowed[route], allow != request.method.rawValue,
                  !(allow == "GET" && request.method == .head) else { throw error }
            var headers = HTTPFields()
            headers[.allow] = allow
            throw HTTPError(.methodNotAllowed, headers: headers, message: "\(request.uri.path) takes \(allow)")
        }
    }
}
