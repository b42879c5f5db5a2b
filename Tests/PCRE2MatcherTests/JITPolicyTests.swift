import Dispatch
import Foundation
import LintCore
import PCRE2Matcher
import Testing

/// The JIT is only a faster way to run the same pattern: every policy must find the same
/// matches, and a lazily compiled pattern switches to the JIT once it has done enough work,
/// also when several threads search with it at once.
@Suite struct JITPolicyTests {
    static let patterns = [
        "(?<!不能|無法)治療(?!師)",
        #"(?:首獎|頭獎)[^。!?\r\n]{0,16}?(?<amount>[0-9](?:[0-9]|,(?=[0-9]{3}))*)\s*萬?元"#,
        "[台臺]灣第[一1]",
        #"\b(?:beer|whisky)\b"#,
        #"(?:保證|我們)[^。]{0,4}?\K有效"#,
        #"(好)\1棒"#,
    ]
    static let pieces = ["治療", "治療師", "不能", "無法", "首獎", "頭獎", "1,000,000", "600", "萬", "元", "。", "\n", " ",
                         "台灣", "臺灣", "第一", "第1", "beer", "WHISKY", "保證", "我們", "有效", "好", "棒", "a"]

    /// Deterministic text: `count` pieces chosen by a linear congruential sequence.
    static func text(seed: UInt64, count: Int) -> String {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return pieces[Int(state >> 33) % pieces.count]
        }.joined()
    }

    /// Every match with its groups, resuming one byte after each match start.
    static func matches(_ regex: any CompiledRegex, _ text: String, engine: PCRE2Engine) throws -> [RegexMatch] {
        let buffer = UTF8Buffer(text)
        let scratch = engine.makeScratch()
        var out: [RegexMatch] = []
        var position = 0
        while position <= buffer.count, let m = try regex.firstMatch(in: buffer, from: position, scratch: scratch) {
            out.append(m)
            position = m.range.lowerBound + 1
        }
        return out
    }

    @Test(arguments: patterns)
    func everyPolicyFindsTheSameMatches(pattern: String) throws {
        let engines = [PCRE2Engine(jit: .never), PCRE2Engine(jit: .eager), PCRE2Engine(jit: .lazy(afterWork: 200))]
        let regexes = try engines.map { try $0.compile(pattern, caseInsensitive: true) }
        var found = 0
        for seed in 0..<60 {
            let text = Self.text(seed: UInt64(seed), count: 5 + seed * 3)
            let reference = try Self.matches(regexes[0], text, engine: engines[0])
            for index in 1..<engines.count {
                #expect(try Self.matches(regexes[index], text, engine: engines[index]) == reference, "\(pattern) on \(text)")
            }
            found += reference.count
        }
        #expect(found > 0, "the text never matched \(pattern); the test would prove nothing")
        // The lazy pattern searched far more than 200 positions: it runs on the JIT now.
        #expect((regexes[2] as? PCRE2Regex)?.isJITCompiled == PCRE2Engine.jitAvailable)
    }

    @Test func aLazyPatternIsJITCompiledOnlyOnceItHasDoneEnoughWork() throws {
        let buffer = UTF8Buffer(String(repeating: "今天", count: 30) + "保證有效")   // 192 bytes
        // Each whole-buffer search is 193 start positions plus the fixed cost of a search.
        let perSearch = 193 + PCRE2Engine.JITPolicy.searchCost
        let engine = PCRE2Engine(jit: .lazy(afterWork: 3 * perSearch))
        let regex = try #require(try engine.compile("保證有效", caseInsensitive: false) as? PCRE2Regex)
        let scratch = engine.makeScratch()
        #expect(!regex.isJITCompiled)
        for _ in 0..<2 { #expect(try regex.firstMatch(in: buffer, scratch: scratch)?.range == 180..<192) }
        #expect(!regex.isJITCompiled, "two searches, below the work of three")
        #expect(try regex.firstMatch(in: buffer, scratch: scratch)?.range == 180..<192)
        #expect(regex.isJITCompiled == PCRE2Engine.jitAvailable, "the third search reaches it")
        #expect(try regex.firstMatch(in: buffer, scratch: scratch)?.range == 180..<192)

        let never = try #require(try PCRE2Engine(jit: .never).compile("保證有效", caseInsensitive: false) as? PCRE2Regex)
        for _ in 0..<50 { _ = try never.firstMatch(in: buffer, scratch: scratch) }
        #expect(!never.isJITCompiled)
        let eager = try #require(try PCRE2Engine(jit: .eager).compile("保證有效", caseInsensitive: false) as? PCRE2Regex)
        #expect(eager.isJITCompiled == PCRE2Engine.jitAvailable)
    }

    /// A pattern that is slow in the interpreter is JIT-compiled once the interpreter has run
    /// it for about as long as compiling it takes, though its searches did little work in
    /// start positions; without `timed` it stays interpreted. Both find what the interpreter
    /// finds.
    @Test func aTimedLazyPatternIsJITCompiledOnceTheInterpreterHasTakenTheCompileTime() throws {
        // 3,000 distinct two-character words, each behind a lookahead, over 24 KB of CJK text
        // that holds one of them at its end: every start position tries the alternation.
        let words = (0..<3_000).map { index -> String in
            let first = Unicode.Scalar(0x4E00 + index % 1_500)!, second = Unicode.Scalar(0x5E00 + index / 1_500)!
            return String(Character(first)) + String(Character(second))
        }
        let pattern = #"(?=[\x{4E00}-\x{9FFF}])(?:"# + words.joined(separator: "|") + ")(?!好)"
        let text = String(repeating: "今天天氣晴朗", count: 1_365) + words[2_999]
        let buffer = UTF8Buffer(text)
        let budget = 1 << 40   // far more start positions than these searches make
        let timed = PCRE2Engine(jit: .lazy(afterWork: budget, timed: true))
        let untimed = PCRE2Engine(jit: .lazy(afterWork: budget))
        let reference = try PCRE2Engine(jit: .never).compile(pattern, caseInsensitive: false)
        let expected = try reference.firstMatch(in: buffer, scratch: PCRE2Engine(jit: .never).makeScratch())?.range
        #expect(expected == (buffer.count - 6)..<buffer.count)
        let fast = try #require(try timed.compile(pattern, caseInsensitive: false) as? PCRE2Regex)
        let slow = try #require(try untimed.compile(pattern, caseInsensitive: false) as? PCRE2Regex)
        let scratch = timed.makeScratch()
        // Each interpreted search here takes milliseconds; compiling is estimated from the
        // pattern's size (about 50 µs + 25 ns a byte): a few searches are enough.
        for _ in 0..<20 where !fast.isJITCompiled {
            #expect(try fast.firstMatch(in: buffer, scratch: scratch)?.range == expected)
            #expect(try slow.firstMatch(in: buffer, scratch: scratch)?.range == expected)
        }
        #expect(fast.isJITCompiled == PCRE2Engine.jitAvailable)
        #expect(!slow.isJITCompiled)
        #expect(try fast.firstMatch(in: buffer, scratch: scratch)?.range == expected)
    }

    /// Timed, a pattern's work budget grows with what compiling it costs
    /// (`JITPolicy.work`): after the cheap searches that JIT-compile a small pattern, a large
    /// alternation is still interpreted; both find what the interpreter finds.
    @Test func aTimedLargePatternIsInterpretedForMoreWorkThanASmallOne() throws {
        let words = (0..<3_000).map { index -> String in
            let first = Unicode.Scalar(0x4E00 + index % 1_500)!, second = Unicode.Scalar(0x5E00 + index / 1_500)!
            return String(Character(first)) + String(Character(second))
        }
        let buffer = UTF8Buffer("今天保證有效")
        let perSearch = buffer.count + 1 + PCRE2Engine.JITPolicy.searchCost
        let engine = PCRE2Engine(jit: .lazy(afterWork: 3 * perSearch, timed: true))
        let large = try #require(try engine.compile("(?:" + words.joined(separator: "|") + ")", caseInsensitive: false) as? PCRE2Regex)
        let small = try #require(try engine.compile("保證有效", caseInsensitive: false) as? PCRE2Regex)
        let scratch = engine.makeScratch()
        for _ in 0..<3 {
            #expect(try large.firstMatch(in: buffer, scratch: scratch) == nil)
            #expect(try small.firstMatch(in: buffer, scratch: scratch)?.range == 6..<18)
        }
        #expect(small.isJITCompiled == PCRE2Engine.jitAvailable, "three searches reach a small pattern's budget")
        #expect(!large.isJITCompiled, "a large pattern's budget is many times larger")
        #expect(PCRE2Engine.JITPolicy.work(100, size: 10) == 100)
        #expect(PCRE2Engine.JITPolicy.work(100, size: PCRE2Engine.JITPolicy.workSize) == 100)
        #expect(PCRE2Engine.JITPolicy.work(100, size: 40_000) > 1_000)
        #expect(PCRE2Engine.JITPolicy.work(Int.max, size: 40_000) > 0)
    }

    /// Threads searching one lazily compiled pattern at once: one of them makes the JIT
    /// copy while the others go on; every search finds what the interpreter finds.
    @Test func threadsSharingALazyPatternAllFindTheSameMatches() throws {
        let interpreter = PCRE2Engine(jit: .never)
        for pattern in Self.patterns {
            let texts = (0..<8).map { Self.text(seed: UInt64(100 + $0), count: 400) }
            let reference = try texts.map { try Self.matches(try interpreter.compile(pattern, caseInsensitive: true), $0, engine: interpreter) }
            let engine = PCRE2Engine(jit: .lazy(afterWork: 500))
            let shared = try engine.compile(pattern, caseInsensitive: true)
            let results = Results(count: texts.count)
            DispatchQueue.concurrentPerform(iterations: texts.count) { index in
                results.set(index, (try? Self.matches(shared, texts[index], engine: engine)) ?? [])
            }
            #expect(results.all == reference, "\(pattern)")
        }
    }

    @Test func catastrophicPatternsStopUnderTheInterpreterToo() throws {
        let engine = PCRE2Engine(jit: .never)
        let regex = try engine.compile("(?:a+)+$", caseInsensitive: true)
        let text = String(repeating: "a", count: 5000) + "b"
        #expect(throws: RegexMatchError.self) { _ = try regex.firstMatch(in: UTF8Buffer(text), scratch: engine.makeScratch()) }
    }
}

/// Results written by concurrent workers, one slot each.
private final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [[RegexMatch]]

    init(count: Int) { slots = Array(repeating: [], count: count) }

    func set(_ index: Int, _ value: [RegexMatch]) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    var all: [[RegexMatch]] {
        lock.lock()
        defer { lock.unlock() }
        return slots
    }
}
