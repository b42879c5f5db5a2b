/// What a document is: copy that sells (`ad`) or health writing that does not (`article`:
/// hospital education, news, drug-information pages). Health-claim law binds advertising
/// and labelling (藥事法 §69, 食安法 §28), so a claim in an article is reported at `info`,
/// with why, never dropped.
public enum DocumentKind: String, Sendable, Hashable, CaseIterable, Codable {
    case ad
    case article
    /// Decide from the copy (`Rules/sectors.yaml`, `article:`).
    case auto

    /// `ad`, `article` or `auto` (also 廣告, 文章, 自動).
    public init?(named text: String) {
        switch String(text.filter { !$0.isWhitespace }).lowercased() {
        case "ad", "advert", "advertising", "廣告": self = .ad
        case "article", "news", "文章", "衛教", "報導": self = .article
        case "auto", "自動": self = .auto
        default: return nil
        }
    }

    public static let accepted = "`ad`, `article` or `auto`"
}

/// The data that reads a document as an article (`article:` in `sectors.yaml`): the copy
/// is read as one only when no selling signal matches and the weights of the article-signal
/// groups that match (a byline, a clinician quoted, a hospital, a department…; each group
/// once, weight 1 unless `weights` says otherwise, negative for a group that speaks against
/// an article) add up to at least `minSignals`; then the findings of `rules` are reported
/// at `info`.
public struct ArticleDefinition: Sendable {
    public var selling: (any CompiledRegex)?
    /// Article signals by group; each group counts once.
    public var signals: [(group: String, regex: any CompiledRegex)]
    /// The least total weight of the groups that match.
    public var minSignals: Int
    /// Weights of groups that do not weigh 1 (never 0).
    public var weights: [String: Int]
    /// Rule selectors (`claims.*`, `food.health-claim`) whose findings are downgraded.
    public var rules: [String]
    /// Appended to a downgraded finding's message.
    public var suffix: String

    public init(selling: (any CompiledRegex)?, signals: [(group: String, regex: any CompiledRegex)], minSignals: Int,
                weights: [String: Int] = [:], rules: [String], suffix: String) {
        self.selling = selling
        self.signals = signals
        self.minSignals = minSignals
        self.weights = weights
        self.rules = rules
        self.suffix = suffix
    }

    /// What a group's match adds to the score: 1 unless `weights` names it.
    public func weight(of group: String) -> Int { weights[group] ?? 1 }

    public func covers(_ rule: RuleID) -> Bool { rules.contains { rule.matches(selector: $0) } }
}

/// How a document was read, and why.
public struct DocumentKindDecision: Sendable, Hashable {
    public typealias Source = ContextSource

    public var kind: DocumentKind
    public var source: Source
    /// For an inferred article: the article signals that matched.
    public var evidence: [String]
    /// How many findings were reported at `info` because of this reading.
    public var downgraded = 0

    public init(kind: DocumentKind, source: Source, evidence: [String] = []) {
        self.kind = kind
        self.source = source
        self.evidence = evidence
    }

    public static let assumedAd = DocumentKindDecision(kind: .ad, source: .assumed)
}
