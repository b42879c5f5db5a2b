import Extractors
import FileSelection
import Foundation
import LintCore
import Linting
import PCRE2Matcher
import RuleCompiler
import Testing
import TestSupport

/// The shipped rule pack and the annotated corpus, run as tests.
enum Pack {
    static let engine = PCRE2Engine()

    static let loaded: Result<RuleSet, any Error> = {
        do {
            return .success(try RuleSetLoader(engine: engine).load(folders: [TestSupport.rulesFolder]))
        } catch {
            return .failure(error)
        }
    }()

    /// One linter for the whole pack: building its prefilter analyses every pattern's
    /// literals, which a debug build does in seconds, so the parameterised tests share it
    /// (one per rule file and corpus document made this suite take 20 CPU minutes).
    static let linter: Result<Linter, any Error> = loaded.map { Linter(ruleSet: $0) }

    /// Rule files, relative to Rules/ (found by walking, so a file that fails to load still
    /// gets its own failing test).
    static let ruleFiles: [String] = {
        guard let contents = try? RuleSetLoader.scan(folder: TestSupport.rulesFolder) else { return [] }
        return contents.rules.map { $0.replacingOccurrences(of: TestSupport.rulesFolder + "/", with: "") }
    }()

    /// Corpus documents, relative to Corpus/.
    static let corpusFiles: [String] = {
        let walked = FileWalker(extensions: DocumentReader().knownExtensions).expand([TestSupport.corpusFolder])
        return walked.files.map { $0.replacingOccurrences(of: TestSupport.corpusFolder + "/", with: "") }
    }()
}

@Suite struct RulePackTests {
    @Test func theRulePackLoadsWithoutErrors() throws {
        switch Pack.loaded {
        case let .success(set):
            #expect(set.rules.count == Pack.ruleFiles.count)
            #expect(set.rules.count >= 4)
        case let .failure(error):
            Issue.record("the rule pack does not load:\n\(error)")
        }
    }

    @Test(arguments: Pack.ruleFiles)
    func ruleExamplesPassInEveryVariant(file: String) throws {
        let set = try Pack.loaded.get()
        let rule = try #require(set.rules.first { $0.origin.file.hasSuffix("/" + file) }, "\(file) did not load")
        let failures = ExampleRunner(linter: try Pack.linter.get(), extract: DocumentReader.readExample).run(rule, scratch: Pack.engine.makeScratch())
        #expect(failures.isEmpty, "\(failures.map(\.description).joined(separator: "\n"))")
        #expect(rule.examples.filter { $0.expectation == .match }.count >= 2)
        #expect(rule.examples.filter { $0.expectation == .noMatch }.count >= 2)
    }

    @Test func everyRuleCitesALawInForce() throws {
        let set = try Pack.loaded.get()
        let laws = Dictionary(uniqueKeysWithValues: set.laws.map { ($0.pcode, $0) })
        for rule in set.rules {
            #expect(!rule.references.isEmpty, "\(rule.id) has no citation")
            for reference in rule.references {
                #expect(laws[reference.pcode]?.status == .inForce, "\(rule.id) cites \(reference.pcode)")
                #expect(laws[reference.pcode]?.name == reference.law)
                #expect(!reference.article.isEmpty)
            }
        }
        // The registry itself records the repealed sign regulation, so it cannot creep back.
        #expect(laws["D0080033"]?.status == .repealed)
    }

    /// Amounts a rationale states must be amounts of the fact table for the laws the rule cites
    /// (or their penalty-via targets): issue 14 moved penalties into the table so that stale
    /// wording cannot survive in one rule, and prose that repeats an amount must follow it.
    @Test func rationaleAmountsAreTheTablesAmounts() throws {
        let set = try Pack.loaded.get()
        let laws = Dictionary(uniqueKeysWithValues: set.laws.map { ($0.pcode, $0) })
        for rule in set.rules {
            var pcodes = Set(rule.references.map(\.pcode))
            for pcode in pcodes {
                for article in laws[pcode]?.articles ?? [] {
                    for version in article.versions { pcodes.formUnion(version.penaltyVia.map(\.pcode)) }
                }
            }
            var known = Set<[Int]>()
            for pcode in pcodes {
                for article in laws[pcode]?.articles ?? [] {
                    for penalty in article.versions.flatMap(\.penalties) {
                        if let fine = penalty.fine { known.insert([fine.lowerBound, fine.upperBound]) }
                        for text in [penalty.criminal, penalty.sanction, penalty.condition, penalty.also].compactMap({ $0 }) {
                            known.formUnion(Self.ranges(in: text))
                        }
                    }
                }
            }
            for range in Self.ranges(in: rule.rationale) where !known.contains(range) {
                Issue.record("\(rule.id): the rationale states NT$\(range[0])-\(range[1]), which no penalty of its cited laws has in Rules/laws/")
            }
        }
    }

