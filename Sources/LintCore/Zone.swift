/// Where in an ad a piece of text sits. Rules can be limited to some zones.
public struct Zone: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }

    public init(rawValue: String) { self.rawValue = rawValue }

    public static let body = Zone("body")
    public static let heading = Zone("heading")
    public static let paragraph = Zone("paragraph")
    public static let listItem = Zone("list-item")
    public static let tableCell = Zone("table-cell")
    public static let altText = Zone("alt-text")
    public static let linkText = Zone("link-text")
    public static let title = Zone("title")
    public static let meta = Zone("meta")
    public static let speakerNotes = Zone("speaker-notes")
    public static let headerFooter = Zone("header-footer")
    public static let comment = Zone("comment")
    public static let hashtag = Zone("hashtag")
    public static let cell = Zone("cell")
    public static let quote = Zone("quote")
    public static let footnote = Zone("footnote")
    public static let textBox = Zone("text-box")
    public static let value = Zone("value")

    /// Every zone an extractor may produce; rule files are validated against it.
    public static let known: [Zone] = [
        .body, .heading, .paragraph, .listItem, .tableCell, .altText, .linkText, .title,
        .meta, .speakerNotes, .headerFooter, .comment, .hashtag, .cell,
        .quote, .footnote, .textBox, .value,
    ]

    /// Zones that are running copy: a rule limited to `body` also runs on them.
    public static let bodyFamily: Set<Zone> = [.body, .paragraph, .listItem, .tableCell, .quote, .textBox, .cell, .value]

    /// Inline zones: parts of a segment's text (a link's text, a hashtag) rather than whole
    /// segments. A match inside one is in both the inline zone and the segment's zone.
    public static let inline: Set<Zone> = [.linkText, .hashtag]

    /// The zone itself and the broader zones it belongs to (`paragraph` -> `paragraph`, `body`).
    public var including: [Zone] {
        self != .body && Zone.bodyFamily.contains(self) ? [self, .body] : [self]
    }

    public static func < (lhs: Zone, rhs: Zone) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String { rawValue }

}
