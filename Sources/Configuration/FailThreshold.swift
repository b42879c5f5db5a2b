import LintCore

/// `fail-on` / `--fail-on`: the lowest severity that makes a run fail (exit 1), or never.
public enum FailThreshold: String, Sendable, CaseIterable {
    case error, warning, info, never

    public var severity: Severity? { Severity(rawValue: rawValue) }

    /// Whether a finding of this severity fails the run.
    public func fails(_ severity: Severity) -> Bool {
        guard let threshold = self.severity else { return false }
        return severity >= threshold
    }
}
