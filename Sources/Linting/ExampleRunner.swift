import LintCore

/// Runs a rule's examples as tests. Each example runs as written and in variants that
/// must shift the reported spans exactly: after a multi-byte prefix, with CRLF line
/// ends, and inside a longer paragraph.
public struct ExampleRunner: Sendable {
    /// A way of embedding an example in other text.
    public struct Variant: Sendable, Hashable {
        public var name: String
        public var prefix: String
        public var suffix: String
        public var crlf: Bool

        public static let plain = Variant(name: "as written", prefix: "", suffix: "", crlf: false)
        public static let multiBytePrefix = Variant(name: "after a multi-byte prefix", prefix: "😀全形　", suffix: "", crlf: false)
        public static let crlfLines = Variant(name: "with CRLF line ends", prefix: "", suffix: "", crlf: true)
        public static let paragraph = Variant(name: "inside a longer paragraph",
                                              prefix: "歡迎蒞臨本店參觀選購。", suffix: "。詳情請洽門市服務人員。", crlf: false)
        public static let all: [Variant] = [.plain, .multiBytePrefix, .crlfLines, .paragraph]
    }

    /// An example whose findings differ from what it marks.
    public struct Failure: Sendable, Hashable, CustomStringConvertible {
        public var ruleID: RuleID
        public var file: String
        public var line: Int
        public var variant: String
        public var example: String
        public var expected: [String]
        public var actual: [String]

        public var description: String {
            let show: ([String]) -> String = { $0.isEmpty ? "no finding" : $0.map { "⟦\($0)⟧" }.joined(separator: " ") }
            return "\(file):\(line): \(ruleID) example \(variant): \(example)\n    expected: \(show(expected))\n    actual:   \(show(actual))"
        }
    }

    /// Reads example text as a document of a format (`text`, `html`): the examples of a
    /// `structure` rule are HTML, read by the HTML extractor as a real page would be.
    public typealias Extraction = @Sendable (_ text: String, _ format: String) -> ExtractedDocument?

    public let linter: Linter
    public let variants: [Variant]
    public let extract: Extraction?

    public init(linter: Linter, variants: [Variant] = Variant.all, extract: Extraction? = nil) {
        self.linter = linter
        self.variants = variants
        self.extract = extract
    }

    public func run(_ rule: Rule, scratch: any RegexScratch) -> [Failure] {
        var failures: [Failure] = []
        for example in rule.examples {
            if let fact = example.fact {
                if let failure = check(fact, example: example, of: rule, scratch: scratch) { failures.append(failure) }
                continue
            }
            for variant in variants {
                if variant.crlf && !example.text.contains("\n") { continue }
                if let failure = check(example, of: rule, variant: variant, scratch: scratch) {
                    failures.append(failure)
                    break // one variant failing is enough to report; the rest usually fail alike
                }
            }
        }
        return failures
    }

    /// The example text in a variant, and its marked spans shifted to match.
    public static func embed(_ example: RuleExample, in variant: Variant) -> (text: String, spans: [Range<Int>]) {
        var text = example.text
        var spans = example.spans
        if variant.crlf {
            let bytes = Array(text.utf8)
            let newlineOffsets = bytes.indices.filter { bytes[$0] == 0x0A && ($0 == 0 || bytes[$0 - 1] != 0x0D) }
            func shift(_ offset: Int) -> Int { offset + newlineOffsets.filter { $0 < offset }.count }
            spans = spans.map { shift($0.lowerBound)..<shift($0.upperBound) }
            var out = [UInt8]()
            for (i, b) in bytes.enumerated() {
                if b == 0x0A && (i == 0 || bytes[i - 1] != 0x0D) { out.append(0x0D) }
                out.append(b)
            }
            text = String(decoding: out, as: UTF8.self)
        }
        let shift = variant.prefix.utf8.count
        spans = spans.map { ($0.lowerBound + shift)..<($0.upperBound + shift) }
        return (variant.prefix + text + variant.suffix, spans)
    }

    private func check(_ example: RuleExample, of rule: Rule, variant: Variant, scratch: any RegexScratch) -> Failure? {
        let (text, spans) = Self.embed(example, in: variant)
        let zone = rule.zones.first ?? .body
        var document = ExtractedDocument(path: "<example>", format: "text",
                                         segments: [TextSegment(text: text, zone: zone)], source: SourceText(text))
        if case .structure = rule.pattern {
            guard let extract, let page = extract(text, "html") else {
                return Failure(ruleID: rule.id, file: rule.origin.file, line: example.line, variant: variant.name, example: example.text,
                               expected: ["(an HTML reader: structure examples are HTML; none was given to the example runner)"], actual: [])
            }
            document = page
        }
        let result = linter.lint(document, only: [rule], scratch: scratch)
        let actual = result.findings.map(\.byteRange)
        let expected = example.expectation == .match ? spans : []
        guard actual != expected else { return nil }
        let bytes = Array(text.utf8)
        let slice: (Range<Int>) -> String = { String(decoding: bytes[max(0, $0.lowerBound)..<min(bytes.count, $0.upperBound)], as: UTF8.self) }
        return Failure(ruleID: rule.id, file: rule.origin.file, line: example.line, variant: variant.name,
                       example: example.text, expected: expected.map(slice), actual: actual.map(slice))
    }

    /// An example written as a fact: a document holding only that fact must give one finding
    /// at it (`match`) or none.
    private func check(_ fact: StructureFact, example: RuleExample, of rule: Rule, scratch: any RegexScratch) -> Failure? {
        var document = ExtractedDocument(path: "<example>", format: example.format ?? "html",
                                         segments: [TextSegment(text: example.text)], source: SourceText(example.text))
        document.facts = [fact]
        let actual = linter.lint(document, only: [rule], scratch: scratch).findings.map(\.byteRange)
        let expected = example.expectation == .match ? [fact.sourceRange] : []
        guard actual != expected else { return nil }
        return Failure(ruleID: rule.id, file: rule.origin.file, line: example.line, variant: "as a fact", example: example.text,
                       expected: expected.map { _ in example.text }, actual: actual.map { _ in example.text })
    }
}
