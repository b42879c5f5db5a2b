#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A gitignore-style glob: `*` and `?` within one path segment, `[...]` classes, `**` for
/// any number of segments. A pattern without a `/` (other than a trailing one) matches a
/// name at any depth; with one, it is anchored to the folder it is relative to. A trailing
/// `/` matches folders only. Segments are matched by the C library's `fnmatch`.
public struct GlobPattern: Sendable, Hashable, CustomStringConvertible {
    public let description: String
    private let segments: [String]
    /// Matches only folders (the pattern ended in `/`).
    public let directoryOnly: Bool

    public init(_ pattern: String) {
        description = pattern
        var text = pattern
        directoryOnly = text.hasSuffix("/")
        while text.hasSuffix("/") { text.removeLast() }
        let anchored = text.dropFirst().contains("/") || text.hasPrefix("/")
        if text.hasPrefix("/") { text.removeFirst() }
        if text.hasPrefix("./") { text.removeFirst(2) }
        var parts = text.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        if !anchored { parts.insert("**", at: 0) }
        segments = parts
    }

    /// Whether a `/`-separated path (relative to the pattern's folder) matches.
    public func matches(_ path: String, isDirectory: Bool) -> Bool {
        if directoryOnly && !isDirectory { return false }
        let names = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        return Self.match(segments, names)
    }

    /// Segment-wise matching with `**`, by dynamic programming (no backtracking blow-up).
    private static func match(_ pattern: [String], _ names: [String]) -> Bool {
        let p = pattern.count, n = names.count
        // reachable[j]: the first i pattern segments can match the first j names.
        var reachable = [Bool](repeating: false, count: n + 1)
        reachable[0] = true
        for i in 0..<p {
            var next = [Bool](repeating: false, count: n + 1)
            if pattern[i] == "**" {
                var any = false
                for j in 0...n {
                    any = any || reachable[j]
                    next[j] = any
                }
            } else {
                for j in 0..<n where reachable[j] && fnmatch(pattern[i], names[j], 0) == 0 {
                    next[j + 1] = true
                }
            }
            reachable = next
        }
        return reachable[n]
    }
}
