/// A place in a law as Taiwanese legal writing cites it: `第22條之1第2項第3款`, or an
/// attachment of a regulation (`附件四`). The law fact table keys its entries by
/// provisions, and rules cite them the same way.
public struct Provision: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// 條 (nil for an attachment).
    public var article: Int?
    /// 之N after the article number (第22條之1).
    public var articleSuffix: Int?
    /// 項.
    public var paragraph: Int?
    /// 款.
    public var subparagraph: Int?
    /// 目.
    public var item: Int?
    /// An attachment's name as written (`附件四`); set only for attachments.
    public var attachment: String?

    public init(article: Int? = nil, articleSuffix: Int? = nil, paragraph: Int? = nil, subparagraph: Int? = nil,
                item: Int? = nil, attachment: String? = nil) {
        self.article = article
        self.articleSuffix = articleSuffix
        self.paragraph = paragraph
        self.subparagraph = subparagraph
        self.item = item
        self.attachment = attachment
    }

    /// `第22條之1第2項`, `附件四`.
    public var description: String {
        if let attachment { return attachment }
        var out = ""
        if let article { out += "第\(article)條" }
        if let articleSuffix { out += "之\(articleSuffix)" }
        if let paragraph { out += "第\(paragraph)項" }
        if let subparagraph { out += "第\(subparagraph)款" }
        if let item { out += "第\(item)目" }
        return out
    }

    /// The article alone (`第22條之1`), or the attachment.
    public var articleOnly: Provision {
        attachment != nil ? self : Provision(article: article, articleSuffix: articleSuffix)
    }

    /// The `flno` of the article's page on law.moj.gov.tw (`22-1`), nil for attachments.
    public var flno: String? {
        guard let article else { return nil }
        return articleSuffix.map { "\(article)-\($0)" } ?? "\(article)"
    }

    /// Whether `other` lies inside this provision: the same article, and every level this
    /// one names is the same (第37條 covers 第37條第2款; 第28條第1項 does not cover 第28條第2項).
    public func covers(_ other: Provision) -> Bool {
        if let attachment { return attachment == other.attachment }
        guard other.attachment == nil, article == other.article, articleSuffix == other.articleSuffix else { return false }
        for (mine, theirs) in [(paragraph, other.paragraph), (subparagraph, other.subparagraph), (item, other.item)] {
            if let mine, mine != theirs { return false }
        }
        return true
    }

    /// How many levels it names; a more specific entry wins when several cover a citation.
    public var depth: Int {
        [article, paragraph, subparagraph, item].compactMap { $0 }.count + (attachment == nil ? 0 : 1)
    }

    public static func < (lhs: Provision, rhs: Provision) -> Bool {
        func key(_ p: Provision) -> [Int] {
            [p.attachment == nil ? 0 : 1, p.article ?? 0, p.articleSuffix ?? 0, p.paragraph ?? 0, p.subparagraph ?? 0, p.item ?? 0]
        }
        if lhs.attachment != nil, rhs.attachment != nil { return lhs.attachment! < rhs.attachment! }
        return key(lhs).lexicographicallyPrecedes(key(rhs))
    }
}

extension Provision {
    /// Why a citation text could not be read.
    public struct SyntaxError: Error, Sendable, Hashable {
        public var reason: String
    }

    /// Reads one provision written alone (`第22條之1第2項`, `附件四`).
    public static func parse(_ text: String) throws(SyntaxError) -> Provision {
        let list = try parseList(text)
        guard list.count == 1 else { throw SyntaxError(reason: "`\(text)` names \(list.count) provisions; write one") }
        return list[0]
    }

