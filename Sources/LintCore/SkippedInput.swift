/// A file or folder a run did not read, and why. The walker, the reader and the config's
/// `exclude:` record one for every input they leave out, so an audit can say exactly what
/// was not checked: nothing is left out in silence.
public struct SkippedInput: Sendable, Hashable, Codable {
    public enum Reason: String, Sendable, Hashable, Codable, CaseIterable {
        /// A format adlaw does not read (images, video, `.doc`, `.rtf` …).
        case otherFormat = "other-format"
        /// Left out on purpose: `--exclude`, `--include`, `.adlawignore`.
        case ignored
        /// Left out on purpose by the config's `exclude:`.
        case excludedByConfig = "excluded-by-config"
        /// A file adlaw wrote (a baseline, a report): not copy.
        case adlawOutput = "adlaw-output"
        /// Binary content under a text extension.
        case binary
        /// A pipe, socket or device found while walking.
        case special
        /// A symbolic link to nothing, or a link loop.
        case brokenLink = "broken-link"
        case symlinkLoop = "symlink-loop"
        /// A symbolic link that leads out of the repository (never followed).
        case linkOutside = "link-outside"

        /// Whether the team chose to leave it out (an exclusion) or adlaw could not read it:
        /// only the latter leaves copy unchecked.
        public var isDeliberate: Bool { self == .ignored || self == .excludedByConfig || self == .adlawOutput }
    }

    public var path: String
    public var reason: Reason
    /// A folder left out whole (`drafts/`).
    public var isFolder: Bool

    public init(path: String, reason: Reason, isFolder: Bool = false) {
        self.path = path
        self.reason = reason
        self.isFolder = isFolder
    }

    /// The file's extension, lower case, without the dot.
    public var fileExtension: String {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return "" }
        return String(path[path.index(after: dot)...]).lowercased()
    }
}
