@testable import PatternSearch
import AdCopyGenerator
import Testing
import TestSupport

@Suite struct LiteralAnalysisTests {
    func literals(_ pattern: String, caseless: Bool = true) -> Set<String>? {
        guard case let .success(requirement) = LiteralAnalysis.requirement(pattern: pattern, caseless: caseless) else { return nil }
        return Set(requirement.literals.map { String(decoding: $0, as: UTF8.self) })
    }

    func maxBefore(_ pattern: String) -> Int?? {
        guard case let .success(requirement) = LiteralAnalysis.requirement(pattern: pattern, caseless: true) else { return nil }
        return .some(requirement.maxBefore)
    }

    @Test func alternationOfTermsRequiresOneOfThem() {
        #expect(literals("(?:恕不退換|不接受退貨|拆封後不退)") == ["恕不退換", "不接受退貨", "拆封後不退"])
    }

    @Test func prefixAlternationBeforeAGapIsRequiredAtTheStart() {
        let pattern = #"(?:首獎|頭獎)[^。!?\r\n]{0,16}?(?<amount>[0-9]+)\s*元"#
        #expect(literals(pattern) == ["首獎", "頭獎"])
        #expect(maxBefore(pattern) == .some(0))
    }

    @Test func smallClassesExpandIntoCrossProducts() {
        #expect(literals("[台臺]灣第[一1]") == ["台灣第一", "臺灣第一", "台灣第1", "臺灣第1"])
    }

    @Test func lookaroundRequiresNothingButKeepsTheRest() {
        #expect(literals("(?<!不能|無法)治療(?!師)") == ["治療"])
        #expect(literals("(?=保證)") == nil)
    }

    @Test func optionalPartsAreNotRequired() {
        let found = literals("(?:百分之)?百有效")
        #expect(found != nil)
        #expect(found!.allSatisfy { $0.hasSuffix("百有效") || $0.contains("百有效") })
        #expect(literals("(?:保證)?") == nil)
        #expect(literals("a*") == nil)
    }

    @Test func nearPatternsRequireTheRarerSideOfEachOrder() {
        let pattern = "(?:(?<a1>(?:治療|防))[^。]{0,3}?(?<b1>(?:感冒|失眠))|(?<b2>(?:感冒|失眠))[^。]{0,3}?(?<a2>(?:治療|防)))"
        // 防 alone is far more common than either disease: both orders fall back to the diseases.
        #expect(literals(pattern) == ["感冒", "失眠"])
        // The disease can come after up to 3 + 2 characters in the first order.
        #expect(maxBefore(pattern) == .some(5))
    }

    @Test func branchesThatNeedTwoSetsKeepBothByBranch() throws {
        let pattern = "(?:(?:感冒|失眠|便秘)[^。]{0,6}?(?:好了|不見了|消失)|保證有效)"
        guard case let .success(requirement) = LiteralAnalysis.requirement(pattern: pattern, caseless: true) else {
            Issue.record("no requirement")
            return
        }
        func text(_ literals: [[UInt8]]) -> Set<String> { Set(literals.map { String(decoding: $0, as: UTF8.self) }) }
        #expect(text(requirement.literals) == ["感冒", "失眠", "便秘", "保證有效"])
        #expect(requirement.terms.count == 2)
        let paired = try #require(requirement.terms.first { !$0.second.isEmpty })
        #expect(text(paired.first.map { requirement.literals[$0] }) == ["感冒", "失眠", "便秘"])
        #expect(paired.firstMaxBefore.allSatisfy { $0 == 0 })
        // The outcome starts at most 2 + 6 characters after the match start.
        #expect(text(paired.second) == ["好了", "不見了", "消失"])
        #expect(paired.secondMaxBefore.allSatisfy { $0 == 8 })
        let alone = try #require(requirement.terms.first { $0.second.isEmpty })
        #expect(text(alone.first.map { requirement.literals[$0] }) == ["保證有效"])
    }

