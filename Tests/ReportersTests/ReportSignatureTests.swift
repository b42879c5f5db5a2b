@testable import Reporters
import Testing

/// `ReportSignature` splits lines on bytes; it must split exactly as `String.split` on
/// `"\n"` did (a `\r\n` pair is one Character, so it does not end a line there).
@Suite struct ReportSignatureTests {
    static let samples: [[UInt8]] = {
        var samples: [[UInt8]] = [
            [], [0x0A], [0x0A, 0x0A], [0x0D, 0x0A], Array("a".utf8), Array("a\n".utf8), Array("\na".utf8),
            Array("a\r\nb\nc".utf8), Array("a\n\n\nb\n\n".utf8), Array("保證有效\n第一名\r\n\r\n最後".utf8),
            [0xE4, 0x0A, 0xB8, 0x80, 0x0A, 0xFF], [0x0D], [0x0A, 0x0D], Array("x\r".utf8), Array("\r\n\r\n".utf8),
            Array("a:1:2:error:fair-trade.x:訊息\n".utf8),
        ]
        // Deterministic random bytes over a small alphabet rich in separators.
        let alphabet: [UInt8] = [0x0A, 0x0D, 0x61, 0x3A, 0xE4, 0xB8, 0x80, 0x20, 0x0A]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for length in 0..<300 {
            var bytes: [UInt8] = []
            for _ in 0..<(length % 40) {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                bytes.append(alphabet[Int(state >> 33) % alphabet.count])
            }
            samples.append(bytes)
        }
        return samples
    }()

    @Test func linesAreStringSplit() {
        for bytes in Self.samples {
            let expected = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true)
            for limit in [1, 2, 50] {
                #expect(ReportSignature.lines(bytes[...], limit: limit).map(String.init) == expected.prefix(limit).map(String.init),
                        "\(bytes) limit \(limit)")
            }
            #expect(ReportSignature.lastLine(bytes[...]).map(String.init) == expected.last.map(String.init), "\(bytes)")
            #expect(ReportSignature.lastLine(bytes.dropFirst()).map(String.init)
                == String(decoding: bytes.dropFirst(), as: UTF8.self).split(separator: "\n").last.map(String.init), "\(bytes)")
        }
    }

    @Test func recognisesLineAndHumanOutput() {
        let line = "campaign/a.md:3:5:error:fair-trade.superlative:「第一名」有風險\r\ncampaign/b.md:1:1:warning:food.x:訊息\n"
        #expect(ReportSignature.kind(of: Array(line.utf8)) == "line")
        let human = "campaign/a.md\n  3:5  error  「第一名」有風險  fair-trade.superlative\n\n2 findings (1 error, 1 warning) in 1 of 3 files (120 rules, 0.1s)\n\n"
        #expect(ReportSignature.kind(of: Array(human.utf8)) == "human")
        #expect(ReportSignature.kind(of: Array("保證有效，第一名。\n\n天然成分。\n".utf8)) == nil)
    }
}
