import LintCore

/// Renders a run's findings in one output format. One reporter per file.
public protocol Reporter {
    func render(_ report: LintReport) -> String
}

/// The output formats of `adlaw check --format`.
public enum OutputFormat: String, CaseIterable, Sendable {
    case human, json, line, sarif, github, checkstyle, junit

    public func makeReporter(color: Bool) -> any Reporter {
        switch self {
        case .human: HumanReporter(color: color)
        case .json: JSONReporter()
        case .line: LineReporter()
        case .sarif: SARIFReporter()
        case .github: GitHubActionsReporter()
        case .checkstyle: CheckstyleReporter()
        case .junit: JUnitReporter()
        }
    }
}

extension OutputFormat {
    /// `github` inside a GitHub Actions job (`GITHUB_ACTIONS=true`), else `human`.
    public static func `default`(environment: [String: String]) -> OutputFormat {
        environment["GITHUB_ACTIONS"] == "true" ? .github : .human
    }

    /// Formats read by programs: notes and warnings about files stay off standard error,
    /// which is only for errors.
    public var isMachineReadable: Bool {
        switch self {
        case .human, .line, .github: false
        case .json, .sarif, .checkstyle, .junit: true
        }
    }
}
