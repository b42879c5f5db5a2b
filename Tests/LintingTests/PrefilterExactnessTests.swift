import AdCopyGenerator
import Extractors
import FileSelection
import Foundation
import LintCore
@testable import Linting
@testable import PatternSearch
import PCRE2Matcher
import RuleCompiler
import Testing
import TestSupport

/// The prefilter must never change a result: every test here runs the same input with
/// and without it and compares everything that comes out.
@Suite struct PrefilterExactnessTests {
    let engine = PCRE2Engine()

    // MARK: - One pattern: window search against whole-text search

    /// Every match `RuleRunner` would visit: after each match, resume one character after
    /// its start (the cancelled-match step, which visits the most matches).
    func allMatches(_ regex: any CompiledRegex, _ text: String, prefilter: Prefilter?) throws -> [RegexMatch] {
        let segment = PreparedSegment(index: 0, segment: TextSegment(text: text), normalizer: TextNormalizer(), prefilter: prefilter)
        var search = SegmentSearch(regex, in: segment)
        let scratch = engine.makeScratch()
        var out: [RegexMatch] = []
        var position = 0
        while position <= segment.buffer.count, let m = try search.firstMatch(from: position, scratch: scratch) {
            out.append(m)
            position = segment.buffer.offset(m.range.lowerBound, forwardBy: 1)
        }
        return out
    }

    static let trickyPatterns = [
        "(?:治療|保證有效)",
        "(?<!不能|無法)治療(?!師)",
        #"(?:首獎|頭獎)[^。!?\r\n]{0,16}?(?<amount>[0-9](?:[0-9]|,(?=[0-9]{3}))*)\s*萬?元"#,
        "(?:(?<a1>(?:治療|防|改善))[^。!?\\r\\n]{0,3}?(?<b1>(?:感冒|失眠|癌))|(?<b2>(?:感冒|失眠|癌))[^。!?\\r\\n]{0,3}?(?<a2>(?:治療|防|改善)))",
        "[台臺]灣第[一1]",
        #"\b(?:beer|whisky)\b"#,
        "desk",
        #"[0-9]+\s*%\s*有效"#,
        "(?:百分之)?百有效",
        "保.{0,5}證",
        "(?:a|b)+c",
        #"(好)\1棒"#,
        "第一(?:品牌|名)?",
        "(?<=保證)有效",
        "^保證",
        "有效$",
        #"(?:保證|我們)[^。]{0,4}?\K有效"#,
        // Whitespace gaps (free in windows) and one unbounded branch among bounded ones.
        #"(?<![婦美])(?:男|女)(?:性|生)?\s*(?:優先|佳)"#,
        #"(?:首獎|[^。]*頭獎)\s*價值"#,
        // Numbers (free in windows too) before the literal.
        #"(?:[0-9]+|[一二兩三十百千萬]+)\s*(?:天|公斤)(?:就好|見效)"#,
        #"瘦了?\s*[0-9](?:[0-9]|,(?=[0-9]{3}))*\s*公斤"#,
        #"限\s+(?:男|女)\s*性"#,
        // `\d` (a digit of any script under UCP) and 半 are free in windows as well.
        #"\d+\s*天(?:就好|見效)"#,
        #"[0-9一二三半]+\s*個?月(?:就好|見效)"#,
        // Branches that need two sets (a symptom, then an outcome): windows of both.
        #"(?:(?:感冒|失眠)[^。!?\r\n]{0,3}?(?:好了|不見了)|保證有效|(?:治療|防)[^。]{0,2}?(?:癌|失眠))"#,
        // A loose phrase, searched through the separator-stripped view.
        #"(?:治[\s.·・•\-_*~|/\\、,'"^+=#]{0,2}療|保[\s.·・•\-_*~|/\\、,'"^+=#]{0,2}證[\s.·・•\-_*~|/\\、,'"^+=#]{0,2}有[\s.·・•\-_*~|/\\、,'"^+=#]{0,2}效)"#,
    ]

    static let alphabet: [String] = ["治療", "治療師", "不能", "無法", "保證", "有效", "百", "百分之", "首獎", "頭獎", "價值",
                                     "600", "1,000,000", "萬", "元", "防", "感冒", "失眠", "癌", "改善", "。", "！", "\n", " ",
                                     "台灣", "臺灣", "第一", "第1", "品牌", "名", "beer", "BEER", "whisky", "Whiſky", "des\u{212A}",
                                     "desk", "DESK", "%", "好", "棒", "a", "b", "c", "，", "保", "證", "我們", "今天",
                                     "3%", "100% ", "%有效", "好好", "aab", "保證有效",
                                     "・", "  ", "、", "\n", "治 療", "保．證", "治・・・療",
                                     "男", "女", "性", "優先", "佳", "限", "婦", "\u{3000}", "\t", "好棒", "限 男", "限\u{3000}女", "女性", "男 性", "頭獎 1,000,000",
                                     "3", "12", "三", "十", "兩", "天", "公斤", "就好", "見效", "瘦了", "3天", "十公斤", "天就好", "瘦了12", "首獎3萬元", "頭獎 1,000,000元"]
    /// More pieces for the patterns with `\d` and 半: digits of other scripts and 三個半月.
    static let numberPieces = ["٣", "١٢", "３", "半", "個", "月", "三個半月", "٣天", "12個月"]
    /// Outcomes for the pattern with two sets by branch.
    static let outcomePieces = ["好了", "不見了", "感冒好了", "失眠不見了"]

