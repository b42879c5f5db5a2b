import Testing
import LintCore
import PCRE2Matcher
import Linting
import RuleCompiler
import TestSupport

/// The constructs that let one claim be found whatever the sector (issue 13): grammars shared
/// by rules, `except-sectors`, sales channels, and polarity of safe-harbour phrases.
@Suite struct ClaimScopeTests {
    static let sectorsWithChannels = TestSupport.sectorsYAML + """

    channels:
      online:
        name: 網路通訊交易
        default: true
        signals: [宅配, 下單]
      store:
        name: 實體門市
        signals: [門市]
    """

    static let grammar = """
    lexicon: cure-claim
    description: 療效宣稱
    patterns:
      - '(?:治療|根治){{sentence-char}}{0,2}(?:{{diseases}})'
      - '(?:{{diseases}})(?:掰掰|說再見)'
    """

    static let diseases = "lexicon: diseases\ndescription: 疾病\nterms: [失眠, 糖尿病]"

    // MARK: - Grammars

    @Test func aGrammarIsSharedByEveryRuleThatNamesIt() throws {
        let set = try TestSupport.loadRules([
            "lexicons/cure-claim.yaml": Self.grammar, "lexicons/diseases.yaml": Self.diseases,
            "a/food.yaml": TestSupport.ruleYAML(id: "a.food", sectors: "[food]", body: "regex: ['{{cure-claim}}']",
                                                examples: "  match: [⟦根治糖尿病⟧, ⟦治療失眠⟧]\n  no-match: [糖尿病, 失眠]"),
            "a/any.yaml": TestSupport.ruleYAML(id: "a.any", body: "regex: ['{{cure-claim}}']\nexcept-sectors: [food]",
                                               examples: "  match: [⟦失眠掰掰⟧, ⟦糖尿病說再見⟧]\n  no-match: [失眠, 再見]"),
        ])
        #expect(set.lexicons["cure-claim"]?.isGrammar == true)
        let plain = TestSupport.lint("保證根治糖尿病，失眠掰掰", set)
        #expect(plain.findings.map(\.ruleID.rawValue) == ["a.any", "a.any"])
        #expect(plain.findings.map(\.matchedText) == ["根治糖尿病", "失眠掰掰"])
        // On a food document the food rule decides and the cross-sector rule steps aside.
        let food = TestSupport.lint("保證根治糖尿病，失眠掰掰", set, sectors: [Sector("food")])
        #expect(food.findings.map(\.ruleID.rawValue) == ["a.food", "a.food"])
    }

    @Test func grammarMistakesAreReportedAtTheGrammar() {
        let bad = TestSupport.loadErrors([
            "lexicons/diseases.yaml": Self.diseases,
            "lexicons/cure-claim.yaml": "lexicon: cure-claim\ndescription: x\npatterns: ['(?<verb>治療)(?:{{diseases}})']",
        ])
        #expect(bad.count == 1)
        #expect(bad.first?.file.hasSuffix("lexicons/cure-claim.yaml") == true)
        #expect(bad.first?.description.contains("named groups") == true)

        let cycle = TestSupport.loadErrors([
            "lexicons/g1.yaml": "lexicon: g1\ndescription: x\npatterns: ['a{{g2}}']",
            "lexicons/g2.yaml": "lexicon: g2\ndescription: x\npatterns: ['b{{g1}}']",
        ])
        #expect(cycle.contains { $0.description.contains("cycle") })

        let asTerms = TestSupport.loadErrors([
            "lexicons/cure-claim.yaml": Self.grammar, "lexicons/diseases.yaml": Self.diseases,
            "a/b.yaml": TestSupport.ruleYAML(id: "a.b", body: "terms: [$cure-claim]"),
        ])
        #expect(asTerms.contains { $0.description.contains("is a grammar") })

        let both = TestSupport.loadErrors([
            "lexicons/x.yaml": "lexicon: x\ndescription: x\nterms: [a]\npatterns: [b]",
        ])
        #expect(both.contains { $0.description.contains("not both") })
    }

