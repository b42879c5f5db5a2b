import LintCore
import Testing

@Suite struct DirectiveTextTests {
    @Test func readsKeywordRulesAndReason() throws {
        let parsed = try #require(DirectiveText.parse("  adlaw-disable-next-line food.medical-efficacy, fair-trade.* -- 衛部核准 A001 號  "))
        #expect(parsed.keyword == .disableNextLine)
        #expect(parsed.rules == ["food.medical-efficacy", "fair-trade.*"])
        #expect(parsed.reason == "衛部核准 A001 號")
        #expect(parsed.target == nil)
    }

    @Test func aReasonIsOnlyTextAfterASpacedDoubleDash() throws {
        #expect(DirectiveText.parse("adlaw-disable-line a.b")?.reason == nil)
        #expect(DirectiveText.parse("adlaw-disable-line a.b --")?.reason == nil)
        #expect(DirectiveText.parse("adlaw-disable-line a.b --   ")?.reason == nil)
        #expect(DirectiveText.parse("adlaw-disable-line a.b -- x -- y")?.reason == "x -- y")
        // `a-b--c` inside a rule glob or a trailing `-->` is not a reason separator.
        #expect(DirectiveText.parse("adlaw-disable a.b -->")?.reason == nil)
    }

    @Test func fullWidthSeparatorsBetweenRulesAreAccepted() {
        #expect(DirectiveText.parse("adlaw-disable a.b，c.d　e.f -- r")?.rules == ["a.b", "c.d", "e.f"])
    }

    /// Issue 15: a zh-TW input method types `——` for `--`; that reason was read as rule ids
    /// and the suppression refused for having no reason.
    @Test func fullWidthFormsAreFoldedAsEverywhereElse() throws {
        for separator in ["——", " —— ", "—", " － － ".replacingOccurrences(of: " ", with: ""), "──", "―", "　--　"] {
            let parsed = try #require(DirectiveText.parse("adlaw-disable-next-line food.medical-efficacy\(separator)衛部健食字第A00000號"),
                                      "\(separator)")
            #expect(parsed.keyword == .disableNextLine, "\(separator)")
            #expect(parsed.rules == ["food.medical-efficacy"], "\(separator)")
            #expect(parsed.reason == "衛部健食字第A00000號", "\(separator)")
        }
        let wide = try #require(DirectiveText.parse("ａｄｌａｗ－ｄｉｓａｂｌｅ　ｆｏｏｄ．ｍｅｄｉｃａｌ－ｅｆｆｉｃａｃｙ、fair-trade.* ＠ １２ －－ 臺灣核准"))
        #expect(wide.keyword == .disable)
        #expect(wide.rules == ["food.medical-efficacy", "fair-trade.*"])
        #expect(wide.target == "12")
        // The reason is kept as written (no variant folding of 臺).
        #expect(wide.reason == "臺灣核准")
    }

    @Test func unknownWordsAreKeptForTheMessage() throws {
        let parsed = try #require(DirectiveText.parse("adlaw-disable-nextline a.b -- r"))
        #expect(parsed.keyword == nil)
        #expect(parsed.word == "adlaw-disable-nextline")
    }

    @Test func textThatIsNotADirectiveIsIgnored() {
        #expect(DirectiveText.parse("ruleid: food.medical-efficacy") == nil)
        #expect(DirectiveText.parse("TODO adlaw-disable a.b -- r") == nil)
    }

    @Test func sidecarTargetsAreRead() {
        #expect(DirectiveText.parse("adlaw-disable a.b @ Sheet1!B3 -- r")?.target == "Sheet1!B3")
        #expect(DirectiveText.parse("adlaw-disable a.b @ 12-20 -- r")?.rules == ["a.b"])
    }
}
