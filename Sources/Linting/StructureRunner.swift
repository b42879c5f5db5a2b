import LintCore

/// Runs `structure` rules over a document's structure facts (images, links, headings,
/// tables, colours, language): each fact of the rule's kind that passes one of its test
/// lists is a finding at the fact's element, or at the words a text test read.
struct StructureRunner {
    let normalizer: TextNormalizer
    let scratch: any RegexScratch

    /// A fact a rule reports, and the source range to report.
    struct Match {
        let rule: Rule
        let fact: StructureFact
        let range: Range<Int>
    }

    func run(_ rule: Rule, _ pattern: StructurePattern, on document: ExtractedDocument) throws(RegexMatchError) -> [Match] {
        guard pattern.applies(toFormat: document.format) else { return [] }
        var out: [Match] = []
        for fact in document.facts where fact.kind == pattern.fact {
            for alternative in pattern.alternatives where alternative.formats.isEmpty || alternative.formats.contains(document.format) {
                if let range = try range(reporting: fact, ifAllHold: alternative.tests) {
                    out.append(Match(rule: rule, fact: fact, range: range))
                    break
                }
            }
        }
        return out
    }

    /// The range to report when every test holds: the first text property a test read,
    /// where the document writes it, else the element.
    private func range(reporting fact: StructureFact, ifAllHold tests: [PropertyTest]) throws(RegexMatchError) -> Range<Int>? {
        var reported: Range<Int>?
        for test in tests {
            guard try holds(test, fact[test.property]) else { return nil }
            if reported == nil, test.condition.readsText, let range = fact.propertyRanges[test.property] { reported = range }
        }
        return reported ?? fact.sourceRange
    }

    private func holds(_ test: PropertyTest, _ value: FactValue?) throws(RegexMatchError) -> Bool {
        switch test.condition {
        case .absent: return value == nil
        case .present: return value != nil
        case let .flag(expected): return value?.flag == expected
        case let .number(comparison, bound):
            guard let number = value?.number else { return false }
            return comparison.holds(number, bound)
        case let .isOneOf(regex), let .matches(regex):
            guard let text = value?.text else { return false }
            return try found(regex, in: text)
        case let .isNoneOf(regex), let .matchesNone(regex):
            guard let text = value?.text else { return false }
            return try !found(regex, in: text)
        }
    }

    private func found(_ regex: any CompiledRegex, in text: String) throws(RegexMatchError) -> Bool {
        let buffer = UTF8Buffer(normalizer.normalizeLiteral(text))
        return try regex.firstMatch(in: buffer, scratch: scratch) != nil
    }

    /// The zone a finding about a fact of this kind is in.
    static func zone(of kind: FactKind) -> Zone {
        switch kind {
        case .image: .altText
        case .link: .linkText
        case .heading: .heading
        case .document: .title
        case .media, .page, .table, .text: .body
        }
    }
}
