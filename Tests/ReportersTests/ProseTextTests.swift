import Testing
@testable import Reporters

@Suite struct ProseTextTests {
    @Test func foldedLineBreaksBetweenChineseCharactersDisappear() {
        #expect(ProseText.tidy("七日內， 以退回商品 或書面通知\n") == "七日內，以退回商品或書面通知")
    }

    @Test func spacesNextToLatinTextStay() {
        #expect(ProseText.tidy("依 GB 標準 與 ISO 9001 辦理") == "依 GB 標準與 ISO 9001 辦理")
    }
}
