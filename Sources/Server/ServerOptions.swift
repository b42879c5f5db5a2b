/// How `adlaw serve` listens and what it accepts.
public struct ServerOptions: Sendable {
    /// The address to bind; loopback unless asked otherwise.
    public var host = "127.0.0.1"
    public var port = 8080
    /// A bearer token every `/v1/` request must present; nil: none.
    public var token: String?
    /// Larger request bodies get 413.
    public var maxRequestBytes = 20 << 20
    /// Checks running at once; past it a request gets 503 with Retry-After.
    public var maxConcurrentChecks = 8
    /// Seconds a client is asked to wait after a 503.
    public var retryAfterSeconds = 1
    /// A check not done by then is answered with 504 and stopped before its next document.
    public var requestTimeout: Duration = .seconds(30)
    /// Most documents one request may check (uploaded files and the files inside ZIP archives).
    public var maxUploadFiles = 1_000
    /// Most bytes the files inside one request's ZIP archives may inflate to, in all.
    public var maxArchiveBytes: UInt64 = 200 << 20
    /// Most parts a multipart body may have.
    public var maxParts = 1_100

    public init() {}

    /// Whether `host` is a loopback address (the default); anything else is reachable from
    /// other machines and gets a warning at start.
    public var isLoopback: Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }
}
