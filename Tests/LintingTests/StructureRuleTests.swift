import Extractors
import LintCore
import Linting
import PCRE2Matcher
import RuleCompiler
import Testing
import TestSupport

/// `structure` rules: facts matched by property tests, worded by publisher, and the compile
/// errors a rule author meets.
@Suite struct StructureRuleTests {
    static let imageRule = """
    id: a.image-alt
    name: 圖片沒有替代文字
    severity: warning
    sectors: [all]
    message: 圖片「{source}」沒有替代文字。
    rationale: 測試用。
    references:
      - 公平交易法 第21條第1項
    structure:
      fact: image
      formats: [html, markdown, docx]
      when:
        - alt: absent
        - alt: { is: [圖片, image] }
    publishers:
      government:
        formats: [html, markdown]
        severity: error
        message: 機關網站的圖片「{source}」沒有替代文字。
        references:
          - 食品安全衛生管理法 第28條第1項
    examples:
      match:
        - '⟦<img src="a.jpg">⟧'
        - '<img src="a.jpg" alt="⟦圖片⟧">'
      no-match:
        - '<img src="a.jpg" alt="夏季特賣全館五折">'
        - '<img src="a.jpg" alt="">'
    """

    let set: RuleSet
    let engine = PCRE2Engine()

    init() throws {
        set = try TestSupport.loadRules(["a/image-alt.yaml": Self.imageRule])
    }

    func lint(_ text: String, name: String, publisher: Publisher? = nil, configPublisher: Publisher? = nil) throws -> DocumentResult {
        let document = try DocumentReader().read(bytes: Array(text.utf8), name: name)
        var options = LintOptions()
        options.publisher = publisher
        options.configPublisher = configPublisher
        return Linter(ruleSet: set).lint(document, options: options, scratch: engine.makeScratch())
    }

    @Test func examplesRunAsHTMLPages() {
        let failures = ExampleRunner(linter: Linter(ruleSet: set), extract: DocumentReader.readExample)
            .run(set.rules[0], scratch: engine.makeScratch())
        #expect(failures.isEmpty, "\(failures.map(\.description))")
        let blind = ExampleRunner(linter: Linter(ruleSet: set)).run(set.rules[0], scratch: engine.makeScratch())
        #expect(!blind.isEmpty, "without an HTML reader the examples cannot pass silently")
    }

    @Test func aPrivatePublisherIsAssumedAndTold() throws {
        let result = try lint(#"<p>特賣</p><img src="/a/banner.jpg">"#, name: "page.html")
        #expect(result.publisher == .assumed)
        let finding = try #require(result.findings.first)
        #expect(finding.severity == .warning)
        #expect(finding.message == "圖片「banner.jpg」沒有替代文字。")
        #expect(finding.references.map(\.law) == ["公平交易法"])
        #expect(finding.matchedText == #"<img src="/a/banner.jpg">"#)
        #expect(finding.start.column == 10)
        #expect(finding.notes.contains { $0.contains("publisher: government") })
    }

    @Test func aGovernmentPageGetsTheVariant() throws {
        let result = try lint(#"<img src="a.jpg" alt="image">"#, name: "page.html", publisher: .government)
        let finding = try #require(result.findings.first)
        #expect(finding.severity == .error)
        #expect(finding.message == "機關網站的圖片「a.jpg」沒有替代文字。")
        #expect(finding.references.map(\.law) == ["食品安全衛生管理法"])
        #expect(finding.matchedText == "image", "a wording test points at the words")
        #expect(finding.notes.isEmpty)
    }

    @Test func theVariantHoldsOnlyForItsFormats() throws {
        // A Word document's picture without a description, as the Word extractor reports it.
        var word = ExtractedDocument(path: "flyer.docx", format: "docx", segments: [TextSegment(text: "夏季特賣")],
                                     source: SourceText("夏季特賣"))
        word.facts = [StructureFact(kind: .image, properties: ["source": .text("image1.png"), "decorative": .flag(false)],
                                    sourceRange: 0..<12)]
        var options = LintOptions()
        options.publisher = .government
        let result = Linter(ruleSet: set).lint(word, options: options, scratch: engine.makeScratch())
        #expect(result.findings.map(\.severity) == [.warning])
    }

    @Test func frontMatterThenConfigDecide() throws {
        let page = "---\npublisher: 政府\n---\n![](a.png)\n"
        let declared = try lint(page, name: "page.md", configPublisher: .private)
        #expect(declared.publisher == PublisherDecision(publisher: .government, source: .frontMatter))
        #expect(declared.findings.map(\.severity) == [.error])
        let configured = try lint("![](a.png)\n", name: "page.md", configPublisher: .government)
        #expect(configured.publisher.source == .config && configured.findings.map(\.severity) == [.error])
        let overridden = try lint(page, name: "page.md", publisher: .private)
        #expect(overridden.findings.map(\.severity) == [.warning])
        let unknown = try lint("---\npublisher: 某人\n---\n![](a.png)\n", name: "page.md")
        #expect(unknown.diagnostics.contains { $0.code == .unknownPublisher })
        #expect(unknown.publisher == .assumed)
    }

    @Test func plainTextIsNeverAStructureFinding() {
        #expect(TestSupport.lint(#"<img src="a.jpg">"#, set).findings.isEmpty)
    }

    @Test func theConfigSeverityHoldsForEveryPublisher() throws {
        let rule = set.rules[0].withSeverity(.info)
        #expect(rule.worded(for: .government, format: "html").severity == .info)
        #expect(rule.worded(for: .government, format: "html").references.map(\.law) == ["食品安全衛生管理法"])
    }

    static func broken(_ replace: String, with text: String) -> [RuleFileError] {
        TestSupport.loadErrors(["a/image-alt.yaml": imageRule.replacingOccurrences(of: replace, with: text)])
    }

    @Test func compileErrorsNameTheProblem() {
        let property = Self.broken("- alt: absent", with: "- alts: absent")
        #expect(property.first?.description.contains("alts") == true, "\(property)")
        #expect(property.first?.line == 13)
        let kind = Self.broken("fact: image", with: "fact: picture")
        #expect(kind.first?.description.contains("picture") == true, "\(kind)")
        let flagTest = Self.broken("- alt: absent", with: "- alt: true")
        #expect(!flagTest.isEmpty)
        let textTest = Self.broken("references:\n  - 公平", with: "unless: { inside: [x] }\nreferences:\n  - 公平")
        #expect(textTest.first?.description.contains("structure") == true, "\(textTest)")
        let publisher = Self.broken("  government:", with: "  city:")
        #expect(publisher.first?.description.contains("city") == true, "\(publisher)")
        let format = Self.broken("formats: [html, markdown, docx]", with: "formats: [html, web]")
        #expect(format.first?.description.contains("web") == true, "\(format)")
    }
}
