import LintCore

/// Renders a run's findings in one output format. One reporter per file.
public protocol Reporter {
    func render(_ report: LintReport) -> String
}

/// The output formats of `adlaw check --format`.
public enum OutputFormat: String, CaseIterable, Sendable {
    case human, json, line

    public func makeReporter(color: Bool) -> any Reporter {
        switch self {
        case .human: HumanReporter(color: color)
        case .json: JSONReporter()
        case .line: LineReporter()
        }
    }
}
