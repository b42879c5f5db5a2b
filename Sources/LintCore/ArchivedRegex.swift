/// A compiled regex inside an archived rule set: written as its source and options, read
/// back by compiling it again with the `RegexDecodingContext` in the decoder's `userInfo`.
struct ArchivedRegex: Codable {
    struct Source: Codable, Hashable {
        var pattern: String
        var caseInsensitive: Bool

        enum CodingKeys: String, CodingKey { case pattern = "p", caseInsensitive = "i" }
    }

    var regex: any CompiledRegex

    init(_ regex: any CompiledRegex) { self.regex = regex }

    init(from decoder: any Decoder) throws {
        let source = try decoder.singleValueContainer().decode(Source.self)
        guard let key = RegexDecodingContext.userInfoKey,
              let context = decoder.userInfo[key] as? RegexDecodingContext else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "no RegexDecodingContext in the decoder's userInfo"))
        }
        do {
            regex = try context.compile(source)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "the archived pattern does not compile: \(error)"))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(Source(pattern: regex.pattern, caseInsensitive: regex.isCaseInsensitive))
    }
}

extension KeyedDecodingContainer {
    func decodeRegex(forKey key: Key) throws -> any CompiledRegex {
        try decode(ArchivedRegex.self, forKey: key).regex
    }

    func decodeRegexIfPresent(forKey key: Key) throws -> (any CompiledRegex)? {
        try decodeIfPresent(ArchivedRegex.self, forKey: key)?.regex
    }
}

extension KeyedEncodingContainer {
    mutating func encodeRegex(_ regex: any CompiledRegex, forKey key: Key) throws {
        try encode(ArchivedRegex(regex), forKey: key)
    }

    mutating func encodeRegexIfPresent(_ regex: (any CompiledRegex)?, forKey key: Key) throws {
        try encodeIfPresent(regex.map(ArchivedRegex.init), forKey: key)
    }
}