    @Test func exceptSectorsMustBeKnownAndApart() {
        let unknown = TestSupport.loadErrors(["a/b.yaml": TestSupport.ruleYAML(id: "a.b", body: "terms: [保證有效]\nexcept-sectors: [fod]")])
        #expect(unknown.contains { $0.description.contains("except-sectors") })
        let overlap = TestSupport.loadErrors([
            "a/b.yaml": TestSupport.ruleYAML(id: "a.b", sectors: "[food]", body: "terms: [保證有效]\nexcept-sectors: [food]"),
        ])
        #expect(overlap.contains { $0.description.contains("both in `sectors` and in `except-sectors`") })
    }

    // MARK: - Claims first: defers-to and may-be-lawful-in

    static let sectorsWithLaws = """
    sectors:
      food:
        name: 食品
        strong: [膠囊]
        claims-law: 食品不得宣稱醫療效能（食品安全衛生管理法第28條第2項）。
      drug:
        name: 藥品
        strong: [藥錠]
        claims-law: 藥物廣告應經核准（藥事法第66條第1項）。
      alcohol:
        name: 酒類
        strong: [啤酒]
    """

    /// A food rule that knows one claim only, a drug rule that sees one, and a cross-sector
    /// rule with the whole grammar that defers to food and is lawful with a drug licence.
    func deferringSet(foodSeverity: String = "error") throws -> RuleSet {
        try TestSupport.loadRules([
            "sectors.yaml": Self.sectorsWithLaws,
            "lexicons/cure-claim.yaml": Self.grammar, "lexicons/diseases.yaml": Self.diseases,
            "a/food.yaml": TestSupport.ruleYAML(id: "a.food", severity: foodSeverity, sectors: "[food]", body: "terms: [根治糖尿病]",
                                                examples: "  match: [⟦根治糖尿病⟧, 保證⟦根治糖尿病⟧]\n  no-match: [糖尿病, 根治]"),
            "a/drug.yaml": TestSupport.ruleYAML(id: "a.drug", severity: "warning", sectors: "[drug]", body: "terms: [治療失眠]",
                                                examples: "  match: [⟦治療失眠⟧, 可以⟦治療失眠⟧]\n  no-match: [失眠, 治療]"),
            "a/any.yaml": TestSupport.ruleYAML(id: "a.any", severity: "warning",
                                               body: "regex: ['{{cure-claim}}']\ndefers-to: [food]\nmay-be-lawful-in: [drug]",
                                               examples: "  match: [⟦失眠掰掰⟧, ⟦根治糖尿病⟧]\n  no-match: [失眠, 再見]"),
        ])
    }

    @Test func aSectorRuleDecidesWhereItSeesTheClaimAndTheCrossSectorRuleReportsTheRest() throws {
        let set = try deferringSet()
        let text = "保證根治糖尿病，失眠掰掰"
        let plain = TestSupport.lint(text, set)
        #expect(plain.findings.map(\.ruleID.rawValue) == ["a.any", "a.any"])
        #expect(plain.findings.allSatisfy { $0.notes.isEmpty })
        // On food copy the food rule's finding stands for the claim it sees; the claim it does
        // not see is still reported, naming the food law.
        let food = TestSupport.lint(text, set, sectors: [Sector("food")])
        #expect(food.findings.map(\.ruleID.rawValue) == ["a.food", "a.any"])
        #expect(food.findings.map(\.matchedText) == ["根治糖尿病", "失眠掰掰"])
        #expect(food.findings.last?.severity == .warning)
        #expect(food.findings.last?.notes == ["食品：食品不得宣稱醫療效能（食品安全衛生管理法第28條第2項）。"])
        // A sector with no law to name and no rule of its own: the claim as on any copy.
        let alcohol = TestSupport.lint(text, set, sectors: [Sector("alcohol")])
        #expect(alcohol.findings.map(\.ruleID.rawValue) == ["a.any", "a.any"])
        #expect(alcohol.findings.allSatisfy { $0.notes.isEmpty && $0.severity == .warning })
    }

