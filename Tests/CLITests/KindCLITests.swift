import Foundation
import Testing
import TestSupport

/// Health writing read as an article, not an ad: claims at info with why, a note in every
/// output format, overrides by flag and front matter, and an audit that still asks for review.
@Suite struct KindCLITests {
    static let article = "記者林小華／台北報導\n北城醫院家醫科主治醫師表示，民眾若長期失眠應及早就醫。薑黃可以治療關節炎。\n"
    static let suffix = "讀來為衛教或報導，非銷售文案"

    @Test func anArticleIsNotedInHumanJSONAndSARIF() throws {
        let human = try CLI.run(["check", "-", "--no-color", "--no-config"], stdin: Self.article)
        #expect(human.status == 0)
        #expect(human.stdout.contains(Self.suffix))
        #expect(human.stderr.contains("read as an article") && human.stderr.contains("--kind ad"))

        let out = try CLI.run(["check", "-", "--format", "json", "--no-config"], stdin: Self.article)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
        let findings = try #require(json["findings"] as? [[String: Any]])
        let claim = try #require(findings.first { ($0["message"] as? String)?.contains(Self.suffix) == true })
        #expect(claim["severity"] as? String == "info")
        let diagnostics = try #require(json["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.contains { $0["code"] as? String == "read-as-article" })

        let sarif = try CLI.run(["check", "-", "--format", "sarif", "--no-config"], stdin: Self.article)
        #expect(sarif.stdout.contains("read as an article"))
    }

    @Test func theFlagAndFrontMatterReadItAsAnAd() throws {
        let flag = try CLI.run(["check", "-", "--no-color", "--no-config", "--kind", "ad"], stdin: Self.article)
        #expect(flag.status == 1)
        #expect(!flag.stdout.contains(Self.suffix))
        #expect(!flag.stderr.contains("read as an article"))

        let folder = TestSupport.temporaryFolder()
        defer { TestSupport.remove(folder) }
        try TestSupport.write(["copy.md": "---\nkind: ad\n---\n" + Self.article, "plain.md": Self.article], in: folder)
        let front = try CLI.run(["check", "copy.md", "--no-color", "--no-config"], directory: folder)
        #expect(front.status == 1 && !front.stdout.contains(Self.suffix))

        let bad = try CLI.run(["check", "-", "--kind", "flyer", "--no-config"], stdin: Self.article)
        #expect(bad.status == 2 && bad.stderr.contains("unknown kind `flyer`"))

        let audit = try CLI.run(["audit", "plain.md", "--no-config"], directory: folder)
        #expect(!audit.stdout.contains("campaign: publish"))
        #expect(audit.stdout.contains("read as an article"))
    }
}