    @Test func aSecondSetFoundInsideEveryFirstLiteralIsNotKept() {
        // 不再咳嗽 holds 咳嗽: each hit would confirm itself.
        guard case let .success(requirement) = LiteralAnalysis.requirement(pattern: "(?:不再(?:咳嗽|頭痛)了|保證有效)", caseless: true) else {
            Issue.record("no requirement")
            return
        }
        #expect(requirement.terms.isEmpty)
    }

    @Test func caselessLettersIncludeTheirUnicodeFoldings() {
        #expect(literals("Beer") == ["beer"])
        #expect(literals("desk") == ["desk", "de\u{17F}k", "des\u{212A}", "de\u{17F}\u{212A}"])
        #expect(literals("(?i)ok") == ["ok", "o\u{212A}"])
    }

    @Test func crossProductsAreCapped() {
        let big = "[0-9][0-9][0-9]萬"
        #expect(literals(big) == ["萬"])
    }

    @Test func unboundedPrefixesHaveNoWindowBound() {
        #expect(maxBefore(".*保證") == .some(nil))
        #expect(maxBefore("[a-z]{1,3}萬") == .some(3))
    }

    @Test func aBoundedSetIsPreferredToAnUnboundedOne() {
        // Twenty diseases at the match start, or rarer outcomes of which one follows a word
        // of any length: that literal's window would reach back to the segment start, and
        // in a long segment one hit means searching nearly all of it.
        let diseases = ["感冒", "頭痛", "失眠", "便秘", "腹瀉", "胃痛", "牙痛", "咳嗽", "氣喘", "鼻炎",
                        "痛風", "貧血", "中風", "水腫", "濕疹", "痔瘡", "近視", "耳鳴", "暈眩", "發燒"]
        let pattern = "(?:\(diseases.joined(separator: "|")))(?:[^。]{0,6}改善|[^。]{0,4}[a-z]+天就好)"
        #expect(literals(pattern) == Set(diseases))
        #expect(maxBefore(pattern) == .some(0))
        // A bounded set that is hit at nearly every character costs more than a full search:
        // the word's first letter is within 4 characters of the start, but the rare
        // unbounded literal after it is chosen.
        #expect(maxBefore("[^。]{0,4}[a-z]+天就好") == .some(nil))
    }

    func bounds(_ pattern: String) -> [String: Int?] {
        guard case let .success(requirement) = LiteralAnalysis.requirement(pattern: pattern, caseless: true) else { return [:] }
        var out: [String: Int?] = [:]
        for (literal, bound) in zip(requirement.literals, requirement.literalMaxBefore) {
            out[String(decoding: literal, as: UTF8.self)] = .some(bound)
        }
        return out
    }

    @Test func eachBranchKeepsItsOwnWindow() {
        // One unbounded branch no longer makes every literal of the pattern unbounded.
        let pattern = #"(?:保證有效|[^。]*第一名)"#
        let expected: [String: Int?] = ["保證有效": 0, "第一名": nil]
        #expect(bounds(pattern) == expected)
        #expect(maxBefore(pattern) == .some(nil))
        // A literal in two branches keeps the weaker bound.
        let weaker: [String: Int?] = ["保證有效": maxBefore(".{0,3}保證有效") ?? nil]
        #expect(bounds("(?:保證有效|.{0,3}保證有效)") == weaker)
        #expect(weaker["保證有效"] != .some(nil) && weaker["保證有效"] != .some(0))
    }

    @Test func whitespaceGapsCostNoCharacters() {
        // `\s*` and classes of separators count for nothing: the bound is in other characters.
        #expect(bounds(#"限\s*男\s*性\s*專用"#).values.allSatisfy { $0 != nil })
        // However many spaces there are, a match has at most three other characters.
        for pattern in [#"[a-c]好元"#, #"[a-c]\s*好\s*元\s*"#, #"[a-c][ \t]+好\s+元[\s・]*"#] {
            let node = try? RegexSyntaxParser.parse(pattern, caseless: true).0
            #expect(node.map { LiteralAnalysis.analyse($0, stripped: false).maxLength } == .some(3), "\(pattern)")
        }
        #expect(maxBefore(#".\s*保"#) == .some(1))
    }