    @Test func onLicensedCopyTheClaimIsInfoToCheckTheLicence() throws {
        let set = try deferringSet()
        let drug = TestSupport.lint("治療失眠，根治糖尿病", set, sectors: [Sector("drug")])
        #expect(drug.findings.map(\.ruleID.rawValue) == ["a.drug", "a.any"])
        let rest = try #require(drug.findings.last)
        #expect(rest.matchedText == "根治糖尿病")
        #expect(rest.severity == .info)
        #expect(rest.notes.first == "藥品：藥物廣告應經核准（藥事法第66條第1項）。")
        #expect(rest.notes.last?.contains("請核對許可證") == true)
        // Food and drug both: the food law binds if it is food, so it stays a warning.
        let both = TestSupport.lint("根治糖尿病藥錠膠囊，失眠掰掰", set, sectors: [Sector("food"), Sector("drug")])
        let cross = both.findings.filter { $0.ruleID.rawValue == "a.any" }
        #expect(cross.map(\.matchedText) == ["失眠掰掰"])
        #expect(cross.first?.severity == .warning)
        #expect(cross.first?.notes.count == 2)
    }

    @Test func theSectorDecidesWhateverTheMinimumSeverityShown() throws {
        // The food rule is info: it still decides where it sees the claim, shown or not.
        let set = try deferringSet(foodSeverity: "info")
        let engine = PCRE2Engine()
        let shown = Linter(ruleSet: set).lint(TestSupport.document("保證根治糖尿病，失眠掰掰"),
                                              options: LintOptions(sectors: [Sector("food")], filter: RuleFilter(minSeverity: .warning)),
                                              scratch: engine.makeScratch())
        #expect(shown.findings.map(\.ruleID.rawValue) == ["a.any"])
        #expect(shown.findings.map(\.matchedText) == ["失眠掰掰"])
        let all = TestSupport.lint("保證根治糖尿病，失眠掰掰", set, sectors: [Sector("food")])
        #expect(all.findings.map(\.ruleID.rawValue) == ["a.food", "a.any"])
        #expect(all.findings.first?.severity == .info)
    }

    @Test func defersToIsForCrossSectorRulesAndNamesEachSectorOnce() {
        let sectorRule = TestSupport.loadErrors([
            "a/b.yaml": TestSupport.ruleYAML(id: "a.b", sectors: "[food]", body: "terms: [保證有效]\ndefers-to: [alcohol]"),
        ])
        #expect(sectorRule.contains { $0.description.contains("cross-sector rule") })
        let twice = TestSupport.loadErrors([
            "a/b.yaml": TestSupport.ruleYAML(id: "a.b", body: "terms: [保證有效]\ndefers-to: [food]\nexcept-sectors: [food]"),
        ])
        #expect(twice.contains { $0.description.contains("both in `except-sectors` and in `defers-to`") })
        let unknown = TestSupport.loadErrors([
            "a/b.yaml": TestSupport.ruleYAML(id: "a.b", body: "terms: [保證有效]\nmay-be-lawful-in: [drugs]"),
        ])
        #expect(unknown.contains { $0.description.contains("may-be-lawful-in") })
    }

    // MARK: - Channels

    func channelSet() throws -> RuleSet {
        try TestSupport.loadRules([
            "sectors.yaml": Self.sectorsWithChannels,
            "a/b.yaml": TestSupport.ruleYAML(id: "a.b", body: "terms: [恕不退貨]\nchannels: [online]",
                                             examples: "  match: [網購⟦恕不退貨⟧, 宅配⟦恕不退貨⟧]\n  no-match: [門市商品恕不退貨, 門市退貨]"),
        ])
    }

    @Test func theDefaultChannelIsAssumedAndTheFindingSaysSo() throws {
        let result = TestSupport.lint("拆封恕不退貨", try channelSet())
        #expect(result.channels.source == .assumed)
        #expect(result.findings.count == 1)
        #expect(result.findings.first?.notes.first?.contains("依預設視為網路通訊交易") == true)
        #expect(result.findings.first?.notes.first?.contains("channel: store") == true)
    }

