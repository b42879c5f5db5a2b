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

/// The rule-set cache keeps its compiled patterns in PCRE2's serialized form: read back, they
/// match as the compiled ones do (named groups, case folding, JIT), the same patterns give
/// the same bytes, and bytes that do not hold the patterns named are refused.
@Suite struct PCRE2SerializationTests {
    let engine = PCRE2Engine()
    static let sources: [(pattern: String, caseInsensitive: Bool)] = [
        ("保證(治癒|有效)", true), ("首獎(?<amount>[0-9]+)萬", false), ("no\\.1", true), ("no\\.1", false), ("(?<=限)男\\s*性", true),
    ]

    @Test func patternsReadBackMatchAsCompiled() throws {
        let compiled = try Self.sources.map { try engine.compile($0.pattern, caseInsensitive: $0.caseInsensitive) }
        let bytes = try #require(PCRE2Engine.serialize(compiled))
        #expect(PCRE2Engine.serialize(compiled) == bytes)
        let again = try Self.sources.map { try engine.compile($0.pattern, caseInsensitive: $0.caseInsensitive) }
        #expect(PCRE2Engine.serialize(again) == bytes)
        let back = try #require(engine.deserialize(bytes[...], sources: Self.sources))
        #expect(back.map(\.pattern) == compiled.map(\.pattern))
        #expect(back.map(\.isCaseInsensitive) == compiled.map(\.isCaseInsensitive))
        #expect(back.map(\.canMatchEmpty) == compiled.map(\.canMatchEmpty))
        #expect(back[1].groupNames == ["amount": 1])
        let scratch = engine.makeScratch()
        for text in ["本產品保證治癒失眠", "首獎600萬", "NO.1品牌", "no.1品牌", "限男 性", "男性"] {
            let buffer = UTF8Buffer(text)
            for (a, b) in zip(compiled, back) {
                #expect(try a.firstMatch(in: buffer, scratch: scratch) == b.firstMatch(in: buffer, scratch: scratch), "\(a.pattern) on \(text)")
            }
        }
        // JIT-compiled copies of read-back code match the same.
        let eager = PCRE2Engine(jit: .eager)
        let jitted = try #require(eager.deserialize(bytes[...], sources: Self.sources))
        for (a, b) in zip(compiled, jitted) {
            #expect(try a.firstMatch(in: UTF8Buffer("保證有效 首獎7萬 NO.1"), scratch: scratch)
                == b.firstMatch(in: UTF8Buffer("保證有效 首獎7萬 NO.1"), scratch: eager.makeScratch()))
        }
    }

    @Test func bytesThatDoNotHoldThePatternsNamedAreRefused() throws {
        let compiled = try Self.sources.map { try engine.compile($0.pattern, caseInsensitive: $0.caseInsensitive) }
        let bytes = try #require(PCRE2Engine.serialize(compiled))
        #expect(engine.deserialize(bytes[...], sources: Array(Self.sources.dropLast())) == nil)
        var flipped = Self.sources
        flipped[0].caseInsensitive.toggle()
        #expect(engine.deserialize(bytes[...], sources: flipped) == nil)
        #expect(engine.deserialize(Array("not PCRE2 at all, not at all".utf8)[...], sources: Self.sources) == nil)
        #expect(engine.deserialize(bytes.prefix(8), sources: Self.sources) == nil)
    }
}
