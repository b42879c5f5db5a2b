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