    /// Reads a citation's article part: provisions joined by `、`, where a later one may
    /// continue the one before it (`第19條第1項、第5項` is §19 I and §19 V;
    /// `第15條第1項第2款、第3款` is §15 I ② and ③). Numbers are Arabic digits, as the
    /// national law database writes article numbers in its links.
    public static func parseList(_ text: String) throws(SyntaxError) -> [Provision] {
        let compact = text.filter { !$0.isWhitespace }
        guard !compact.isEmpty else { throw SyntaxError(reason: "no article is named") }
        var out: [Provision] = []
        for piece in compact.split(separator: "、", omittingEmptySubsequences: false) {
            let piece = String(piece)
            guard !piece.isEmpty else { throw SyntaxError(reason: "an empty item between `、` in `\(text)`") }
            if piece.hasPrefix("附件") {
                guard piece.count > 2, piece.dropFirst(2).allSatisfy({ "一二三四五六七八九十".contains($0) }) else {
                    throw SyntaxError(reason: "`\(piece)`: an attachment is written `附件` and its number in Chinese (`附件四`); put details such as points or classes in the rationale")
                }
                out.append(Provision(attachment: piece))
                continue
            }
            let parts = try levels(piece)
            var provision: Provision
            if parts.article != nil {
                provision = Provision()
            } else if let previous = out.last, previous.attachment == nil {
                // A continuation keeps the levels above its first one from the item before.
                provision = previous
                if parts.paragraph != nil { provision.paragraph = nil; provision.subparagraph = nil; provision.item = nil }
                else if parts.subparagraph != nil { provision.subparagraph = nil; provision.item = nil }
                else { provision.item = nil }
            } else {
                throw SyntaxError(reason: "`\(piece)` names no article (`第N條`) and continues no article before it")
            }
            if let article = parts.article { provision.article = article; provision.articleSuffix = parts.articleSuffix }
            if let paragraph = parts.paragraph { provision.paragraph = paragraph }
            if let subparagraph = parts.subparagraph { provision.subparagraph = subparagraph }
            if let item = parts.item { provision.item = item }
            out.append(provision)
        }
        return out
    }

    /// The levels of one item, in order: 第N條(之M)? 第N項? 第N款? 第N目?
    private static func levels(_ piece: String) throws(SyntaxError) -> Provision {
        var result = Provision()
        var rest = Substring(piece)
        var rank = 0
        func number() -> Int? {
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, let value = Int(digits) else { return nil }
            rest = rest.dropFirst(digits.count)
            return value
        }
        while !rest.isEmpty {
            guard rest.hasPrefix("第") else {
                throw SyntaxError(reason: "`\(piece)`: expected `第` at `\(rest)`; write provisions as 第N條之M第N項第N款第N目 with Arabic digits")
            }
            rest = rest.dropFirst()
            guard let value = number(), let unit = rest.first else {
                throw SyntaxError(reason: "`\(piece)`: write numbers in Arabic digits (第28條, not 第二十八條)")
            }
            rest = rest.dropFirst()
            let unitRank: Int
            switch unit {
            case "條": unitRank = 1; result.article = value
            case "項": unitRank = 2; result.paragraph = value
            case "款": unitRank = 3; result.subparagraph = value
            case "目": unitRank = 4; result.item = value
            default: throw SyntaxError(reason: "`\(piece)`: `\(unit)` is not 條, 項, 款 or 目")
            }
            guard unitRank > rank else { throw SyntaxError(reason: "`\(piece)`: levels go 條, 項, 款, 目, each at most once") }
            rank = unitRank
            if unit == "條", rest.hasPrefix("之") {
                rest = rest.dropFirst()
                guard let suffix = number() else { throw SyntaxError(reason: "`\(piece)`: write 之 with an Arabic number (第22條之1)") }
                result.articleSuffix = suffix
            }
        }
        return result
    }

    /// Provisions written as a citation: consecutive ones of the same article continue it
    /// (`第19條第1項、第5項`), as `parseList` reads them.
    public static func render(_ list: [Provision]) -> String {
        var out: [String] = []
        var previous: Provision?
        for provision in list {
            defer { previous = provision }
            guard let previous, provision.attachment == nil, previous.attachment == nil,
                  previous.article == provision.article, previous.articleSuffix == provision.articleSuffix else {
                out.append(provision.description)
                continue
            }
            var tail = Provision()
            if provision.paragraph != previous.paragraph {
                tail.paragraph = provision.paragraph; tail.subparagraph = provision.subparagraph; tail.item = provision.item
            } else if provision.subparagraph != previous.subparagraph {
                tail.subparagraph = provision.subparagraph; tail.item = provision.item
            } else if provision.item != previous.item {
                tail.item = provision.item
            }
            // A continuation must name a level; a repeat or a less specific one is written whole.
            if tail.description.isEmpty || (provision.paragraph == nil && previous.paragraph != nil)
                || (provision.subparagraph == nil && previous.subparagraph != nil && provision.paragraph == previous.paragraph) {
                out.append(provision.description)
            } else {
                out.append(tail.description)
            }
        }
        return out.joined(separator: "、")
    }
}
