import Prometheus

/// What `/metrics` reports (Prometheus text format): requests by route and status, check
/// latency, findings by rule, checks refused because the server was full.
final class ServerMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    private let latency: DurationHistogram
    private let refused: Counter
    private let timedOut: Counter

    init() {
        latency = registry.makeDurationHistogram(
            name: "adlaw_check_duration_seconds",
            buckets: [.milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(20),
                      .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(5)],
            help: "Time to check one request's documents")
        refused = registry.makeCounter(name: "adlaw_checks_refused_total", help: "Checks refused with 503 because the server was full")
        timedOut = registry.makeCounter(name: "adlaw_checks_timed_out_total", help: "Checks answered with 504 because they passed the time limit")
    }

    func request(route: String, status: Int) {
        registry.makeCounter(name: "adlaw_http_requests_total", labels: [("route", route), ("status", String(status))],
                             help: "HTTP requests by route and status").increment()
    }

    func checked(duration: Duration, findings: [String: Int]) {
        latency.record(duration)
        for (rule, count) in findings {
            registry.makeCounter(name: "adlaw_findings_total", labels: [("rule", rule)], help: "Findings reported, by rule")
                .increment(by: Int64(count))
        }
    }

    func refusedCheck() { refused.increment() }

    func timedOutCheck() { timedOut.increment() }

    func text() -> String { registry.emitToString() }
}
