/// A compiled regex inside an archived rule set. Written as its source and options, read
/// back by compiling it again with the `RegexDecodingContext` in the decoder's `userInfo`;
/// or, when the encoder's `userInfo` holds a `RegexEncodingContext`, written as an index
/// into that context's table of patterns (the rule-set cache stores the table once, apart
/// from the rules, and gives the decoder the patterns it compiled from it).
struct ArchivedRegex: Codable {
    struct Source: Codable, Hashable, Sendable {
        var pattern: String
        var caseInsensitive: Bool

        enum CodingKeys: String, CodingKey { case pattern = "p", caseInsensitive = "i" }
    }

    var regex: any CompiledRegex

    init(_ regex: any CompiledRegex) { self.regex = regex }

    init(from decoder: any Decoder) throws {
        guard let key = RegexDecodingContext.userInfoKey,
              let context = decoder.userInfo[key] as? RegexDecodingContext else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "no RegexDecodingContext in the decoder's userInfo"))
        }
        let container = try decoder.singleValueContainer()
        if let table = context.table {
            let index = try container.decode(Int.self)
            guard table.indices.contains(index) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                        debugDescription: "pattern \(index) is not in the table of \(table.count)"))
            }
            regex = table[index]
            return
        }
        let source = try container.decode(Source.self)
        do {
            regex = try context.compile(source)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "the archived pattern does not compile: \(error)"))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        let source = Source(pattern: regex.pattern, caseInsensitive: regex.isCaseInsensitive)
        if let key = RegexEncodingContext.userInfoKey, let context = encoder.userInfo[key] as? RegexEncodingContext {
            try container.encode(context.index(of: source, regex: regex))
        } else {
            try container.encode(source)
        }
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
