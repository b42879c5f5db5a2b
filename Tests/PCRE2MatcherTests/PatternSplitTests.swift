import LintCore
@testable import PCRE2Matcher
import Testing
import TestSupport

/// Patterns too large for one PCRE2 code are held in pieces: the pieces find what the one
/// pattern finds (the same match, span and groups from every start and in every window),
/// a pattern far over the limit compiles, and one that cannot be cut says why.
@Suite struct PatternSplitTests {
    /// Splits every alternation it can, however small.
    let splitting = PCRE2Engine(splitAbove: 1)
    /// Never splits: the reference.
    let whole = PCRE2Engine(splitAbove: .max)

    static let texts = [
        "本產品保證治療失眠，治療師說可以根治。", "根治根治治療", "療效顯著、改善失眠", "abcABC本品治療 改善失眠",
        "不能治療", "可以治療的", "治療師治療", "", "本品本品改善", "XYZ-12 治 療", "ab本品根治abc", "首獎500萬元",
    ]

    /// Every match from every start offset (character boundaries) and in windows
    /// (`maxStart`), compared between the split pattern and the whole one.
    func expectSame(_ pattern: String, caseInsensitive: Bool = true, pieces: Int? = nil,
                    sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let split = try #require(try splitting.compile(pattern, caseInsensitive: caseInsensitive) as? PCRE2Regex)
        let one = try #require(try whole.compile(pattern, caseInsensitive: caseInsensitive) as? PCRE2Regex)
        #expect(one.pieceCount == 1, sourceLocation: sourceLocation)
        if let pieces { #expect(split.pieceCount == pieces, "\(pattern)", sourceLocation: sourceLocation) }
        #expect(split.pattern == pattern, sourceLocation: sourceLocation)
        #expect(split.groupNames == one.groupNames, sourceLocation: sourceLocation)
        #expect(split.canMatchEmpty == one.canMatchEmpty, sourceLocation: sourceLocation)
        let scratch = splitting.makeScratch()
        for text in Self.texts {
            let buffer = UTF8Buffer(text)
            let starts = [0] + text.utf8.indices.compactMap { index -> Int? in
                let offset = text.utf8.distance(from: text.utf8.startIndex, to: index)
                return text.utf8[index] & 0xC0 == 0x80 ? nil : offset
            } + [buffer.count]
            for start in Set(starts).sorted() {
                let a = try split.firstMatch(in: buffer, from: start, end: buffer.count, scratch: scratch)
                let b = try one.firstMatch(in: buffer, from: start, end: buffer.count, scratch: scratch)
                #expect(a == b, "\(pattern) on \(text) from \(start)", sourceLocation: sourceLocation)
                for width in [0, 3, 7] {
                    let c = try split.firstMatch(in: buffer, from: start, end: buffer.count, maxStart: start + width, scratch: scratch)
                    let d = try one.firstMatch(in: buffer, from: start, end: buffer.count, maxStart: start + width, scratch: scratch)
                    #expect(c == d, "\(pattern) on \(text) from \(start) within \(width)", sourceLocation: sourceLocation)
                }
            }
        }
    }

    @Test func aTopLevelAlternationFindsTheSameMatchesInPieces() throws {
        // Overlapping branches: leftmost first, then the earlier branch (治療師 before 治療 only by order).
        try expectSame("治療|治療師|根治|療", pieces: 4)
        try expectSame("(?:治療師|治療|根治|療效|改善失眠)", pieces: 5)
        try expectSame("(?i)abc|本品|ab", pieces: 3)
        try expectSame("療|治療|根治", pieces: 3)
    }

    @Test func groupsKeepTheirNumbersAndNames() throws {
        try expectSame("(治療)(師)?|(?<what>根治)|改善(失眠)", pieces: 3)
        try expectSame("本品(?:(?<a>治療)|根(治)|(?<b>改善)(失眠))(?<tail>.)?", pieces: 3)
        let split = try #require(try splitting.compile("(治療)|(?<what>根治)|(改善)", caseInsensitive: true) as? PCRE2Regex)
        let m = try #require(try split.firstMatch(in: UTF8Buffer("可以改善"), scratch: splitting.makeScratch()))
        #expect(m.groups.count == 4)
        #expect(m.group(1) == nil && m.group(2) == nil && m.group(3) == 6..<12)
        #expect(split.groupNames["what"] == 2)
    }

    @Test func anAlternationAfterAFixedPartIsDistributed() throws {
        try expectSame("本品(?:治療|根治|改善失眠)", pieces: 3)
        try expectSame("(?<!不能)(?:治療|根治)的?", pieces: 2)
        try expectSame("[a-z]{2}(?:c|本品|b)", pieces: 3)
        try expectSame("\\p{Han}++(?:治療|根治)", pieces: 2)
        try expectSame("本(?:品(?:治療|根治)|產品)", pieces: 3)
        try expectSame("(?:治療|根治)[^。]{0,5}?(?:失眠|療)", pieces: 2)
        // `\K` moves the reported start: pieces are compared where their searches started.
        try expectSame("本品\\K(?:治療|根治)|品根|治|本品[^。]{0,3}?\\K師", pieces: 5)
    }

    @Test func aPrefixThatCanMatchInSeveralWaysBlocksTheSplit() throws {
        // Distributing over the alternation would try every length of `.{0,3}?` with the
        // first branch before the second: another match. Such a pattern stays whole.
        for pattern in [".{0,3}?(?:治療|療)", "本*(?:治療|根治)", "(?:本|本品)?(?:治療|根治)", "(治療|根治)\\1", "(?:治療|根治)+"] {
            let regex = try #require(try splitting.compile(pattern, caseInsensitive: true) as? PCRE2Regex)
            #expect(regex.pieceCount == 1, "\(pattern)")
        }
        #expect(throws: PatternSplitter.Refusal.self) { try PatternSplitter("a*(?:b|c)").site() }
        #expect(throws: PatternSplitter.Refusal.self) { try PatternSplitter("a(?i)b|c") }
        #expect(throws: PatternSplitter.Refusal.self) { try PatternSplitter("(a)|\\1") }
        #expect(throws: PatternSplitter.Refusal.self) { try PatternSplitter("(*UTF)a|b") }
        #expect(throws: PatternSplitter.Refusal.self) { try PatternSplitter("a{,3}(?:b|c)") }
    }

    @Test func theParserReadsClassesEscapesAndQuotes() throws {
        try expectSame("[|)(]|\\|本品|\\Q(|)\\E|[\\]|]", pieces: 4)
        try expectSame("\\x{672C}品|[[:alpha:]]{3}|\\N", pieces: 3)
        try expectSame("(?#a|b)本品|治療(?i:a|b)", pieces: 3)
    }

    // MARK: Far over the limit

    /// The first match of a list of literals as PCRE2 chooses it: the earliest start, and
    /// there the first term in list order.
    static func reference(_ terms: [[UInt8]], in text: [UInt8]) -> Range<Int>? {
        for start in text.indices {
            for term in terms where text[start...].starts(with: term) { return start..<(start + term.count) }
        }
        return nil
    }

    @Test func aListThreeTimesOverTheLimitCompilesAndFindsWhatEachTermFinds() throws {
        let engine = PCRE2Engine()
        let list = TestSupport.hanTerms(12_000, seed: 42)
        // Longest first and then in order, as `terms:` writes them; the real words at the end.
        let words = list + ["保證有效", "治療", "治療師"]
        let pattern = "(?:" + words.joined(separator: "|") + ")"
        #expect(throws: RegexCompileError.self) { _ = try PCRE2Regex(pattern: pattern, caseInsensitive: true, jit: .never) }
        let regex = try #require(try engine.compile(pattern, caseInsensitive: true) as? PCRE2Regex)
        let sizes = regex.compiledSizes
        #expect(sizes.reduce(0, +) > 3 * PCRE2Engine.compiledSizeLimit)
        #expect(regex.pieceCount >= 4)
        #expect(sizes.allSatisfy { $0 <= PCRE2Engine.defaultSplitAbove })

        let bytes = words.map { Array($0.utf8) }
        let scratch = engine.makeScratch()
        var texts = ["本產品保證有效", "治療師", "沒有任何詞", list[0], "前文" + list[5_000] + list[11_999], list[11_999] + list[3]]
        for index in stride(from: 7, to: list.count, by: 997) { texts.append("文字" + list[index] + "治療" + list[index / 2]) }
        for text in texts {
            let buffer = UTF8Buffer(text)
            var start = 0
            while start <= buffer.count {
                let found = try regex.firstMatch(in: buffer, from: start, end: buffer.count, scratch: scratch)
                let expected = Self.reference(bytes, in: Array(text.utf8.dropFirst(start))).map { ($0.lowerBound + start)..<($0.upperBound + start) }
                #expect(found?.range == expected, "\(text) from \(start)")
                guard let found else { break }
                start = found.range.upperBound
            }
        }
    }

    @Test func aPatternOverTheLimitThatCannotBeSplitSaysWhy() throws {
        let pattern = "[a-z]*(?:" + TestSupport.hanTerms(12_000, seed: 42).joined(separator: "|") + ")"
        do {
            _ = try PCRE2Engine().compile(pattern, caseInsensitive: true)
            Issue.record("compiled")
        } catch {
            #expect(error.tooLarge)
            #expect(error.message.contains(PCRE2Engine.notSplitMarker))
            #expect(error.message.contains("`[a-z]*`"))
        }
    }

    @Test func splitPatternsAreSerializedWithTheirPieces() throws {
        let engine = PCRE2Engine(jit: .never, splitAbove: 1)
        let patterns = ["治療|根治|(?<x>改善)失眠", "本品", "(a)|b|(c)"]
        let regexes = try patterns.map { try #require(try engine.compile($0, caseInsensitive: true) as? PCRE2Regex) }
        #expect(regexes.map(\.pieceCount) == [3, 1, 3])
        let bytes = try #require(PCRE2Engine.serialize(regexes))
        let read = try #require(engine.deserialize(bytes[...], sources: patterns.map { ($0, true) }))
        let back = read.compactMap { $0 as? PCRE2Regex }
        #expect(back.map(\.pieceCount) == [3, 1, 3])
        #expect(back.map(\.pattern) == patterns)
        #expect(back.map(\.groupNames) == regexes.map(\.groupNames))
        let scratch = engine.makeScratch()
        for text in ["可以改善失眠", "本品根治", "xbc", "c"] {
            for (a, b) in zip(regexes, back) {
                #expect(try a.firstMatch(in: UTF8Buffer(text), scratch: scratch) == b.firstMatch(in: UTF8Buffer(text), scratch: scratch))
            }
        }
        // Sources that do not fit the codes are refused.
        #expect(engine.deserialize(bytes[...], sources: patterns.dropLast().map { ($0, true) }) == nil)
        #expect(engine.deserialize(bytes[...], sources: (patterns + ["x"]).map { ($0, true) }) == nil)
    }
}
