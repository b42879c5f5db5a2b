import LintCore
import Testing

@Suite struct DisplayWidthTests {
    @Test(arguments: [
        ("abc", 3), ("保證治癒", 8), ("「」，。！", 10), ("🔥", 2), ("１００％", 8),
        ("e\u{0301}", 1), ("※", 1), ("❤\u{FE0F}", 2), ("\u{200B}", 0),
    ])
    func width(_ text: String, _ expected: Int) {
        #expect(DisplayWidth.width(of: text) == expected)
    }

    @Test func tabsExpand() {
        #expect(DisplayWidth.width(of: "\tA", tabWidth: 4) == 5)
    }
}