    /// `新臺幣3萬元以上50萬元以下`, `新臺幣1,200元以上6,000元以下` as [min, max] in NT$.
    static func ranges(in text: String) -> [[Int]] {
        let pattern = #"新臺幣\s*([0-9][0-9,.]*)\s*([萬千億]?)\s*元以上\s*([0-9][0-9,.]*)\s*([萬千億]?)\s*元以下"#
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
        let ns = text as NSString
        func amount(_ digits: String, _ unit: String) -> Int {
            let value = Double(digits.replacingOccurrences(of: ",", with: "")) ?? 0
            let factor: Double = ["萬": 10_000, "千": 1_000, "億": 100_000_000][unit] ?? 1
            return Int((value * factor).rounded())
        }
        return regex.matches(in: text, range: NSRange(location: 0, length: ns.length)).map { match in
            let part = { (index: Int) in ns.substring(with: match.range(at: index)) }
            return [amount(part(1), part(2)), amount(part(3), part(4))]
        }
    }

    @Test(arguments: Pack.corpusFiles)
    func corpusDocumentProducesExactlyItsAnnotatedFindings(file: String) throws {
        let path = TestSupport.corpusFolder + "/" + file
        let document = try DocumentReader().read(path: path)
        var expectations = CorpusChecker.annotations(in: document.source)
        if let sidecar = try? String(contentsOfFile: path + ".expect", encoding: .utf8) {
            expectations += CorpusChecker.sidecar(sidecar)
        }
        let result = CorpusChecker(linter: try Pack.linter.get()).check(document, expectations: expectations,
                                                                         scratch: Pack.engine.makeScratch())
        #expect(result.failures.isEmpty, "\(result.failures.joined(separator: "\n"))")
    }
}

/// The sample campaign plan (sweepstake, sign-up form, influencer post) yields the right
/// checklists when audited.
@Suite struct SampleCampaignPlanTests {
    @Test func theSamplePlanYieldsTheRightChecklists() throws {
        let set = try Pack.loaded.get()
        let document = try DocumentReader().read(path: TestSupport.corpusFolder + "/plan/spring-campaign-plan.md")
        let result = try Pack.linter.get().lint(document, options: LintOptions(includeChecklists: true), scratch: Pack.engine.makeScratch())
        let lists = Dictionary(uniqueKeysWithValues: result.checklists.map { ($0.ruleID.rawValue, $0) })

        let sweepstakes = try #require(lists["plan.sweepstakes"])
        let sweepstakeStatus = Dictionary(uniqueKeysWithValues: sweepstakes.items.map { ($0.label, $0.met) })
        #expect(sweepstakeStatus["最大獎項價值不超過新臺幣500萬元（辦法第6條）"] == true)
        #expect(sweepstakeStatus["載明活動期間"] == true)
        #expect(sweepstakeStatus["載明參加資格與方式"] == true)
        #expect(sweepstakeStatus["載明得獎名單公布之日期與方式"] == true)
        #expect(sweepstakeStatus["蒐集參加者個資時完整告知（個資法第8條）"] == false)
        #expect(sweepstakes.items.first?.figures.first?.hasPrefix("首獎：價值新臺幣8萬元") == true)

        let personal = try #require(lists["plan.personal-data"])
        let personalStatus = Dictionary(uniqueKeysWithValues: personal.items.map { ($0.label, $0.met) })
        #expect(personalStatus["告知個資法第8條六項事項"] == false)
        #expect(personalStatus["行銷利用前取得當事人同意（第20條第1項第6款）"] == true)
        #expect(personalStatus["首次行銷提供免費拒絕方式（第20條第2項、第3項）"] == false)

        let influencer = try #require(lists["plan.influencer"])
        let influencerStatus = Dictionary(uniqueKeysWithValues: influencer.items.map { ($0.label, $0.met) })
        #expect(influencerStatus["揭露合作、贊助或業配關係"] == true)
        #expect(influencerStatus["薦證者確實使用過商品"] == false)

        let audit = CampaignAudit.build(title: "春季", generatedAt: "2026-11-25", toolVersion: "test", ruleSet: set, rules: [],
                                        results: [result], open: result.findings, diagnostics: [])
        #expect(audit.verdict.level == .needsReview)
        #expect(audit.findings.allSatisfy { !$0.ruleID.rawValue.hasPrefix("plan.") })
    }
}
