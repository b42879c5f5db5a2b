/// Why cached prefilter analyses could not be read. The cache is then ignored and
/// rebuilt; this never fails a run.
public enum PrefilterCacheError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Not a cache file of this adlaw (another format or version wrote it).
    case otherFormat
    /// The file ends early or holds impossible values (cut short or corrupted).
    case corrupt(String)

    public var description: String {
        switch self {
        case .otherFormat: "written by another adlaw version or not a prefilter cache"
        case let .corrupt(what): "corrupt (\(what))"
        }
    }
}
