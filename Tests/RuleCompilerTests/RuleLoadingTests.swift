import LintCore
import RuleCompiler
import Testing
import TestSupport

/// Rule files that load, and what they compile to.
@Suite struct RuleLoadingTests {
    @Test func loadsAValidRuleWithItsMetadata() throws {
        let set = try TestSupport.loadRules([
            "food/guarantee.yaml": TestSupport.ruleYAML(id: "food.guarantee", sectors: "[food]", body: "terms: [保證有效]"),
        ])
        let rule = try #require(set.rule(RuleID("food.guarantee")))
        #expect(rule.severity == .error)
        #expect(rule.sectors == [Sector("food")])
        #expect(rule.references.first?.pcode == "L0040001")
        #expect(rule.pattern.kind == .terms)
        #expect(rule.examples.count == 4)
        #expect(rule.examples[0].spans == [0..<12])
        #expect(rule.origin.line == 1)
    }

    @Test func termsAreTriedLongestFirst() throws {
        let set = try TestSupport.loadRules([
            "a/terms.yaml": TestSupport.ruleYAML(id: "a.terms", body: "terms: [保證, 保證有效]",
                                                 examples: "  match: [⟦保證有效⟧, ⟦保證⟧]\n  no-match: [有效, 證有]"),
        ])
        let result = TestSupport.lint("保證有效", set)
        #expect(result.findings.map(\.matchedText) == ["保證有效"])
    }

    @Test func expandsLexiconsInTermsAndRegexes() throws {
        let set = try TestSupport.loadRules([
            "lexicons/claims.yaml": "lexicon: claims\ndescription: 測試\nterms: [保證有效, $more]\n",
            "lexicons/more.yaml": "lexicon: more\ndescription: 測試\nterms: [根治]\n",
            "a/lex.yaml": TestSupport.ruleYAML(id: "a.lex", body: "regex: '本品{{claims}}'",
                                               examples: "  match: [⟦本品根治⟧, ⟦本品保證有效⟧]\n  no-match: [根治, 本品]"),
        ])
        #expect(TestSupport.lint("本品根治", set).findings.count == 1)
        #expect(set.lexicons["claims"]?.terms == ["保證有效", "根治"])
    }

    @Test func nearMatchesInEitherOrderWithinTheDistance() throws {
        let set = try TestSupport.loadRules([
            "a/near.yaml": TestSupport.ruleYAML(id: "a.near", body: "near:\n  a: [改善]\n  b: [便秘]\n  within: 2",
                                                examples: "  match: [⟦改善便秘⟧, ⟦便秘快改善⟧]\n  no-match: [改善作息後再說便秘, 便秘。改善]"),
        ])
        #expect(TestSupport.lint("有效改善了便秘", set).findings.map(\.matchedText) == ["改善了便秘"])
        #expect(TestSupport.lint("便秘都改善", set).findings.map(\.matchedText) == ["便秘都改善"])
        #expect(TestSupport.lint("改善作息後再說便秘", set).findings.isEmpty)
        #expect(TestSupport.lint("便秘。改善", set).findings.isEmpty)
    }

    @Test func nearWithFixedOrderIgnoresTheReverse() throws {
        let set = try TestSupport.loadRules([
            "a/near.yaml": TestSupport.ruleYAML(id: "a.near", body: "near:\n  a: [改善]\n  b: [便秘]\n  within: 2\n  order: a-then-b",
                                                examples: "  match: [⟦改善便秘⟧, ⟦改善了便秘⟧]\n  no-match: [便秘快改善, 便秘改善]"),
        ])
        #expect(TestSupport.lint("便秘改善", set).findings.isEmpty)
    }

    @Test func looseTermsMatchAcrossSpacesAndPunctuation() throws {
        let set = try TestSupport.loadRules([
            "a/loose.yaml": TestSupport.ruleYAML(id: "a.loose", body: "loose: true\nterms: [保證有效]"),
        ])
        #expect(TestSupport.lint("保 證．有 效", set).findings.map(\.matchedText) == ["保 證．有 效"])
        #expect(TestSupport.lint("保證，真的很有效", set).findings.isEmpty)
    }

    @Test func regexesSeeNormalizedTextAndFullWidthLiteralsStayLiteral() throws {
        let set = try TestSupport.loadRules([
            "a/re.yaml": TestSupport.ruleYAML(id: "a.re", body: "regex: '第1名（[^）]+）'",
                                              examples: "  match: [⟦第１名（調查）⟧, ⟦第1名(調查)⟧]\n  no-match: [第一名, 第2名（調查）]"),
        ])
        #expect(TestSupport.lint("榮獲第１名（市調）", set).findings.map(\.matchedText) == ["第１名（市調）"])
    }

