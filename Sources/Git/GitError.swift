/// A git operation that failed, with what to do.
public enum GitError: Error, Sendable, CustomStringConvertible {
    case notAvailable(String)
    case notARepository(String)
    case failed(command: String, message: String)

    public var description: String {
        switch self {
        case let .notAvailable(message): message
        case let .notARepository(folder): "\(folder) is not in a git repository; run `git init` first, or check files by path"
        case let .failed(command, message): "`\(command)` failed: \(message)"
        }
    }
}