    static func randomText(_ rng: inout SplitMix64, pieces: Int, from alphabet: [String] = alphabet) -> String {
        (0..<pieces).map { _ in rng.pick(alphabet) }.joined()
    }

    @Test(arguments: trickyPatterns)
    func windowSearchFindsTheSameMatchesAsWholeTextSearch(pattern: String) throws {
        let regex = try engine.compile(pattern, caseInsensitive: true)
        let prefilter = Prefilter(patterns: [regex])
        var rng = SplitMix64(seed: UInt64(pattern.utf8.count) &* 31 &+ 17)
        var checked = 0
        for _ in 0..<300 {
            let numbers = pattern.contains(#"\d"#) || pattern.contains("半")
            let pieces = Self.alphabet + (numbers ? Self.numberPieces : []) + (pattern.contains("好了") ? Self.outcomePieces : [])
            let text = Self.randomText(&rng, pieces: Int(rng.next() % 80), from: pieces)
            let expected = try allMatches(regex, text, prefilter: nil)
            let actual = try allMatches(regex, text, prefilter: prefilter)
            #expect(actual == expected, "pattern \(pattern) on \(text)")
            checked += expected.count
        }
        #expect(checked > 0, "the generated text never matched \(pattern); the test would prove nothing")
    }

    /// The tricky pattern with two sets by branch is searched through pairs of slots, so the
    /// test above compares that path with the whole-text search.
    @Test func thePatternWithTwoSetsIsSearchedByBranch() throws {
        let pattern = try #require(Self.trickyPatterns.first { $0.contains("好了") })
        let prefilter = Prefilter(patterns: [try engine.compile(pattern, caseInsensitive: true)])
        #expect(!prefilter.pairKeys.isEmpty)
        #expect(prefilter.targets[0].requirement?.terms.isEmpty == false)
    }

    // MARK: - A segment dense with literal hits

    /// Past a segment's window cap the close windows of each target are joined: memory stays
    /// about a byte per byte of text, no target falls back to a search of the whole segment,
    /// and every match is still found.
    @Test func aSegmentPastTheWindowCapGivesTheSameMatches() throws {
        // Five patterns that all require 第一 (as many rules share a phrase), and one rare one.
        let patterns = ["第一", "第一品牌?", "(?<!不是)第一名?", "(?:全台)?第一", "第一(?:家|個)?", "desk"]
        let regexes = try patterns.map { try engine.compile($0, caseInsensitive: true) }
        let prefilter = Prefilter(patterns: regexes)
        var rng = SplitMix64(seed: 20)
        // About 40,000 hits of 第一 in 300 KB: five windows each, far past the cap (18,750).
        let text = (0..<40_000).map { _ in rng.pick(["第一", "第一品牌", "不是第一名", "全台第一", "，", "。\n", "第一個"]) }.joined()
            + "desk"
        let buffer = UTF8Buffer(text)
        let candidates = prefilter.candidates(in: TextNormalizer().normalize(buffer: buffer).buffer)
        #expect(candidates.windowCount <= 2 * Prefilter.maxWindows(bytes: buffer.count))
        #expect(!candidates.isWhole, "windows are joined, not given up")
        var targets: [Int32] = []
        candidates.forEachTarget { targets.append($0) }
        #expect(Set(targets) == Set(0..<6))
        for (pattern, regex) in zip(patterns, regexes) {
            let expected = try allMatches(regex, text, prefilter: nil)
            #expect(try allMatches(regex, text, prefilter: prefilter) == expected, "\(pattern)")
            #expect(!expected.isEmpty)
        }
    }

    // MARK: - The shipped rule pack: whole documents

    static let ruleSet: RuleSet? = try? RuleSetLoader(engine: PCRE2Engine()).load(folders: [TestSupport.rulesFolder])

    func compare(_ document: ExtractedDocument, options: LintOptions, ruleSet: RuleSet,
                 fast: Linter, reference: Linter) -> Int {
        let a = fast.lint(document, options: options, scratch: engine.makeScratch())
        let b = reference.lint(document, options: options, scratch: engine.makeScratch())
        #expect(a.findings == b.findings, "findings differ in \(document.path)")
        #expect(a.diagnostics == b.diagnostics, "diagnostics differ in \(document.path)")
        #expect(a.sectors == b.sectors, "sectors differ in \(document.path)")
        return b.findings.count
    }

    @Test func theCorpusGivesTheSameResultsWithAndWithoutThePrefilter() throws {
        let ruleSet = try #require(Self.ruleSet)
        let fast = Linter(ruleSet: ruleSet), reference = Linter(ruleSet: ruleSet, usePrefilter: false)
        let reader = DocumentReader()
        let files = FileWalker(extensions: reader.knownExtensions).expand([TestSupport.corpusFolder]).files
        #expect(!files.isEmpty)
        let everySector = ruleSet.sectors.definitions.map(\.id)
        var findings = 0
        for path in files {
            let document = try reader.read(path: path)
            findings += compare(document, options: LintOptions(), ruleSet: ruleSet, fast: fast, reference: reference)
            findings += compare(document, options: LintOptions(sectors: everySector), ruleSet: ruleSet, fast: fast, reference: reference)
        }
        #expect(findings > 0)
    }

    /// One long line of stress copy (`AdCopyGenerator.stressLine`, the generator of `adlaw-bench
    /// corpus`: a fifth of the sentences risky, every lexicon term dropped in, full-width
    /// forms, zero-width characters and separators inside phrases), every sector: one segment
    /// dense enough that the prefilter flushes its slots as it scans.
    @Test func aLongLineOfStressCopyGivesTheSameResults() throws {
        let ruleSet = try #require(Self.ruleSet)
        let fast = Linter(ruleSet: ruleSet), reference = Linter(ruleSet: ruleSet, usePrefilter: false)
        var generator = AdCopyGenerator(seed: 18)
        let text = generator.stressLine(targetBytes: 600_000, extra: ruleSet.lexicons.values.flatMap(\.terms).sorted())
        let prefilter = try #require(fast.prefilter)
        let candidates = prefilter.candidates(in: fast.normalizer.normalize(text).buffer)
        #expect(candidates.slotFlushes > 0, "the text must be dense enough for the slots to be flushed")
        let everySector = ruleSet.sectors.definitions.map(\.id)
        let findings = compare(TestSupport.document(text, path: "stress.txt"), options: LintOptions(sectors: everySector),
                               ruleSet: ruleSet, fast: fast, reference: reference)
        #expect(findings > 1_000, "stress copy should trigger many rules; found \(findings)")
    }

    @Test func everyRuleExampleGivesTheSameResults() throws {
        let ruleSet = try #require(Self.ruleSet)
        let fast = Linter(ruleSet: ruleSet), reference = Linter(ruleSet: ruleSet, usePrefilter: false)
        let everySector = ruleSet.sectors.definitions.map(\.id)
        for rule in ruleSet.rules {
            for example in rule.examples {
                for variant in ExampleRunner.Variant.all {
                    let text = ExampleRunner.embed(example, in: variant).text
                    let document = TestSupport.document(text, path: "\(rule.id)")
                    _ = compare(document, options: LintOptions(sectors: everySector), ruleSet: ruleSet, fast: fast, reference: reference)
                }
            }
        }
    }

    /// Text made of every lexicon term, rule example and phrase the rules name, shuffled with
    /// filler, full-width forms, variants, zero-width characters and separators.
    @Test func generatedTextGivesTheSameResults() throws {
        let ruleSet = try #require(Self.ruleSet)
        let fast = Linter(ruleSet: ruleSet), reference = Linter(ruleSet: ruleSet, usePrefilter: false)
        var pieces: [String] = ruleSet.lexicons.values.flatMap(\.terms)
        pieces += ruleSet.rules.flatMap { $0.examples.map(\.text) }
        pieces += ["。", "！", "？", "，", "\n", "\r\n", " ", "　", "・", "\u{200B}", "臺", "爲", "１００％", "ＮＯ．１", "NT$", "首獎",
                   "價值", "8,000,000", "600萬", "一千萬", "元", "#業配", "資料來源：", "不能", "並非", "我們的產品", "今天下單",
                   "天然成分", "全家人", "立即購買", "K", "\u{212A}", "ſ"]
        var rng = SplitMix64(seed: 2026)
        let everySector = ruleSet.sectors.definitions.map(\.id)
        var findings = 0
        for round in 0..<40 {
            var text = ""
            for _ in 0..<(50 + Int(rng.next() % 150)) {
                var piece = rng.pick(pieces)
                if rng.next() % 7 == 0, let cut = piece.indices.dropFirst().randomElement(using: &rng) {
                    piece.insert(rng.pick([" ", "・", "\u{200B}", "．"]), at: cut) // a loose phrase
                }
                text += piece
            }
            let document = TestSupport.document(text, path: "generated-\(round).txt")
            findings += compare(document, options: LintOptions(), ruleSet: ruleSet, fast: fast, reference: reference)
            findings += compare(document, options: LintOptions(sectors: everySector), ruleSet: ruleSet, fast: fast, reference: reference)
        }
        #expect(findings > 100, "generated text should trigger many rules; found \(findings)")
    }
}

extension SplitMix64: RandomNumberGenerator {}
