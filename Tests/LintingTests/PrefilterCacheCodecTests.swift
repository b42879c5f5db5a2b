@testable import Linting
import LintCore
import PCRE2Matcher
import RuleCompiler
import Testing
import TestSupport

/// The prefilter cache file: what is written is read back unchanged, and anything
/// damaged or foreign is refused rather than trusted.
@Suite struct PrefilterCacheCodecTests {
    static let ruleSet: RuleSet? = try? RuleSetLoader(engine: PCRE2Engine()).load(folders: [TestSupport.rulesFolder])

    func analyses() throws -> [String: LiteralRequirementResult] {
        let ruleSet = try #require(Self.ruleSet)
        return Prefilter(ruleSet: ruleSet).analyses
    }

    @Test func whatIsWrittenIsReadBack() throws {
        let original = try analyses()
        #expect(original.count > 100)
        let bytes = PrefilterCacheCodec.encode(original, version: "v1")
        #expect(try PrefilterCacheCodec.decode(bytes, version: "v1") == original)
        // The same analyses always give the same bytes.
        #expect(PrefilterCacheCodec.encode(original, version: "v1") == bytes)
    }

    @Test func aPrefilterFromCachedAnalysesAnalysesNothingAndMatchesTheFreshOne() throws {
        let ruleSet = try #require(Self.ruleSet)
        let fresh = Prefilter(ruleSet: ruleSet)
        #expect(fresh.newlyAnalysed > 0)
        let known = try PrefilterCacheCodec.decode(PrefilterCacheCodec.encode(fresh.analyses, version: "v"), version: "v")
        let cached = Prefilter(ruleSet: ruleSet, known: known)
        #expect(cached.newlyAnalysed == 0)
        #expect(cached.targets.map(\.requirement) == fresh.targets.map(\.requirement))
        // Entries are by exact pattern: an entry for another pattern is never used.
        var other = known
        let (pattern, result) = try #require(known.first)
        other[pattern] = nil
        other[pattern + "x"] = result
        #expect(Prefilter(ruleSet: ruleSet, known: other).newlyAnalysed == 1)
    }

    @Test func damagedOrForeignFilesAreRefused() throws {
        let bytes = PrefilterCacheCodec.encode(try analyses(), version: "v1")
        #expect(throws: PrefilterCacheError.otherFormat) { try PrefilterCacheCodec.decode(bytes, version: "v2") }
        #expect(throws: PrefilterCacheError.otherFormat) { try PrefilterCacheCodec.decode(Array("not a cache".utf8), version: "v1") }
        #expect(throws: PrefilterCacheError.otherFormat) { try PrefilterCacheCodec.decode([], version: "v1") }
        // Every single flipped byte and every truncation is detected.
        for position in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 300)) {
            var flipped = bytes
            flipped[position] ^= 0x20
            #expect(throws: PrefilterCacheError.self) { try PrefilterCacheCodec.decode(flipped, version: "v1") }
            #expect(throws: PrefilterCacheError.self) { try PrefilterCacheCodec.decode(Array(bytes[..<position]), version: "v1") }
        }
    }
}
