/// Why a file could not be read. Each names the file and what to do; the run goes on
/// with the other files and ends with exit code 2.
public enum ExtractionError: Error, Sendable, Hashable, CustomStringConvertible {
    case notFound(path: String)
    case unreadable(path: String, reason: String)
    case tooLarge(path: String, size: Int, limit: Int)
    case binary(path: String)
    case unsupportedEncoding(path: String, detail: String)
    case unsupportedFormat(path: String, detail: String)
    case malformed(path: String, line: Int?, column: Int?, reason: String)
    case limitExceeded(path: String, what: String)
    /// Standard input held nothing (or only white space): nothing was checked.
    case emptyInput(path: String)
    /// A symbolic link (or a path through one) that leads out of the repository or the
    /// walked folder (see `LinkBoundary`); never followed.
    case linkOutside(path: String, boundary: String)
    /// A file that is adlaw's own output (a report, an audit, a baseline): not copy, however
    /// it was reached (walked, named, staged).
    case adlawOutput(path: String, kind: String)

    public var path: String {
        switch self {
        case let .notFound(path), let .unreadable(path, _), let .tooLarge(path, _, _), let .binary(path),
             let .unsupportedEncoding(path, _), let .unsupportedFormat(path, _), let .malformed(path, _, _, _),
             let .limitExceeded(path, _), let .emptyInput(path), let .linkOutside(path, _), let .adlawOutput(path, _):
            path
        }
    }

    public var line: Int? { if case let .malformed(_, line, _, _) = self { line } else { nil } }
    public var column: Int? { if case let .malformed(_, _, column, _) = self { column } else { nil } }

    /// A stable code for machine readers.
    public var code: DiagnosticCode {
        switch self {
        case .notFound: .notFound
        case .unreadable: .unreadable
        case .tooLarge: .tooLarge
        case .binary: .binary
        case .unsupportedEncoding: .unsupportedEncoding
        case .unsupportedFormat: .unsupportedFormat
        case .malformed: .malformed
        case .limitExceeded: .limitExceeded
        case .emptyInput: .emptyInput
        case .linkOutside: .linkOutside
        case .adlawOutput: .adlawOutput
        }
    }

    public var description: String {
        switch self {
        case .notFound:
            "no such file or folder; check the path"
        case let .unreadable(_, reason):
            reason.hasPrefix("permission") ? "cannot read the file (\(reason)); check its permissions" : "cannot read the file (\(reason))"
        case let .tooLarge(_, size, limit):
            "the file is \(size) bytes, above the \(limit)-byte limit; split it or raise --max-file-size"
        case .binary:
            "binary file skipped (it contains NUL bytes); adlaw reads text, Markdown and HTML"
        case let .unsupportedEncoding(_, detail):
            "unsupported text encoding (\(detail)); save the file as UTF-8"
        case let .unsupportedFormat(_, detail):
            "unsupported format: \(detail)"
        case let .malformed(_, _, _, reason):
            "the file is malformed: \(reason)"
        case let .limitExceeded(_, what):
            "the file exceeds a safety limit: \(what)"
        case .emptyInput:
            "standard input was empty, so nothing was checked; pipe the copy into adlaw, or name files or folders to check"
        case let .linkOutside(_, boundary):
            "a symbolic link that leads out of \(boundary); not followed (name the file it points to if you mean to check it)"
        case let .adlawOutput(_, kind):
            "adlaw's own output (\(kind)), not copy; skipped"
        }
    }
}
