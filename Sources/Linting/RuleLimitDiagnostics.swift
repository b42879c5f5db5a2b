import LintCore

/// The warnings a check gives when a rule could not finish on a file, worded once for the
/// whole-file check (`Linter`) and the piece-wise one (`PieceChecker`), which must report
/// the same.
extension Diagnostic {
    /// A rule that stopped on the file: its time limit, or `code` (the match limit when nil
    /// and the error is not the time limit).
    static func ruleStopped(_ rule: Rule, by error: RegexMatchError, path: String,
                            code: DiagnosticCode? = nil) -> Diagnostic {
        let byError: DiagnosticCode = if case .timeLimit = error { .timeLimit } else { .matchLimit }
        let code = code ?? byError
        return Diagnostic(code: code, level: .warning, path: path,
                          message: "rule \(rule.id) stopped on this file: \(error.description); fix the rule in \(rule.origin.file)",
                          ruleID: rule.id)
    }

    /// A rule that skipped `count` sentences at the match limit and checked the rest.
    static func sentencesSkipped(_ rule: Rule, count: Int, path: String) -> Diagnostic {
        Diagnostic(code: .matchLimit, level: .warning, path: path,
                   message: "rule \(rule.id) could not finish matching in \(count) sentence\(count == 1 ? "" : "s") (the match limit; catastrophic backtracking on that text), which \(count == 1 ? "was" : "were") skipped; the rest of the file was checked",
                   ruleID: rule.id)
    }

    /// A rule that reached `Linter.maxFindingsPerRule` findings in the file.
    static func ruleTruncated(_ rule: Rule, path: String) -> Diagnostic {
        Diagnostic(code: .findingLimit, level: .warning, path: path,
                   message: "rule \(rule.id) matched more than \(Linter.maxFindingsPerRule) times in this file; only the first \(Linter.maxFindingsPerRule) are reported (fix them and check again)",
                   ruleID: rule.id)
    }

    /// Findings past `Linter.maxFindingsPerFile`: `leftOut` of them, or at least that many
    /// when a rule stopped at its own limit first.
    static func findingsLeftOut(_ leftOut: Int, stoppedEarly: Bool, path: String) -> Diagnostic {
        Diagnostic(code: .findingLimit, level: .warning, path: path,
                   message: "more than \(Linter.maxFindingsPerFile) findings in this file; only the first \(Linter.maxFindingsPerFile) are reported, \(stoppedEarly ? "at least " : "")\(leftOut) more \(leftOut == 1 ? "was" : "were") left out (fix them and check again)")
    }
}
