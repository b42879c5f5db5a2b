/// How copy reaches the buyer: `online` (web shops, social media, TV shopping, catalogues:
/// the distance selling of 消費者保護法 §2 ⑩) or `store` (a physical shop, bought face to
/// face). Some duties exist only for one channel (the seven-day right of withdrawal binds
/// distance selling only), so rules may name the channels they apply to.
///
/// Channels are data: the known set and the words that suggest each are declared in
/// `Rules/sectors.yaml` under `channels:`.
public struct Channel: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }

    public init(rawValue: String) { self.rawValue = rawValue }

    public static func < (lhs: Channel, rhs: Channel) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String { rawValue }
}

/// One channel: its name, the words that suggest it, and whether it is assumed when the
/// copy says nothing (copy adlaw sees is almost always published online).
public struct ChannelDefinition: Sendable {
    public var id: Channel
    public var name: String
    public var signals: (any CompiledRegex)?
    public var isDefault: Bool

    public init(id: Channel, name: String, signals: (any CompiledRegex)?, isDefault: Bool) {
        self.id = id
        self.name = name
        self.signals = signals
        self.isDefault = isDefault
    }
}

/// Where a reading of the document's context (its channel, its kind) came from: `--channel`
/// or `--kind` on the command line, the front matter, `.adlaw.yml`, words in the copy, or
/// nothing said (the default is assumed).
public enum ContextSource: String, Sendable, Hashable, Codable {
    /// The command line (`--channel`, `--kind`).
    case option
    /// The document's front matter (`channel: store`, `kind: article`).
    case frontMatter = "front-matter"
    /// `.adlaw.yml` (`channel:`, `kind:`).
    case config
    /// Words in the copy (宅配, 下單 / 門市; a byline, a quoted clinician).
    case inferred
    /// Nothing said, or nothing the reading could change: the default is assumed (the rule
    /// pack's default channel; an ad).
    case assumed
}

/// Which channels a document was checked for, and why.
public struct ChannelDecision: Sendable, Hashable {
    public typealias Source = ContextSource

    public var channels: [Channel]
    public var source: Source
    /// For inferred channels: the words that suggested each.
    public var evidence: [Channel: [String]]

    public init(channels: [Channel], source: Source, evidence: [Channel: [String]] = [:]) {
        self.channels = channels
        self.source = source
        self.evidence = evidence
    }

    /// No channel restriction known (rule sets without channels).
    public static let unrestricted = ChannelDecision(channels: [], source: .assumed)
}