    @Test func copyThatNamesOnlyAShopIsNotDistanceSelling() throws {
        let set = try channelSet()
        let store = TestSupport.lint("門市特價品恕不退貨", set)
        #expect(store.channels.channels == [Channel("store")])
        #expect(store.findings.isEmpty)
        #expect(store.diagnostics.contains { $0.code == .channelInferred })
        // Both named: the online duty applies, with no assumption to note.
        let both = TestSupport.lint("門市或宅配皆可，恕不退貨", set)
        #expect(both.findings.count == 1)
        #expect(both.findings.first?.notes.isEmpty == true)
    }

    @Test func frontMatterAndOptionsDecideTheChannel() throws {
        let set = try channelSet()
        let engine = PCRE2Engine()
        var document = TestSupport.document("宅配商品恕不退貨")
        document.metadata["channel"] = "store"
        let declared = Linter(ruleSet: set).lint(document, options: LintOptions(), scratch: engine.makeScratch())
        #expect(declared.channels.source == .frontMatter)
        #expect(declared.findings.isEmpty)
        var options = LintOptions()
        options.channels = [Channel("online")]
        let forced = Linter(ruleSet: set).lint(document, options: options, scratch: engine.makeScratch())
        #expect(forced.channels.source == .option)
        #expect(forced.findings.count == 1)
    }

    // MARK: - Polarity

    func polaritySet(at path: String = "lexicons/polarity.yaml") throws -> RuleSet {
        try TestSupport.loadRules([
            path: "negators:\n  terms: [$negations, 不適用, 避免]\nwithin: 8",
            "a/no-return.yaml": TestSupport.ruleYAML(id: "a.no-return", body: "terms: [恕不退貨]\nunless:\n  sentence-has: [七天鑑賞期]",
                                                     examples: "  match: [⟦恕不退貨⟧, 拆封⟦恕不退貨⟧]\n  no-match: [享七天鑑賞期，逾期恕不退貨, 退貨]"),
            "a/opt-out.yaml": TestSupport.ruleYAML(id: "a.opt-out", body: """
                requires:
                  trigger: [電子報]
                  all-of:
                    - label: 退訂方式
                      terms: [退訂]
                """, examples: "  match: [訂閱⟦電子報⟧, ⟦電子報⟧]\n  no-match: [訂閱電子報，隨時可退訂, 訂閱]"),
        ])
    }

    @Test func aNegatedSafeHarbourDoesNotCancelTheFinding() throws {
        let set = try polaritySet()
        #expect(TestSupport.lint("本商品享七天鑑賞期，逾期恕不退貨", set).findings.isEmpty)
        let negated = TestSupport.lint("本商品不適用七天鑑賞期，恕不退貨", set)
        #expect(negated.findings.map(\.matchedText) == ["恕不退貨"])
        // A negator in an earlier clause does not reach the phrase.
        #expect(TestSupport.lint("週末不出貨；享七天鑑賞期，逾期恕不退貨", set).findings.isEmpty)
    }

    @Test func aNegatedRequirementIsMissing() throws {
        let set = try polaritySet()
        #expect(TestSupport.lint("訂閱電子報，隨時可退訂", set).findings.isEmpty)
        let negated = TestSupport.lint("訂閱電子報後無法退訂", set)
        #expect(negated.findings.map(\.ruleID.rawValue) == ["a.opt-out"])
        // Another occurrence that is not negated still counts.
        #expect(TestSupport.lint("訂閱電子報後無法退訂紙本，電子版可隨時退訂", set).findings.isEmpty)
    }

    /// A warnings rule whose first item starts with a negator (禁止酒駕) and whose minors' item
    /// holds one (請勿): the negator belongs to its own warning, not to the warning after it.
    func warningsSet() throws -> RuleSet {
        try TestSupport.loadRules([
            "lexicons/polarity.yaml": "negators:\n  terms: [$negations, 禁止, 勿, 不]\nwithin: 8",
            "a/warnings.yaml": TestSupport.ruleYAML(id: "a.warnings", body: """
                requires:
                  trigger: [梅酒]
                  all-of:
                    - label: 禁止酒駕
                      terms: [禁止酒駕]
                    - label: 其他警語
                      terms: [飲酒過量有害健康, 未滿18歲請勿飲酒]
                """, examples: "  match: [⟦梅酒⟧, \"⟦梅酒⟧\\n禁止酒駕\"]\n  no-match: [\"梅酒\\n禁止酒駕，飲酒過量有害健康\", 果汁]"),
        ])
    }

