/// A citation of the law a rule enforces.
public struct LegalReference: Hashable, Sendable, Codable {
    /// The law's name as in the national law database, e.g. `食品安全衛生管理法`.
    public var law: String
    /// The article, e.g. `第28條第2項`.
    public var article: String
    /// The national law database code, e.g. `L0040001`.
    public var pcode: String
    /// The authority that enforces it, e.g. `衛生福利部食品藥物管理署`.
    public var authority: String?
    /// The penalty range in words, e.g. `新臺幣60萬元以上500萬元以下罰鍰（第45條）`.
    public var penalty: String?
    /// A link to the article text.
    public var url: String?

    public init(law: String, article: String, pcode: String,
                authority: String? = nil, penalty: String? = nil, url: String? = nil) {
        self.law = law
        self.article = article
        self.pcode = pcode
        self.authority = authority
        self.penalty = penalty
        self.url = url
    }

    /// `食品安全衛生管理法 第28條第2項`: the form printed under a finding.
    public var citation: String { "\(law) \(article)" }
}
