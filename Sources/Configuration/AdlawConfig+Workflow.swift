import Foundation
import LintCore
import Workflow

extension AdlawConfig {
    /// The `claims:` compiled for matching; a pattern that does not compile is an error at
    /// its line and column.
    public func claimMatcher(engine: any RegexEngine) throws(ConfigError) -> ClaimMatcher? {
        guard !claims.isEmpty else { return nil }
        let scope = PathScope(config: self)
        do {
            return try ClaimMatcher(claims: claims.map(\.claim), engine: engine) { globs, path in scope.matches(globs, path: path) }
        } catch {
            let entry = claims.first { $0.claim.id == error.claim.id }
            throw ConfigError(file: file, line: entry?.pattern?.line ?? error.claim.origin.line,
                              column: entry?.pattern?.column ?? error.claim.origin.column,
                              message: "`claims.pattern` does not compile: \(error.error)",
                              hint: "escape PCRE2 metacharacters with a backslash, or use `text:` for a literal phrase")
        }
    }

    /// `baseline:` as an absolute path (it is written relative to the config's folder).
    public var baselinePath: String? {
        baseline.map { URL(fileURLWithPath: $0.value, relativeTo: URL(fileURLWithPath: directory, isDirectory: true)).standardizedFileURL.path }
    }
}
