import Extractors
import LintCore
import Linting
import PCRE2Matcher
import Testing
import TestSupport

/// Rules limited with `zones:` run only on text in those zones, including inline zones
/// (link text, hashtags) inside a paragraph, and `body` covers the running-copy zones.
@Suite struct ZoneTests {
    let rules: RuleSet

    init() throws {
        func rule(_ id: String, zones: String) -> String {
            TestSupport.ruleYAML(id: id, body: "terms: [保證有效]\nzones: \(zones)",
                                 examples: "  match: [⟦保證有效⟧, 真的⟦保證有效⟧]\n  no-match: [有效, 保證]")
        }
        rules = try TestSupport.loadRules([
            "z/anywhere.yaml": TestSupport.ruleYAML(id: "z.anywhere", body: "terms: [保證有效]",
                                                    examples: "  match: [⟦保證有效⟧, 真的⟦保證有效⟧]\n  no-match: [有效, 保證]"),
            "z/heading.yaml": rule("z.heading", zones: "[heading]"),
            "z/link.yaml": rule("z.link", zones: "[link-text]"),
            "z/hashtag.yaml": rule("z.hashtag", zones: "[hashtag]"),
            "z/body.yaml": rule("z.body", zones: "[body]"),
            "z/alt.yaml": rule("z.alt", zones: "[alt-text, meta]"),
        ])
    }

    static let markdown = """
    # 標題保證有效

    內文保證有效，請見[連結保證有效](https://example.com)。#保證有效

    - 清單保證有效

    ![圖說保證有效](a.png)

    """

    func findings(_ text: String, name: String) throws -> [String] {
        let document = try DocumentReader().read(bytes: Array(text.utf8), name: name)
        let result = Linter(ruleSet: rules).lint(document, scratch: PCRE2Engine().makeScratch())
        return result.findings.map { "\($0.ruleID)@\($0.start.line):\($0.start.column)[\($0.zone)]" }
    }

    @Test func zoneLimitedRulesRunOnlyInTheirZones() throws {
        let found = try findings(Self.markdown, name: "post.md")
        #expect(found.filter { $0.hasPrefix("z.anywhere") } == [
            "z.anywhere@1:5[heading]", "z.anywhere@3:3[paragraph]", "z.anywhere@3:13[link-text]",
            "z.anywhere@3:41[hashtag]", "z.anywhere@5:5[list-item]", "z.anywhere@7:5[alt-text]",
        ])
        #expect(found.filter { $0.hasPrefix("z.heading") } == ["z.heading@1:5[heading]"])
        #expect(found.filter { $0.hasPrefix("z.link") } == ["z.link@3:13[link-text]"])
        #expect(found.filter { $0.hasPrefix("z.hashtag") } == ["z.hashtag@3:41[hashtag]"])
        // body covers paragraphs and list items, and their inline parts, not headings or alt text.
        #expect(found.filter { $0.hasPrefix("z.body") } == [
            "z.body@3:3[paragraph]", "z.body@3:13[link-text]", "z.body@3:41[hashtag]", "z.body@5:5[list-item]",
        ])
        #expect(found.filter { $0.hasPrefix("z.alt") } == ["z.alt@7:5[alt-text]"])
    }

    @Test func htmlMetaAndAttributesAreTheirOwnZones() throws {
        let html = "<head><meta name=\"description\" content=\"保證有效\"></head><p>內文</p><img alt=\"保證有效\">"
        #expect(try findings(html, name: "page.html").filter { $0.hasPrefix("z.alt") } == [
            "z.alt@1:41[meta]", "z.alt@1:73[alt-text]",
        ])
    }
}
