/// A law in the registry (`Rules/laws/<pcode>.yaml`) with its fact table: for each article
/// the rules cite, what it requires, whom it binds and what breaking it costs, version by
/// version. Rules may cite only registered laws in force, and only articles in the table;
/// every citation, penalty and link in the output comes from here.
public struct LawEntry: Sendable, Hashable, Codable {
    public enum Status: String, Sendable, Hashable, Codable { case inForce = "in-force", repealed }

    public var pcode: String
    public var name: String
    public var status: Status
    public var repealedOn: String?
    public var replacedBy: [String]
    public var url: String?
    /// The authority that enforces it (an article may name another).
    public var authority: String?
    /// The day a person last checked this entry against the law text.
    public var verified: CalendarDate?
    /// Why no rule cites the law (required for a law in force that no rule cites).
    public var noRule: String?
    public var note: String?
    /// The versions of the law the table describes, oldest first.
    public var versions: [LawVersion]
    /// The articles the table describes, in law order.
    public var articles: [ArticleEntry]
    /// The file the entry was read from.
    public var file: String?

    public init(pcode: String, name: String, status: Status, repealedOn: String? = nil,
                replacedBy: [String] = [], url: String? = nil, authority: String? = nil,
                verified: CalendarDate? = nil, noRule: String? = nil, note: String? = nil,
                versions: [LawVersion] = [], articles: [ArticleEntry] = [], file: String? = nil) {
        self.pcode = pcode
        self.name = name
        self.status = status
        self.repealedOn = repealedOn
        self.replacedBy = replacedBy
        self.url = url
        self.authority = authority
        self.verified = verified
        self.noRule = noRule
        self.note = note
        self.versions = versions
        self.articles = articles
        self.file = file
    }

    /// The link to the whole law.
    public var lawURL: String { url ?? "https://law.moj.gov.tw/LawClass/LawAll.aspx?pcode=\(pcode)" }

    /// The link to one article's current text.
    public func articleURL(_ provision: Provision) -> String {
        guard let flno = provision.flno else { return lawURL }
        return "https://law.moj.gov.tw/LawClass/LawSingle.aspx?pcode=\(pcode)&flno=\(flno)"
    }

    public func version(promulgated date: CalendarDate) -> LawVersion? { versions.first { $0.promulgated == date } }

    /// The most specific entry that covers `provision`.
    public func entry(covering provision: Provision) -> ArticleEntry? {
        articles.filter { $0.provision.covers(provision) }.max { $0.provision.depth < $1.provision.depth }
    }

    /// The entries inside `provision` (a citation of 第5條 when the table describes 第5條第1項
    /// and 第5條第2項), for the error that asks for a more precise citation.
    public func entries(inside provision: Provision) -> [ArticleEntry] {
        articles.filter { provision.covers($0.provision) }
    }

    /// The day an article version takes effect: its own date, else its law version's; nil
    /// while an amendment is passed but its date is not yet set.
    public func inForce(_ version: ArticleVersion) -> CalendarDate? {
        version.inForce ?? self.version(promulgated: version.since)?.inForce
    }
}

/// One version of a law: the day it was promulgated (公布) and the day it took or takes
/// effect (施行). A version passed but whose effective date is still to be set has none.
public struct LawVersion: Sendable, Hashable, Codable {
    public var promulgated: CalendarDate
    public var inForce: CalendarDate?
    public var note: String?
    public var source: String?

    public init(promulgated: CalendarDate, inForce: CalendarDate?, note: String? = nil, source: String? = nil) {
        self.promulgated = promulgated
        self.inForce = inForce
        self.note = note
        self.source = source
    }
}

/// One article (or paragraph, subparagraph, attachment) of the table, with its versions.
public struct ArticleEntry: Sendable, Hashable, Codable {
    /// The provision as numbered in the newest version: the key rules cite.
    public var provision: Provision
    /// Oldest first; the last one with an effective date is the current text.
    public var versions: [ArticleVersion]
    /// The line of its key in the law file.
    public var line: Int

    public init(provision: Provision, versions: [ArticleVersion], line: Int = 0) {
        self.provision = provision
        self.versions = versions
        self.line = line
    }
}

/// What an article said in one version of the law.
public struct ArticleVersion: Sendable, Hashable, Codable {
    /// The promulgation day of the law version that gave the article this text.
    public var since: CalendarDate
    /// Set when this article took effect on another day than the rest of its version.
    public var inForce: CalendarDate?
    /// The provision's number in this version, when it was numbered differently then
    /// (菸害防制法 第12條 was 第9條 before 2023).
    public var citedAs: Provision?
    /// The provision did not exist before this version (the law added it).
    public var isNew: Bool
    /// The duty, in one line.
    public var duty: String
    /// Whom the duty binds.
    public var binds: [Addressee]
    public var penalties: [Penalty]
    /// Provisions of this or another law whose penalties apply (a 認定準則 article has none
    /// of its own; breaking it breaks the act it defines).
    public var penaltyVia: [CitedProvisions]
    /// Why there is no penalty, where there is none.
    public var noPenalty: String?
    public var authority: String?
    /// Where the text was read.
    public var source: String
    public var note: String?