    @Test func requiresListsEveryMissingItem() throws {
        let set = try TestSupport.loadRules([
            "a/req.yaml": TestSupport.ruleYAML(
                id: "a.req", message: "缺少{missing}",
                body: "requires:\n  trigger: [啤酒]\n  all-of:\n    - label: 禁止酒駕\n      terms: [禁止酒駕]\n    - 飲酒過量有害健康",
                examples: "  match: [\"⟦啤酒⟧特價\", \"⟦啤酒⟧\\n禁止酒駕\"]\n  no-match: [\"啤酒\\n禁止酒駕 飲酒過量有害健康\", 果汁特價]"),
        ])
        let result = TestSupport.lint("啤酒買一送一\n禁止酒駕", set)
        #expect(result.findings.count == 1)
        #expect(result.findings[0].message == "缺少「飲酒過量有害健康」")
        #expect(TestSupport.lint("啤酒\n禁止酒駕\n飲酒過量有害健康", set).findings.isEmpty)
    }

    @Test func anyOfNeedsOnlyOneItem() throws {
        let set = try TestSupport.loadRules([
            "a/req.yaml": TestSupport.ruleYAML(
                id: "a.req", message: "缺少{missing}",
                body: "requires:\n  trigger: [分期]\n  any-of: [年百分率, 循環利率]",
                examples: "  match: [⟦分期⟧零利率, 12期⟦分期⟧]\n  no-match: [分期付款總費用年百分率2.5%, 分期循環利率15%]"),
        ])
        let result = TestSupport.lint("分期零利率", set)
        #expect(result.findings.map(\.message) == ["缺少「年百分率」或「循環利率」"])
    }

    @Test func whereConditionsCompareNamedGroupsAsAmounts() throws {
        let set = try TestSupport.loadRules([
            "a/gift.yaml": TestSupport.ruleYAML(
                id: "a.gift", message: "贈品{gift}超過{price}的一半",
                body: """
                regex: '買(?<price>{{number}})元送(?<gift>{{number}})元'
                where:
                  - group: price
                    at-least: 100
                  - group: gift
                    greater-than: { group: price, times: 0.5 }
                """,
                examples: "  match: [⟦買1000元送600元⟧, ⟦買１，０００元送８００元⟧]\n  no-match: [買1000元送500元, 買80元送60元]"),
        ])
        #expect(TestSupport.lint("買2萬元送1萬5000元", set).findings.map(\.message) == ["贈品1萬5000超過2萬的一半"])
        #expect(TestSupport.lint("買2萬元送1萬元", set).findings.isEmpty)
    }

    /// Sectors are named by id, name or alias (issue 15: `sector: 食品` switched the food rules
    /// off in silence); a name that could mean two sectors is refused.
    @Test func sectorsResolveByIdNameAndAliasAndAliasesAreUnique() throws {
        let sectors = TestSupport.sectorsYAML.replacingOccurrences(of: "    name: 食品\n", with: "    name: 食品\n    aliases: [食物, 飲品]\n")
        let set = try TestSupport.loadRules(["sectors.yaml": sectors, "food/a.yaml": TestSupport.ruleYAML(id: "food.a", body: "terms: [保證有效]")])
        let catalog = set.sectors
        #expect(catalog.resolve("food") == Sector("food"))
        #expect(catalog.resolve("FOOD") == Sector("food"))
        #expect(catalog.resolve("食品") == Sector("food"))
        #expect(catalog.resolve("飲品") == Sector("food"))
        #expect(catalog.resolve("酒類") == Sector("alcohol"))
        #expect(catalog.resolve("none") == Sector.none)
        #expect(catalog.resolve("all") == nil)
        #expect(catalog.resolve("fod") == nil)
        #expect(catalog.suggestion(for: "fod") == Sector("food"))
        #expect(catalog.suggestion(for: "alcohl") == Sector("alcohol"))

        let clash = TestSupport.sectorsYAML.replacingOccurrences(of: "    name: 酒類\n", with: "    name: 酒類\n    aliases: [飲品]\n")
            .replacingOccurrences(of: "    name: 食品\n", with: "    name: 食品\n    aliases: [飲品]\n")
        let errors = TestSupport.loadErrors(["sectors.yaml": clash])
        #expect(errors.contains { $0.description.contains("`飲品` names both") }, "\(errors)")
    }
}
