import LintCore
import Testing
@testable import Reporters

/// The escaping rules of the formats that carry findings inside another syntax.
@Suite struct EscapingTests {
    @Test func githubPropertiesEscapeColonCommaAndLineEnds() {
        #expect(GitHubActionsReporter.escapeProperty("a:b,c%d\r\ne") == "a%3Ab%2Cc%25d%0D%0Ae")
        // Full-width punctuation is not special to the runner.
        #expect(GitHubActionsReporter.escapeProperty("食品：測試，好") == "食品：測試，好")
    }

    @Test func githubMessagesKeepColonAndComma() {
        #expect(GitHubActionsReporter.escapeData("a:b,c%\n") == "a:b,c%25%0A")
    }

    @Test func xmlAttributesEscapeMarkupQuotesAndLineEnds() {
        #expect(XMLText.attribute("a & <b> \"c\" 'd'\ne") == "a &amp; &lt;b&gt; &quot;c&quot; &apos;d&apos;&#10;e")
        #expect(XMLText.content("<x> & \"y\"\n") == "&lt;x&gt; &amp; \"y\"\n")
    }

    @Test func xmlReplacesCharactersXMLCannotCarry() {
        #expect(XMLText.attribute("a\u{1}b\u{1B}c") == "a\u{FFFD}b\u{FFFD}c")
    }

    @Test func artifactURIsArePercentEncodedPerSegment() {
        #expect(ArtifactURI.encode(path: "文案 資料夾/新品.md") == "%E6%96%87%E6%A1%88%20%E8%B3%87%E6%96%99%E5%A4%BE/%E6%96%B0%E5%93%81.md")
        #expect(ArtifactURI.encode(path: "./a/b#c?.md") == "a/b%23c%3F.md")
        #expect(ArtifactURI.encode(path: "/tmp/x.md") == "file:///tmp/x.md")
        #expect(!ArtifactURI.isRelative("/tmp/x.md"))
    }
}
