/// Reads amounts as copy writes them: `5,000,000`, `500萬`, `1.2億`, `5百萬`, `五百萬`,
/// `1億2000萬`, `NT$3,000元`. Full-width digits are already folded by the normalizer.
public enum NumberParser {
    private static let chineseDigits: [Character: Double] = [
        "零": 0, "〇": 0, "一": 1, "二": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
    ]
    private static let smallUnits: [Character: Double] = ["十": 10, "百": 100, "千": 1000]

    public static func parse(_ text: String) -> Double? {
        var total = 0.0, section = 0.0, number = 0.0
        var sawDigit = false
        var arabic = ""

        func flushArabic() {
            // Bounded: 5,000 digits is no amount anyone writes, but it is still larger than any limit.
            if arabic.count > 40 {
                number = .infinity
                sawDigit = true
            } else if !arabic.isEmpty, let value = Double(arabic) {
                number = value
                sawDigit = true
            }
            arabic = ""
        }

        for ch in text {
            if ch.isASCII, ch.isNumber || (ch == "." && !arabic.isEmpty) {
                if arabic.count <= 40 { arabic.append(ch) }
                continue
            }
            if ch == "," && !arabic.isEmpty { continue }
            flushArabic()
            if let digit = chineseDigits[ch] {
                number = digit
                sawDigit = true
            } else if let unit = smallUnits[ch] {
                section += (number == 0 ? 1 : number) * unit
                number = 0
                sawDigit = true
            } else if ch == "萬" {
                total += (section + number) * 10_000
                section = 0; number = 0
            } else if ch == "億" {
                total = (total + section + number) * 100_000_000
                section = 0; number = 0
            } else if ch == " " || ch == "$" || ch == "元" || ch == "N" || ch == "T" || ch == "n" || ch == "t" {
                continue
            } else {
                break
            }
        }
        flushArabic()
        guard sawDigit else { return nil }
        return total + section + number
    }
}
