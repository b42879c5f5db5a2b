/// A fact about how a document is built, reported by its extractor beside the text: an
/// image and its text alternative, a link and its text, a video and its captions, the page
/// language, a heading level, a table and its header cells, a run of coloured or sized text,
/// a PDF's tagging. Rules of the `structure` kind match these facts (accessibility), never
/// the text. A format that cannot carry a fact (plain text) has none.
///
/// Located like every finding: `sourceRange` is in the document's `SourceText` (the file's
/// bytes, or the text view of an Office file or PDF), and `location` names the logical place
/// (`word/document.xml ¶3 (image)`, `slide 2, shape "圖片 3"`, `page 1`) where lines mean little.
public struct StructureFact: Sendable, Hashable, Codable {
    public var kind: FactKind
    /// The fact's properties; an absent key is a property the document does not give
    /// (an `<img>` without `alt`), which is itself a fact rules test (`alt: absent`).
    public var properties: [String: FactValue]
    /// The element in the source: the `<img …>` tag, the link's text, the `<html>` tag.
    public var sourceRange: Range<Int>
    /// Where some text-valued properties are written (the `alt` value, the `lang` value), so
    /// a finding about their wording points at the words.
    public var propertyRanges: [String: Range<Int>]
    public var location: SourceLocation?

    public init(kind: FactKind, properties: [String: FactValue] = [:], sourceRange: Range<Int>,
                propertyRanges: [String: Range<Int>] = [:], location: SourceLocation? = nil) {
        self.kind = kind
        self.properties = properties
        self.sourceRange = sourceRange
        self.propertyRanges = propertyRanges
        self.location = location
    }

    public subscript(_ name: String) -> FactValue? {
        get { properties[name] }
        set { properties[name] = newValue }
    }

    /// The same fact moved by `delta` bytes (a fragment's offsets made absolute).
    public func shifted(by delta: Int) -> StructureFact {
        guard delta != 0 else { return self }
        var copy = self
        copy.sourceRange = (sourceRange.lowerBound + delta)..<(sourceRange.upperBound + delta)
        copy.propertyRanges = propertyRanges.mapValues { ($0.lowerBound + delta)..<($0.upperBound + delta) }
        return copy
    }

    /// `image alt=absent source=banner.jpg`: the properties in a stable order, for
    /// `adlaw extract` and test failures.
    public var summary: String {
        ([kind.rawValue] + properties.keys.sorted().map { "\($0)=\(properties[$0]!.description)" }).joined(separator: " ")
    }
}

/// A property value: text (an alt text, a language tag, a colour), a number (a heading
/// level, a contrast ratio, a size in points) or a yes/no flag.
public enum FactValue: Sendable, Hashable, Codable, CustomStringConvertible {
    case text(String)
    case number(Double)
    case flag(Bool)

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let flag = try? c.decode(Bool.self) {
            self = .flag(flag)
        } else if let number = try? c.decode(Double.self) {
            self = .number(number)
        } else {
            self = .text(try c.decode(String.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case let .text(value): try c.encode(value)
        case let .number(value): try c.encode(value)
        case let .flag(value): try c.encode(value)
        }
    }

    public var text: String? { if case let .text(value) = self { value } else { nil } }
    public var number: Double? { if case let .number(value) = self { value } else { nil } }
    public var flag: Bool? { if case let .flag(value) = self { value } else { nil } }

    public var description: String {
        switch self {
        case let .text(value): value.contains(where: { $0 == " " || $0 == "\"" }) || value.isEmpty ? "\"\(value)\"" : value
        case let .number(value):
            value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String((value * 100).rounded() / 100)
        case let .flag(value): value ? "true" : "false"
        }
    }
}

/// The kinds of structure fact, each with the properties an extractor may report. Rule
/// files are checked against this list, so a misspelt property never silently matches
/// nothing.
public enum FactKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// An image: `<img>`, `<input type=image>`, a Markdown image, a Word or PowerPoint picture.
    case image
    /// A link: `<a href>`, a Markdown link, a Word or PowerPoint hyperlink.
    case link
    /// A `<video>` or `<audio>` element.
    case media
    /// The document as a whole: its declared language, its script, a PDF's tagging.
    case document
    /// A page of content: a web page or Word document as a whole, a slide, a PDF page.
    case page
    /// A heading and its level.
    case heading
    /// A table and its header cells.
    case table
    /// A run of text whose colour, background or size the document sets.
    case text

    public enum ValueType: String, Sendable { case text, number, flag }

    /// The properties of each kind and their types.
    public var properties: [String: ValueType] {
        switch self {
        case .image:
            ["alt": .text, "decorative": .flag, "source": .text]
        case .link:
            ["text": .text, "target": .text]
        case .media:
            ["element": .text, "captions": .flag, "muted": .flag, "controls": .flag, "source": .text]
        case .document:
            ["lang": .text, "script": .text, "han-characters": .number, "tagged": .flag, "pages": .number]
        case .page:
            ["number": .number, "text-characters": .number, "images": .number]
        case .heading:
            ["level": .number, "previous": .number, "jump": .number, "text": .text]
        case .table:
            ["header": .flag, "rows": .number, "columns": .number, "layout": .flag]
        case .text:
            ["color": .text, "background": .text, "contrast": .number, "size": .number, "bold": .flag, "large": .flag]
        }
    }
}