    public init(since: CalendarDate, inForce: CalendarDate? = nil, citedAs: Provision? = nil, isNew: Bool = false,
                duty: String, binds: [Addressee], penalties: [Penalty] = [], penaltyVia: [CitedProvisions] = [],
                noPenalty: String? = nil, authority: String? = nil, source: String, note: String? = nil) {
        self.since = since
        self.inForce = inForce
        self.citedAs = citedAs
        self.isNew = isNew
        self.duty = duty
        self.binds = binds
        self.penalties = penalties
        self.penaltyVia = penaltyVia
        self.noPenalty = noPenalty
        self.authority = authority
        self.source = source
        self.note = note
    }
}

/// Provisions of one law, as a rule or a `penalty-via` writes them.
public struct CitedProvisions: Sendable, Hashable, Codable {
    public var pcode: String
    public var provisions: [Provision]

    public init(pcode: String, provisions: [Provision]) {
        self.pcode = pcode
        self.provisions = provisions
    }
}

/// Who a duty binds or a penalty falls on.
public enum Addressee: String, Sendable, Hashable, Codable, CaseIterable {
    /// The business that advertises or sells (事業, 廣告主, 食品業者, 廣告委託人).
    case advertiser
    /// An advertising agency (廣告業).
    case agency
    /// A medium that runs the ad (傳播媒體業者).
    case media
    /// An endorser or influencer (薦證者).
    case endorser
    /// A maker or importer (製造或輸入業者).
    case manufacturer
    /// A seller or shop (販賣業者).
    case seller
    /// An online platform (網際網路平臺提供者).
    case platform
    /// An employer recruiting staff (雇主).
    case employer
    /// Anyone (任何人).
    case anyone

    /// The name in the output.
    public var label: String {
        switch self {
        case .advertiser: "廣告主"
        case .agency: "廣告業者"
        case .media: "傳播媒體業者"
        case .endorser: "薦證者"
        case .manufacturer: "製造或輸入業者"
        case .seller: "販賣業者"
        case .platform: "網路平臺業者"
        case .employer: "雇主"
        case .anyone: "任何人"
        }
    }
}

/// A penalty article: who it falls on and what it costs.
public struct Penalty: Sendable, Hashable, Codable {
    /// The penalty article (`第45條第1項`); another law's name comes first when the penalty
    /// is in another law.
    public var article: String
    public var who: [Addressee]
    /// What the article calls those it fines, when the roles alone would mislead
    /// (「菸品製造業、菸品輸入業、廣告業、傳播媒體業者或廣告委託人以外之人」).
    public var label: String?
    /// An administrative fine in NT$ (罰鍰); a lower bound of 0 is "up to".
    public var fine: ClosedRange<Int>?
    /// A criminal penalty in the law's words (有期徒刑、拘役、罰金).
    public var criminal: String?
    /// Another sanction in the law's words (停業、廢止執照、公布姓名).
    public var sanction: String?
    /// Written before the amount when the fine only follows an order (「限期改正，屆期未改正者按次處」).
    public var condition: String?
    /// Written after the amount (「並令限期改善；屆期未改善者，按次處罰」).
    public var also: String?

    public init(article: String, who: [Addressee], label: String? = nil, fine: ClosedRange<Int>? = nil,
                criminal: String? = nil, sanction: String? = nil, condition: String? = nil, also: String? = nil) {
        self.article = article
        self.who = who
        self.label = label
        self.fine = fine
        self.criminal = criminal
        self.sanction = sanction
        self.condition = condition
        self.also = also
    }

    /// The addressees in words.
    public var whoText: String { label ?? who.map(\.label).joined(separator: "、") }

    /// `新臺幣10萬元以上50萬元以下罰鍰，並令限期改善（第34條）`, with `whoText：` in front
    /// when asked (several penalties, or one that does not fall on the advertiser).
    public func rendered(naming: Bool) -> String {
        var parts: [String] = []
        if let criminal { parts.append(criminal) }
        if let fine { parts.append(Self.fineText(fine)) }
        if let sanction { parts.append(sanction) }
        var out = naming ? whoText + "：" : ""
        out += (condition ?? "") + parts.joined(separator: "；")
        if let also { out += "，" + also }
        return out + "（\(article)）"
    }

    /// `新臺幣60萬元以上500萬元以下罰鍰`; `新臺幣30萬元以下罰鍰` when there is no minimum.
    public static func fineText(_ fine: ClosedRange<Int>) -> String {
        if fine.lowerBound == 0 { return "新臺幣\(amount(fine.upperBound))元以下罰鍰" }
        return "新臺幣\(amount(fine.lowerBound))元以上\(amount(fine.upperBound))元以下罰鍰"
    }

    /// An amount as the law's readers write it: 2千, 6萬, 2,500萬, 1億.
    public static func amount(_ value: Int) -> String {
        func grouped(_ n: Int) -> String {
            let digits = Array(String(n))
            var out = ""
            for (index, digit) in digits.enumerated() {
                if index > 0 && (digits.count - index) % 3 == 0 { out += "," }
                out.append(digit)
            }
            return out
        }
        if value >= 100_000_000 && value % 100_000_000 == 0 { return "\(grouped(value / 100_000_000))億" }
        if value >= 10_000 && value % 10_000 == 0 { return "\(grouped(value / 10_000))萬" }
        if value >= 1_000 && value < 10_000 && value % 1_000 == 0 { return "\(value / 1_000)千" }
        return grouped(value)
    }
}

extension CalendarDate: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = CalendarDate(text) else {
            throw DecodingError.dataCorrupted(DecodingError.Context(codingPath: decoder.codingPath, debugDescription: "not a YYYY-MM-DD date: \(text)"))
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
