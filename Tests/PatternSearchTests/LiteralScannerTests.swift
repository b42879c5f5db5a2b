@testable import PatternSearch
import AdCopyGenerator
import Testing
import TestSupport

@Suite struct LiteralScannerTests {
    func scan(_ literals: [String], _ text: String) -> [(String, Int)] {
        let scanner = LiteralScanner(literals: literals.map { Array($0.utf8) })
        var hits: [(String, Int)] = []
        let bytes = Array(text.utf8)
        bytes.withUnsafeBufferPointer { buffer in
            scanner.scan(buffer) { id, offset in hits.append((String(decoding: scanner.literals[Int(id)], as: UTF8.self), offset)) }
        }
        return hits
    }

    /// Every occurrence at every character boundary, the slow way.
    func naive(_ literals: [String], _ text: String) -> [(String, Int)] {
        let bytes = Array(text.utf8).map(LiteralScanner.foldByte)
        var out: [(String, Int)] = []
        for i in bytes.indices where bytes[i] & 0xC0 != 0x80 {
            for literal in literals {
                let l = Array(literal.utf8).map(LiteralScanner.foldByte)
                if i + l.count <= bytes.count && Array(bytes[i..<(i + l.count)]) == l {
                    out.append((String(decoding: l, as: UTF8.self), i))
                }
            }
        }
        return out
    }

    func same(_ a: [(String, Int)], _ b: [(String, Int)]) -> Bool {
        let key: ((String, Int)) -> String = { "\($0.1):\($0.0)" }
        return a.map(key).sorted() == b.map(key).sorted()
    }

    @Test func findsOverlappingLiteralsOfEveryLength() {
        let literals = ["治", "治療", "療效", "治療師", "a", "ab", "beer", "Whisky", "百分之百", "%"]
        let text = "治療師說治療效果100%，whisky 與 BEER 和 ab。治"
        #expect(same(scan(literals, text), naive(literals, text)))
        #expect(scan(["治療"], "治療").map(\.1) == [0])
    }

    @Test func matchesAtTheVeryEndOfTheText() {
        #expect(scan(["感冒", "冒"], "預防感冒").map(\.1).sorted() == [6, 9])
        #expect(scan(["xyz"], "xy").isEmpty)
    }

    @Test func agreesWithANaiveSearchOnRandomText() {
        var rng = SplitMix64(seed: 7)
        let alphabet = Array("治療防癌感冒失眠保證有效百分之一二三aAbBkKsS %。，\n")
        var literals = Set<String>()
        for _ in 0..<60 {
            let length = Int(rng.next() % 5) + 1
            literals.insert(String((0..<length).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }))
        }
        for _ in 0..<40 {
            let length = Int(rng.next() % 200)
            let text = String((0..<length).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] })
            #expect(same(scan(Array(literals), text), naive(Array(literals), text)), "\(text)")
        }
    }
}
