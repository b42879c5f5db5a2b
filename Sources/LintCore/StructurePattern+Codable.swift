// The rule-set cache writes `structure` patterns like the others: regexes as their sources,
// compiled again when read.

extension StructurePattern: Codable {
    enum CodingKeys: String, CodingKey { case fact, formats, alternatives }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(fact: try c.decode(FactKind.self, forKey: .fact), formats: try c.decode([String].self, forKey: .formats),
                  alternatives: try c.decode([Alternative].self, forKey: .alternatives))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(fact, forKey: .fact)
        try c.encode(formats, forKey: .formats)
        try c.encode(alternatives, forKey: .alternatives)
    }
}

extension StructurePattern.Alternative: Codable {
    enum CodingKeys: String, CodingKey { case formats, tests }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(formats: try c.decode([String].self, forKey: .formats), tests: try c.decode([PropertyTest].self, forKey: .tests))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(formats, forKey: .formats)
        try c.encode(tests, forKey: .tests)
    }
}

extension PropertyTest: Codable {
    enum CodingKeys: String, CodingKey { case property, test, regex, bound, comparison }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let property = try c.decode(String.self, forKey: .property)
        let test = try c.decode(String.self, forKey: .test)
        let condition: Condition
        switch test {
        case "absent": condition = .absent
        case "present": condition = .present
        case "true": condition = .flag(true)
        case "false": condition = .flag(false)
        case "is": condition = .isOneOf(try c.decodeRegex(forKey: .regex))
        case "is-not": condition = .isNoneOf(try c.decodeRegex(forKey: .regex))
        case "matches": condition = .matches(try c.decodeRegex(forKey: .regex))
        case "not-matches": condition = .matchesNone(try c.decodeRegex(forKey: .regex))
        case "number":
            condition = .number(try c.decode(NumericCondition.Comparison.self, forKey: .comparison), try c.decode(Double.self, forKey: .bound))
        default:
            throw DecodingError.dataCorruptedError(forKey: .test, in: c, debugDescription: "unknown property test \(test)")
        }
        self.init(property: property, condition: condition)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(property, forKey: .property)
        switch condition {
        case .absent, .present, .flag, .isOneOf, .isNoneOf, .matches, .matchesNone:
            try c.encode(condition.keyword, forKey: .test)
        case let .number(comparison, bound):
            try c.encode("number", forKey: .test)
            try c.encode(comparison, forKey: .comparison)
            try c.encode(bound, forKey: .bound)
        }
        try c.encodeRegexIfPresent(condition.regex, forKey: .regex)
    }
}
