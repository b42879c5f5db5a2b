/// What a run reads.
public enum CheckInputs: Sendable {
    /// Files and folders; folders are walked for every format adlaw reads, files named
    /// explicitly are always read.
    case paths([String])
    /// Standard input, reported under this name (its extension picks the format).
    case standardInput(name: String)
    /// The staged content of the git repository around the current folder (what the next
    /// commit holds), limited to these files or folders when any are given.
    case staged(limitedTo: [String])
    /// Documents already in memory: a server request, a batch record.
    case documents([InMemoryDocument])
}

/// A document given as bytes, with the name it is reported under (its extension picks the
/// format, as for a file).
public struct InMemoryDocument: Sendable, Hashable {
    public var name: String
    public var bytes: [UInt8]

    public init(name: String, bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
    }

    public init(name: String, text: String) {
        self.init(name: name, bytes: Array(text.utf8))
    }
}