    /// Every mark Taiwan labels set between two warnings, and none at all: the second warning
    /// is seen after 禁止酒駕, whole and in pieces. A negator that is no warning's own still
    /// negates (禁止飲酒過量有害健康 is no warning).
    @Test func aWarningsNegatorDoesNotNegateTheNextWarning() throws {
        let set = try warningsSet()
        let linter = Linter(ruleSet: set)
        let engine = PCRE2Engine()
        let separators = ["・", "·", "•", "‧", "･", "∙", "⋅", "／", "/", "|", "｜", "▎", "▍", "│", "┃", "丨", "-", "—", "～",
                          "★", "◆", "●", "■", "*", "+", "x", "(", "【", "】", " ", "　", "、", "，", "。", "\n", ""]
        for separator in separators {
            for second in ["飲酒過量有害健康", "未滿18歲請勿飲酒"] {
                let text = "梅酒新上架\n禁止酒駕" + separator + second + "\n"
                #expect(TestSupport.lint(text, set).findings.isEmpty, "\(separator) before \(second)")
                // Checked in pieces (PieceChecker): the warnings come after a long text.
                let long = String(repeating: "平凡的句子沒有問題。\n", count: 200) + text
                var options = LintOptions(sectors: [], inferSectors: false)
                options.pieceSize = 2_048
                options.pieceMargin = 0
                let pieced = linter.lint(TestSupport.document(long), options: options, scratch: engine.makeScratch())
                #expect(pieced.findings.isEmpty, "in pieces: \(separator) before \(second)")
            }
            // Reversed: the minors' warning's 勿 does not negate 禁止酒駕's item either.
            #expect(TestSupport.lint("梅酒新上架\n未滿18歲請勿飲酒" + separator + "禁止酒駕", set).findings.isEmpty,
                    "\(separator) after the minors' warning")
        }
        // A negator of no warning still negates what follows it.
        #expect(TestSupport.lint("梅酒新上架\n禁止酒駕\n不飲酒過量有害健康", set).findings.map(\.ruleID.rawValue) == ["a.warnings"])
    }

    /// The negators are data beside the lexicons (`lexicons/polarity.yaml`); an older pack's
    /// top-level `polarity.yaml` is read the same way. Neither becomes a lexicon.
    @Test(arguments: ["lexicons/polarity.yaml", "polarity.yaml"])
    func theNegatorsAreReadFromEitherPlace(path: String) throws {
        let set = try polaritySet(at: path)
        #expect(set.polarity != nil)
        #expect(TestSupport.lint("本商品不適用七天鑑賞期，恕不退貨", set).findings.map(\.matchedText) == ["恕不退貨"])
        let contents = try RuleSetLoader.scan(folder: TestSupport.rulesFolder)
        #expect(contents.polarity?.hasSuffix("lexicons/polarity.yaml") == true)
        #expect(!contents.lexicons.contains { $0.hasSuffix("/polarity.yaml") })
    }

    @Test func withoutAPolarityFileEveryPhraseCounts() throws {
        let set = try TestSupport.loadRules([
            "a/no-return.yaml": TestSupport.ruleYAML(id: "a.no-return", body: "terms: [恕不退貨]\nunless:\n  sentence-has: [七天鑑賞期]",
                                                     examples: "  match: [⟦恕不退貨⟧, 拆封⟦恕不退貨⟧]\n  no-match: [享七天鑑賞期，逾期恕不退貨, 退貨]"),
        ])
        #expect(set.polarity == nil)
        #expect(TestSupport.lint("本商品不適用七天鑑賞期，恕不退貨", set).findings.isEmpty)
    }
}
