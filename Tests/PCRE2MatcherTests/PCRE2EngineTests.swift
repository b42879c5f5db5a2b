import LintCore
import PCRE2Matcher
import Testing

@Suite struct PCRE2EngineTests {
    let engine = PCRE2Engine()

    func firstMatch(_ pattern: String, _ text: String, from: Int = 0, caseInsensitive: Bool = true) throws -> RegexMatch? {
        let regex = try engine.compile(pattern, caseInsensitive: caseInsensitive)
        return try regex.firstMatch(in: UTF8Buffer(text), from: from, scratch: engine.makeScratch())
    }

    @Test func matchesChineseWithByteOffsets() throws {
        let m = try #require(try firstMatch("保證(治癒|有效)", "本產品保證治癒失眠"))
        #expect(m.range == 9..<21)
        #expect(m.group(1) == 15..<21)
    }

    @Test func readsNamedGroups() throws {
        let regex = try engine.compile("首獎(?<amount>[0-9]+)萬", caseInsensitive: true)
        #expect(regex.groupNames["amount"] == 1)
        let m = try #require(try regex.firstMatch(in: UTF8Buffer("首獎600萬"), scratch: engine.makeScratch()))
        #expect(m.group(1) == 6..<9)
    }

    @Test func foldsLatinCaseWhenAsked() throws {
        #expect(try firstMatch("no\\.1", "NO.1品牌") != nil)
        #expect(try firstMatch("no\\.1", "NO.1品牌", caseInsensitive: false) == nil)
    }

    @Test func usesUnicodePropertiesForClasses() throws {
        let m = try #require(try firstMatch("\\p{Han}+", "abc中文def"))
        #expect(m.range == 3..<9)
    }

    @Test func lookbehindSeesTextBeforeTheStartOffset() throws {
        // Start at "治療" (offset 6): the lookbehind must still see "不能" before it.
        #expect(try firstMatch("(?<!不能)治療", "不能治療", from: 6) == nil)
        #expect(try firstMatch("(?<!不能)治療", "可以治療", from: 6) != nil)
    }

    @Test func endLimitHidesTheRestOfTheBuffer() throws {
        let regex = try engine.compile("有效", caseInsensitive: true)
        let buffer = UTF8Buffer("保證有效")
        #expect(try regex.firstMatch(in: buffer, from: 0, end: 6, scratch: engine.makeScratch()) == nil)
        #expect(try regex.firstMatch(in: buffer, from: 0, end: 12, scratch: engine.makeScratch()) != nil)
    }

    @Test func reportsCompileErrorsWithTheirOffsetInCharacters() {
        #expect(throws: RegexCompileError.self) { try engine.compile("保證(有效", caseInsensitive: true) }
        do {
            _ = try engine.compile("中文[abc", caseInsensitive: true)
        } catch {
            #expect(error.patternOffset == 6)
            #expect(error.message.contains("missing terminating ]"))
        }
    }

    @Test func knowsWhichPatternsCanMatchTheEmptyString() throws {
        #expect(try engine.compile("a*", caseInsensitive: true).canMatchEmpty)
        #expect(try engine.compile("(?:保證|)", caseInsensitive: true).canMatchEmpty)
        #expect(!(try engine.compile("保證+", caseInsensitive: true).canMatchEmpty))
    }

    @Test func stopsCatastrophicBacktrackingWithAMatchLimitError() throws {
        let regex = try engine.compile("(?:a+)+$", caseInsensitive: true)
        let text = String(repeating: "a", count: 5000) + "b"
        #expect(throws: RegexMatchError.matchLimit) {
            _ = try regex.firstMatch(in: UTF8Buffer(text), scratch: engine.makeScratch())
        }
    }

    @Test func growsMatchDataForPatternsWithManyGroups() throws {
        let pattern = (0..<40).map { _ in "(a)" }.joined()
        let m = try #require(try firstMatch(pattern, String(repeating: "a", count: 40)))
        #expect(m.groups.count == 41)
        #expect(m.group(40) == 39..<40)
    }

    @Test func exposesTheLibraryVersionAndJIT() {
        #expect(PCRE2Engine.libraryVersion.hasPrefix("10."))
        #expect(PCRE2Engine.jitAvailable)
    }
}
