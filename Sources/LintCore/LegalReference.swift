/// A citation of the law a rule enforces, as printed under a finding. Rules name the law
/// and the provisions; everything else comes from the law fact table (`LawTable`) for the
/// day the copy is checked against.
public struct LegalReference: Hashable, Sendable, Codable {
    /// The law's name as in the national law database, e.g. `食品安全衛生管理法`.
    public var law: String
    /// The provisions as numbered on the day checked, e.g. `第28條第2項`.
    public var article: String
    /// The national law database code, e.g. `L0040001`.
    public var pcode: String
    /// The authority that enforces it, e.g. `衛生福利部食品藥物管理署`.
    public var authority: String?
    /// The penalties in words, each with its article and, where it matters, whom it falls
    /// on, e.g. `新臺幣60萬元以上500萬元以下罰鍰（第45條第1項）`.
    public var penalty: String?
    /// A link to the article text.
    public var url: String?
    /// What the provisions require, in one line each.
    public var duty: String?
    /// The version of the text cited (`2023-02-15公布，2023-03-22施行`).
    public var version: String?
    /// What a reviewer must know about the version: an amendment passed but not yet in
    /// force, or a day before the first version the table describes.
    public var note: String?
    /// The table entries cited, by their current numbers (`第12條`), stable across days.
    public var provisions: [String]?

    public init(law: String, article: String, pcode: String,
                authority: String? = nil, penalty: String? = nil, url: String? = nil,
                duty: String? = nil, version: String? = nil, note: String? = nil, provisions: [String]? = nil) {
        self.law = law
        self.article = article
        self.pcode = pcode
        self.authority = authority
        self.penalty = penalty
        self.url = url
        self.duty = duty
        self.version = version
        self.note = note
        self.provisions = provisions
    }

    /// `食品安全衛生管理法 第28條第2項`: the form printed under a finding.
    public var citation: String { "\(law) \(article)" }
}