    @Test func windowsWalkBackOverSeparatorsForFree() {
        let text = Array("買 個・送  個".utf8)
        text.withUnsafeBufferPointer { buffer in
            let end = text.count - 3 // the second 個
            // Zero characters back: still every separator right before the literal.
            #expect(LooseSeparators.windowStart(in: buffer, before: end, solid: 0) == 13) // the spaces after 送
            #expect(LooseSeparators.windowStart(in: buffer, before: end, solid: 1) == 7) // 送 and the ・ before it
            #expect(LooseSeparators.windowStart(in: buffer, before: end, solid: 2) == 3) // 個 and the space before it
            #expect(LooseSeparators.windowStart(in: buffer, before: end, solid: 3) == 0)
            #expect(LooseSeparators.windowStart(in: buffer, before: end, solid: 9) == 0)
        }
    }

    @Test func numbersCostNoCharactersEither() {
        // A literal after a number of any length keeps a bound: digits and Chinese numerals
        // are walked back over for free, like separators.
        // (The bounds are not the tightest: a literal across a seam is bounded by the
        // length of all before the seam.)
        for pattern in [#"(?:[0-9]+|[一二兩三十百千萬]+)\s*天就好"#, #"瘦了?[0-9](?:[0-9]|,(?=[0-9]{3}))*\s*公斤"#,
                        #"\d+\s*天就好"#, #"[0-9一二三半]+\s*個?月就好"#] {
            #expect((maxBefore(pattern) ?? nil).map { $0 <= 3 } == true, "\(pattern)")
        }
        let text = Array("瘦了 1,200三十公斤".utf8)
        text.withUnsafeBufferPointer { buffer in
            let end = text.count - 6 // 公斤
            #expect(LooseSeparators.windowStart(in: buffer, before: end, solid: 0) == 6) // after 了
            #expect(LooseSeparators.windowStart(in: buffer, before: end, solid: 1) == 3) // 了
        }
        // `\d` under UCP matches a digit of any script, 半 is part of 三個半月: both are free.
        let other = Array("瘦了٣٠半公斤".utf8)
        other.withUnsafeBufferPointer { buffer in
            let end = other.count - 6 // 公斤
            #expect(LooseSeparators.windowStart(in: buffer, before: end, solid: 0) == 6) // after 了
        }
        #expect(LooseSeparators.isUncounted(UInt32(0x0663)) && LooseSeparators.isUncounted(UInt32(0xFF13)))
        #expect(!LooseSeparators.isUncounted(UInt32(0x6CBB)) && !LooseSeparators.isUncounted(UInt32(0x0661 + 0x100))) // 治, a letter
    }

    /// `isUncounted` answers punctuation, kana, Hangul and full-width forms without asking
    /// Swift's Unicode properties: the same answer as asking them, for every BMP scalar
    /// but the CJK numerals it counts as free on purpose.
    @Test func uncountedCharactersAreSeparatorsDigitsAndNumerals() {
        let numerals = Set("〇一七万三九二五八六兩十千半四億百萬零".unicodeScalars.map(\.value))
        for v in UInt32(0x80)...0xFFFF where !(0xD800...0xDFFF).contains(v) && !numerals.contains(v) {
            let expected = LooseSeparators.contains(v) || LooseSeparators.isDecimalDigit(v)
            if LooseSeparators.isUncounted(v) != expected { Issue.record("U+\(String(v, radix: 16))"); return }
        }
    }

    @Test func constructsThatChangeWhereAMatchStartsAreNotAnalysed() {
        for pattern in [#"\G保證"#, "(*COMMIT)保證", "(?(1)a|b)保證", "(?x) 保 證", "保證{,3}"] {
            #expect(literals(pattern) == nil, "\(pattern)")
        }
    }

    static let gap = #"[\s.·・•\-_*~|/\\、,'"^+=#]{0,2}"#

    func view(_ pattern: String) -> LiteralRequirement.View? {
        guard case let .success(requirement) = LiteralAnalysis.requirement(pattern: pattern, caseless: true) else { return nil }
        return requirement.view
    }

