/// Who publishes the copy, where a duty depends on it. 身心障礙者權益保障法 §52-2 binds the
/// websites of government bodies, their agencies and schools; for everyone else the same
/// accessibility guideline is good practice, not a legal duty. A rule may word its finding
/// differently for each (`publishers:` in the rule file).
public enum Publisher: String, Sendable, Hashable, CaseIterable, Codable, CustomStringConvertible {
    /// 各級政府及其附屬機關（構）、學校: bound by §52-2 for their websites.
    case government
    /// Companies, agencies, shops and people: the default.
    case `private`

    public var description: String { rawValue }

    /// A publisher as written in front matter, a config or on the command line: the English
    /// name in any case, or a Chinese one (政府, 機關, 學校; 民間, 企業).
    public init?(named text: String) {
        let name = String(text.filter { !$0.isWhitespace }).lowercased()
        if let publisher = Publisher(rawValue: name) {
            self = publisher
        } else if ["政府", "政府機關", "機關", "機構", "學校", "公部門", "gov"].contains(name) {
            self = .government
        } else if ["民間", "民間業者", "企業", "公司", "私部門"].contains(name) {
            self = .private
        } else {
            return nil
        }
    }

    /// What a user may write, for error messages.
    public static let accepted = "`government` (政府機關（構）或學校) or `private` (民間業者)"

    /// The Chinese name, for notes and reports.
    public var name: String {
        switch self {
        case .government: "政府機關（構）或學校"
        case .private: "民間業者"
        }
    }
}

/// Which publisher a document was checked as, and why.
public struct PublisherDecision: Sendable, Hashable {
    public enum Source: String, Sendable, Hashable, Codable {
        /// `--publisher` on the command line.
        case option
        /// The document's front matter (`publisher: government`).
        case frontMatter = "front-matter"
        /// `publisher:` in `.adlaw.yml`.
        case config
        /// Nothing said: a private publisher is assumed.
        case assumed
    }

    public var publisher: Publisher
    public var source: Source

    public init(publisher: Publisher, source: Source) {
        self.publisher = publisher
        self.source = source
    }

    public static let assumed = PublisherDecision(publisher: .private, source: .assumed)
}

/// A rule's finding as worded for one publisher: its severity, and where they differ, its
/// message, rationale and citations. Only on documents in `formats` (every format when
/// empty): a government's web page is bound by §52-2, its printed flyer is not.
public struct PublisherVariant: Sendable, Hashable, Codable {
    public var publisher: Publisher
    public var formats: [String]
    public var severity: Severity
    public var message: MessageTemplate?
    public var rationale: String?
    public var references: [LegalReference]?

    public init(publisher: Publisher, formats: [String] = [], severity: Severity, message: MessageTemplate? = nil,
                rationale: String? = nil, references: [LegalReference]? = nil) {
        self.publisher = publisher
        self.formats = formats
        self.severity = severity
        self.message = message
        self.rationale = rationale
        self.references = references
    }

    public func applies(to publisher: Publisher, format: String) -> Bool {
        self.publisher == publisher && (formats.isEmpty || formats.contains(format))
    }
}
