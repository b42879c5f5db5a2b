import LintCore
import Testing

@Suite struct TextNormalizerTests {
    let normalizer = TextNormalizer()

    func normalized(_ text: String) -> (String, NormalizedText) {
        let result = normalizer.normalize(text)
        return (result.buffer.string(0..<result.buffer.count), result)
    }

    @Test func foldsFullWidthFormsToASCII() {
        #expect(normalized("效果１００％").0 == "效果100%")
        #expect(normalized("ＮＯ．１品牌").0 == "NO.1品牌")
        #expect(normalized("真的！？").0 == "真的!?")
        #expect(normalized("全形　空白").0 == "全形 空白")
    }

    @Test func foldsVariantCharacters() {
        #expect(normalized("臺灣製造").0 == "台灣製造")
        #expect(normalized("保証有効").0 == "保證有效")
    }

    @Test func foldsCJKCompatibilityIdeographsToTheUnifiedOnes() {
        // 保留…權利 and 不會個別通知 as a legacy converter writes them (U+F9CD 留, U+F901 更, U+F9A8 令)
        let legacy = "本公司保\u{F9CD}變\u{F901}之權利、不另行通知、\u{F9A8}"
        let (text, result) = normalized(legacy)
        #expect(text == "本公司保留變更之權利、不另行通知、令")
        // same length in bytes and characters: spans on the original stay exact
        #expect(text.utf8.count == legacy.utf8.count)
        let originalBytes = Array(legacy.utf8)
        #expect(String(decoding: originalBytes[result.map.baseRange(12..<15)], as: UTF8.self) == "\u{F9CD}")
        // every pair is canonically equivalent (Swift's String == compares by NFC) and stays in the BMP
        for pair in TextNormalizer.cjkCompatibilityIdeographs {
            #expect(String(pair.from) == String(pair.to))
            #expect(pair.from.value >= 0xF900 && pair.from.value <= 0xFAFF && pair.to.value < 0x10000)
        }
        #expect(TextNormalizer.cjkCompatibilityIdeographs.count > 400)
        #expect(normalizer.normalizeLiteral("保\u{F9CD}") == "保留")
    }

    @Test func dropsZeroWidthCharacters() {
        #expect(normalized("保\u{200B}證\u{FEFF}有\u{00AD}效").0 == "保證有效")
    }

    @Test func mapsEveryNormalizedRangeBackToTheOriginalText() {
        let original = "😀第１名，保\u{200B}證！"
        let (text, result) = normalized(original)
        #expect(text == "😀第1名,保證!")
        let originalBytes = Array(original.utf8)
        func originalText(_ normalizedRange: Range<Int>) -> String {
            String(decoding: originalBytes[result.map.baseRange(normalizedRange)], as: UTF8.self)
        }
        let bytes = Array(text.utf8)
        let start = bytes.count - "保證!".utf8.count
        #expect(originalText(start..<(start + 6)) == "保\u{200B}證")
        #expect(originalText(4..<(4 + "第1名".utf8.count)) == "第１名")
        #expect(originalText(0..<bytes.count) == original)
    }

    @Test func leavesTextWithNothingToFoldAsAnIdentityMap() {
        let plain = normalizer.normalize("純中文沒有全形英數。")
        #expect(plain.map.isIdentity)
        #expect(plain.buffer.string(0..<plain.buffer.count) == "純中文沒有全形英數。")
        #expect(!normalizer.normalize("一般文案，有逗號").map.isIdentity)
    }

    @Test func normalizesLiteralsTheSameWay() {
        #expect(normalizer.normalizeLiteral("ＮＯ．１") == "NO.1")
        #expect(normalizer.normalizeLiteral("飲酒過量，有害健康") == "飲酒過量,有害健康")
        #expect(normalizer.normalizeLiteral("\u{200B}") == "")
    }
}