    @Test func loosePhrasesAreWholeLiteralsInTheStrippedView() {
        let loose = "(?:啤\(Self.gap)酒|威\(Self.gap)士\(Self.gap)忌)"
        #expect(literals(loose) == ["啤酒", "威士忌"])
        #expect(view(loose) == .stripped)
        // The window reaches back over the whole match, counted in characters that are not
        // separators (啤酒): the gaps are separators, which windows cross for free.
        #expect(maxBefore("啤\(Self.gap)酒") == .some(2))
        // Ordinary phrases stay in the raw view.
        #expect(view("(?:啤酒|威士忌)") == .raw)
    }

    @Test func separatorsInsideLiteralsVanishInTheStrippedView() {
        // A literal comma is a separator: in the stripped view the phrase reads 飲酒過量有害健康.
        let pattern = "飲\(Self.gap)酒\(Self.gap)過\(Self.gap)量\(Self.gap),\(Self.gap)有\(Self.gap)害"
        #expect(view(pattern) == .stripped)
        #expect(literals(pattern) == ["飲酒過量有害"])
    }

    @Test func theStrippedViewMapsBackToTheText() {
        // The full-width comma is not a separator here (the normalizer folds it to `,` first).
        let text = Array("治 ・療，飲酒".utf8)
        text.withUnsafeBufferPointer { buffer in
            let view = StrippedView(buffer)
            #expect(String(decoding: view.bytes, as: UTF8.self) == "治療，飲酒")
            #expect(view.rawOffset(0) == 0)
            #expect(view.rawOffset(3) == 7) // 療 after a space and ・
            #expect(view.rawOffset(6) == 10)
        }
    }

    /// The stripped view is scanned in pieces (a large segment is not copied whole): the hits,
    /// with their offsets in the text, are those of a scan of the whole view, also for
    /// literals across the seams and pieces cut inside a character.
    @Test(arguments: [4, 5, 7, 16, 64])
    func theStrippedViewScannedInPiecesFindsTheSameHits(chunk: Int) {
        let scanner = LiteralScanner(literals: ["治療", "保證有效", "whisky", "飲酒過量"].map { Array($0.utf8) })
        var rng = SplitMix64(seed: UInt64(chunk))
        let pieces = ["治", "療", "保證", "有效", " ", "・", "\u{3000}", "whi", "sky", "飲酒", "過量", "好", "。", "a", "  "]
        var found = 0
        for _ in 0..<50 {
            let text = Array((0..<Int(rng.next() % 120)).map { _ in rng.pick(pieces) }.joined().utf8)
            text.withUnsafeBufferPointer { buffer in
                let whole = StrippedView(buffer)
                var expected: [[Int]] = []
                whole.bytes.withUnsafeBufferPointer { scanner.scan($0) { expected.append([Int($0), whole.rawOffset($1)]) } }
                var actual: [[Int]] = []
                StrippedView.scan(buffer, with: scanner, chunk: chunk) { actual.append([Int($0), $1]) }
                #expect(actual == expected, "\(String(decoding: text, as: UTF8.self))")
                found += expected.count
            }
        }
        #expect(found > 30, "the generated text should hold many literals; found \(found)")
    }

    @Test func resettingTheReportedStartKeepsTheLiterals() {
        #expect(literals(#"(?:預約|施打)[^。]{0,6}?\K(?:雷射|抽脂)"#) == ["預約", "施打"])
    }

    @Test func classesThatAreLargeOrNegatedMatchAnything() {
        #expect(literals(#"[^。]{2}"#) == nil)
        #expect(literals(#"\d+%"#) == ["%"])
        #expect(literals(#"[\s\S]保證"#) == ["保證"])
    }

    @Test func backreferencesAndRecursionAreOpaque() {
        // The group before the backreference is a prefix; what follows it is not bounded.
        #expect(literals(#"(好)\1棒"#) == ["好"])
        #expect(literals(#"(.)\1棒"#) == ["棒"])
        #expect(maxBefore(#"(.)\1棒"#) == .some(nil))
        #expect(literals(#"(?:a(?R)?b)"#) != nil)
    }
}
