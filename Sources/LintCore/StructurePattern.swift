/// A `structure` pattern: which structure facts a rule reports (an image without a text
/// alternative, a link whose text says nothing, a video without captions). A fact is
/// reported when it is of `fact` kind, comes from one of `formats` (any format when empty)
/// and satisfies one of `alternatives`, each a list of property tests that must all hold.
public struct StructurePattern: Sendable {
    public var fact: FactKind
    public var formats: [String]
    public var alternatives: [Alternative]

    /// One entry of `when`: tests that must all hold, on documents of `formats` (every
    /// format the rule looks at when empty).
    public struct Alternative: Sendable {
        public var formats: [String]
        public var tests: [PropertyTest]

        public init(formats: [String] = [], tests: [PropertyTest]) {
            self.formats = formats
            self.tests = tests
        }
    }

    public init(fact: FactKind, formats: [String], alternatives: [Alternative]) {
        self.fact = fact
        self.formats = formats
        self.alternatives = alternatives
    }

    /// Whether the rule looks at facts of documents in `format`.
    public func applies(toFormat format: String) -> Bool { formats.isEmpty || formats.contains(format) }

    /// Every regex of the pattern, labelled, for `adlaw rules patterns`.
    public var compiledPatterns: [(label: String, regex: any CompiledRegex)] {
        alternatives.flatMap { alternative in
            alternative.tests.compactMap { test -> (String, any CompiledRegex)? in
                test.condition.regex.map { ("\(fact.rawValue).\(test.property) \(test.condition.keyword)", $0) }
            }
        }
    }
}

/// One test of a fact's property.
public struct PropertyTest: Sendable {
    public enum Condition: Sendable {
        /// The document does not give the property (an `<img>` without `alt`).
        case absent
        /// The document gives it, whatever its value.
        case present
        /// A yes/no property has this value.
        case flag(Bool)
        /// The whole value (trimmed of spaces and punctuation) is one of the phrases: the
        /// regex is anchored at both ends.
        case isOneOf(any CompiledRegex)
        /// The value is given and is none of the phrases.
        case isNoneOf(any CompiledRegex)
        /// The value contains a match.
        case matches(any CompiledRegex)
        /// The value is given and contains no match.
        case matchesNone(any CompiledRegex)
        /// A number compared with a bound.
        case number(NumericCondition.Comparison, Double)

        public var regex: (any CompiledRegex)? {
            switch self {
            case let .isOneOf(regex), let .isNoneOf(regex), let .matches(regex), let .matchesNone(regex): regex
            default: nil
            }
        }

        /// The rule-file key of the condition.
        public var keyword: String {
            switch self {
            case .absent: "absent"
            case .present: "present"
            case let .flag(value): value ? "true" : "false"
            case .isOneOf: "is"
            case .isNoneOf: "is-not"
            case .matches: "matches"
            case .matchesNone: "not-matches"
            case let .number(comparison, bound): "\(comparison.rawValue) \(FactValue.number(bound))"
            }
        }

        /// Whether the test looks at the wording of a text value (a finding then points at it).
        public var readsText: Bool { regex != nil }
    }

    public var property: String
    public var condition: Condition

    public init(property: String, condition: Condition) {
        self.property = property
        self.condition = condition
    }
}
