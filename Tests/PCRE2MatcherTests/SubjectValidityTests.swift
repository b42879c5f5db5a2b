import Foundation
import LintCore
import PCRE2Matcher
import Testing

/// PCRE2 searches skip UTF-8 validation (`PCRE2_NO_UTF_CHECK`) because every subject is a
/// `UTF8Buffer`, valid by construction: bytes are checked once when the buffer is made, and
/// an ill-formed sequence can never reach PCRE2 (where it would be undefined behaviour).
@Suite struct SubjectValidityTests {
    let engine = PCRE2Engine()

    @Test func illFormedBytesAreReplacedOneForOne() {
        // 治, a stray 0xFF, an overlong NUL (C0 80), a surrogate (ED A0 80), a sequence cut
        // short (E6 B2 then A), a code point above U+10FFFF (F4 90 80 80), then 療.
        let bytes: [UInt8] = [0xE6, 0xB2, 0xBB, 0xFF, 0xC0, 0x80, 0xED, 0xA0, 0x80, 0xE6, 0xB2, 0x41,
                              0xF4, 0x90, 0x80, 0x80, 0xE7, 0x99, 0x82]
        let buffer = UTF8Buffer(validUTF8: bytes)
        #expect(buffer.count == bytes.count)
        #expect(buffer.string(0..<buffer.count) == "治????????A????療")
        // Well-formed text, four-byte characters included, is kept byte for byte.
        let text = "治療😀abc\u{10FFFF}。"
        let kept = UTF8Buffer(validUTF8: Array(text.utf8))
        #expect(kept.string(0..<kept.count) == text)
    }

    @Test func searchesOverRepairedBytesNeverFailOrMatchInsideThem() throws {
        let regex = try engine.compile("(?<!不)治療|療", caseInsensitive: true)
        let scratch = engine.makeScratch()
        var bytes = Array("不治療".utf8)
        bytes.insert(0xFF, at: 3) // between 不 and 治
        bytes += [0xC3] + Array("療".utf8) // a lead byte with no continuation, then 療
        let buffer = UTF8Buffer(validUTF8: bytes)
        var found: [Range<Int>] = []
        var position = 0
        while let m = try regex.firstMatch(in: buffer, from: position, scratch: scratch) {
            found.append(m.range)
            position = m.range.upperBound
        }
        // 不 no longer precedes 治療 (a `?` does), so the lookbehind lets it match.
        #expect(found == [4..<10, 11..<14])
    }

    /// With `PCRE2_MATCH_INVALID_UTF` the interpreter rescanned the rest of the subject on
    /// every search, so many short searches over a large subject took quadratic time (70% of
    /// a check). Twenty thousand interpreted searches over 4 MB now take milliseconds; before,
    /// they scanned about 40 GB.
    @Test func manySearchesOverALargeSubjectAreLinear() throws {
        let engine = PCRE2Engine(jit: .never)
        let regex = try #require(try engine.compile("預防(?:感冒|癌症)", caseInsensitive: true) as? PCRE2Regex)
        let scratch = engine.makeScratch()
        // 預約 shares the pattern's first byte, so each search stops early and only the
        // validation of the subject could make it long.
        let line = String(repeating: "天然成分溫和不刺激，預約門市體驗。", count: 12) + "\n"
        let buffer = UTF8Buffer(String(repeating: line, count: 7_000))
        #expect(buffer.count > 4_000_000)
        _ = try regex.firstMatch(in: buffer, from: 0, end: buffer.count, maxStart: 60, scratch: scratch)
        let started = Date()
        var searches = 0
        var position = 0
        while position < buffer.count && searches < 20_000 {
            // A prefilter window: the whole buffer is the subject (lookbehind sees before the
            // start), and the search may start no later than the window's end.
            _ = try regex.firstMatch(in: buffer, from: position, end: buffer.count, maxStart: position + 60, scratch: scratch)
            position += 200
            searches += 1
        }
        #expect(searches == 20_000)
        #expect(Date().timeIntervalSince(started) < 10)
    }
}
