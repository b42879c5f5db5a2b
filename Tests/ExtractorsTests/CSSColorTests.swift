import Testing
@testable import Extractors

/// CSS and Office colour values as the contrast facts read them.
@Suite struct CSSColorTests {
    @Test(arguments: [
        ("#1a2", "#11AA22", 1.0), ("#1a28", "#11AA22", 0x88 / 255.0), ("#10a020", "#10A020", 1.0),
        ("#10a02080", "#10A020", 0x80 / 255.0), ("rgb(16, 160, 32)", "#10A020", 1.0),
        ("rgba(16 160 32 / 50%)", "#10A020", 0.5), ("hsl(120deg, 100%, 25%)", "#008000", 1.0),
        ("Navy !important", "#000080", 1.0), ("transparent", "#000000", 0.0),
    ])
    func readsEveryCSSNotation(css: String, hex: String, alpha: Double) throws {
        let color = try #require(CSSColor(css: css))
        #expect(color.hex == hex)
        #expect(abs(color.alpha - alpha) < 0.001)
    }

    @Test(arguments: ["#12", "#12345", "#1234567", "#ggg", "currentColor", "var(--x)", "rgb(1, 2)", "linear-gradient(red, blue)"])
    func refusesWhatItCannotResolve(css: String) {
        #expect(CSSColor(css: css) == nil)
    }

    @Test func readsOfficeHexAndWordHighlights() throws {
        #expect(CSSColor(officeHex: "FFD700")?.hex == "#FFD700")
        #expect(CSSColor(officeHex: "auto") == nil)
        let yellow = try #require(CSSColor.wordHighlights["yellow"])
        #expect(CSSColor(packed: yellow).hex == "#FFFF00")
        #expect(CSSColor.contrast(.black, .white) == 21)
    }
}
