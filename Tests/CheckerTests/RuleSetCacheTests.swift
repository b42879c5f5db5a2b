@testable import Checker
import Foundation
import LintCore
import Linting
import PatternSearch
import PCRE2Matcher
import Testing
import TestSupport

/// The one cache file: a checker made from it has the same rules and the same prefilter as
/// one made from the rule files, analyses no pattern again, and gives the same findings on
/// the whole Corpus; a file of another key, version or shape is refused.
@Suite struct RuleSetCacheTests {
    static func sources(cache: URL?) -> RuleSources {
        var sources = RuleSources()
        sources.builtinFolder = TestSupport.rulesFolder
        sources.config = .none
        sources.cacheDirectory = cache?.path
        return sources
    }

    static func cacheFiles(_ folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    }

    @Test func aCheckerFromTheCacheAnalysesNothingAndFindsTheSame() throws {
        let cache = TestSupport.temporaryFolder("cache")
        defer { TestSupport.remove(cache) }
        // A prefilter cache file of an earlier version: removed when the rule set is written.
        try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
        try Data("old".utf8).write(to: cache.appendingPathComponent("prefilter-0123abcd.bin"))

        let fresh = try Checker(Self.sources(cache: nil))
        let first = try Checker(Self.sources(cache: cache))
        #expect(Self.cacheFiles(cache).count == 1)
        #expect(Self.cacheFiles(cache).first?.hasPrefix("rules-") == true)
        let cached = try Checker(Self.sources(cache: cache))
        #expect(Self.cacheFiles(cache).count == 1)

        let freshPrefilter = try #require(fresh.linter.prefilter)
        let cachedPrefilter = try #require(cached.linter.prefilter)
        #expect(freshPrefilter.newlyAnalysed > 100)
        #expect(cachedPrefilter.newlyAnalysed == 0)
        #expect(first.linter.prefilter?.newlyAnalysed == 0) // the analyses made for the file were handed on
        // The same analysis for every searched pattern (equal patterns are one compiled
        // pattern when read from the cache, so the targets are compared by source).
        func byPattern(_ prefilter: Prefilter) -> [String: LiteralRequirementResult] {
            Dictionary(prefilter.targets.map { ($0.regex.pattern, LiteralRequirementResult(requirement: $0.requirement, failure: $0.failure)) },
                       uniquingKeysWith: { first, _ in first })
        }
        #expect(byPattern(cachedPrefilter) == byPattern(freshPrefilter))
        #expect(byPattern(cachedPrefilter).count > 100)
        #expect(cached.ruleSet.rules.map(\.id) == fresh.ruleSet.rules.map(\.id))
        // The examples, kept apart in the file and decoded on first use, are the files' own.
        #expect(cached.ruleSet.rules.map(\.examples) == fresh.ruleSet.rules.map(\.examples))
        #expect(cached.ruleSet.rules.reduce(0) { $0 + $1.examples.count } > 500)
        #expect(cached.ruleSet.rules.allSatisfy { $0.exampleSource is CachedExamples })
        // Each rule's rationale and references too, decoded rule by rule when first read.
        let details = try #require(cached.ruleSet.rules.first?.detailsSource as? CachedDetails)
        #expect(cached.ruleSet.rules.allSatisfy { $0.detailsSource is CachedDetails })
        #expect(!details.table.isDecoded(0) && !details.table.isDecoded(1))
        #expect(cached.ruleSet.rules[0].references == fresh.ruleSet.rules[0].references)
        #expect(details.table.isDecoded(0) && !details.table.isDecoded(1))
        #expect(cached.ruleSet.rules.map(\.references) == fresh.ruleSet.rules.map(\.references))
        #expect(cached.ruleSet.rules.map(\.rationale) == fresh.ruleSet.rules.map(\.rationale))
        #expect(cached.ruleSet.rules.reduce(0) { $0 + $1.references.count } > 300)
        #expect(cached.ruleSet.rules.first?.withSeverity(.info).references == fresh.ruleSet.rules.first?.references)
        // So are the laws, lexicons and citations, which a check never reads.
        let lawsPart = try #require(cached.ruleSet.lawsPart as? DeferredJSON<[LawEntry], [LawEntry]>)
        #expect(!lawsPart.isDecoded)
        #expect(cached.ruleSet.laws == fresh.ruleSet.laws)
        #expect(lawsPart.isDecoded)
        #expect(cached.ruleSet.laws.count > 40)
        #expect(cached.ruleSet.lexicons == fresh.ruleSet.lexicons)
        #expect(cached.ruleSet.lexicons.count > 100)
        #expect(cached.ruleSet.citations == fresh.ruleSet.citations)
        #expect(cached.ruleSet.citations.count > 200)
        #expect(cached.ruleSet.rules.map { $0.compiledPatterns.map(\.regex.pattern) }
            == fresh.ruleSet.rules.map { $0.compiledPatterns.map(\.regex.pattern) })

        var options = CheckOptions()
        options.rules = Self.sources(cache: nil)
        options.jobs = 1
        var everySector = options
        everySector.sectors = fresh.ruleSet.sectors.definitions.map(\.id.rawValue)
        var findings = 0
        for options in [options, everySector] {
            let a = try fresh.run(.paths([TestSupport.corpusFolder]), options: options)
            let b = try cached.run(.paths([TestSupport.corpusFolder]), options: options)
            #expect(a.documents.count > 20)
            #expect(a.documents.map(\.findings) == b.documents.map(\.findings))
            #expect(a.documents.map(\.diagnostics) == b.documents.map(\.diagnostics))
            #expect(a.documents.map(\.checklists) == b.documents.map(\.checklists))
            findings += a.documents.reduce(0) { $0 + $1.findings.count }
        }
        #expect(findings > 500)
    }

    @Test func aFileOfAnotherKeyVersionOrShapeIsRefused() throws {
        let cache = TestSupport.temporaryFolder("cache")
        defer { TestSupport.remove(cache) }
        let folder = CacheKey(bytes: Array(repeating: 7, count: CacheKey.length))
        let store = RuleSetCache(folder: CacheFolder(directory: cache.path, version: "v1", key: folder))
        let rules = try TestSupport.loadRules(["x/a.yaml": TestSupport.ruleYAML(id: "x.a", body: "regex: '保證(有效|見效)'")])
        let loaded = LoadedRules(ruleSet: rules, analyses: [:])
        let key = Array(repeating: UInt8(1), count: RuleSetCache.keyLength)
        let bytes = try #require(store.encode(loaded, key: key))
        // Deterministic: the same rules give the same bytes.
        #expect(store.encode(loaded, key: key) == bytes)
        let back = try #require(store.decode(bytes, key: key, engine: PCRE2Engine()))
        #expect(back.ruleSet.rules.map(\.id) == rules.rules.map(\.id))
        #expect(back.ruleSet.rules.map(\.examples) == rules.rules.map(\.examples))
        #expect(rules.rules.first?.examples.isEmpty == false)
        // A rule at another severity or worded for a publisher keeps the deferred examples.
        #expect(back.ruleSet.rules.first?.withSeverity(.info).examples == rules.rules.first?.examples)
        #expect(back.ruleSet.rules.first?.pattern.triggerRegex?.pattern == rules.rules.first?.pattern.triggerRegex?.pattern)
        // The file as read is a slice of a larger buffer (the tag removed): decoded in place,
        // wherever the slice starts.
        #expect(store.decode(bytes[...], key: key, engine: PCRE2Engine())?.ruleSet.rules.map(\.id) == rules.rules.map(\.id))
        #expect(store.decode(([9, 9] + bytes + [9])[2..<(bytes.count + 2)], key: key, engine: PCRE2Engine())?.ruleSet.rules.map(\.id)
            == rules.rules.map(\.id))

        var otherKey = key
        otherKey[31] ^= 1
        #expect(store.decode(bytes, key: otherKey, engine: PCRE2Engine()) == nil)
        let otherVersion = RuleSetCache(folder: CacheFolder(directory: cache.path, version: "v2", key: folder))
        #expect(otherVersion.decode(bytes, key: key, engine: PCRE2Engine()) == nil)
        for cut in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 200)) {
            #expect(store.decode(Array(bytes[..<cut]), key: key, engine: PCRE2Engine()) == nil)
        }
        #expect(store.decode(bytes + [0], key: key, engine: PCRE2Engine()) == nil)
        #expect(store.decode(Array("ADLAWRS not a cache".utf8), key: key, engine: PCRE2Engine()) == nil)
    }

    /// The pattern table's analyses are decoded only when needed (`PatternAnalyses`), after
    /// the file was accepted: an analyses section that does not read leaves the stored
    /// prefilter tables usable (they were checked with the file), and nothing of it is
    /// trusted: a prefilter built from the analyses analyses its patterns again.
    @Test func analysesThatDoNotReadAreAnalysedAgain() throws {
        let cache = TestSupport.temporaryFolder("cache")
        defer { TestSupport.remove(cache) }
        let store = RuleSetCache(folder: CacheFolder(directory: cache.path, version: "v1",
                                                     key: CacheKey(bytes: Array(repeating: 7, count: CacheKey.length))))
        let rules = try TestSupport.loadRules(["x/a.yaml": TestSupport.ruleYAML(id: "x.a", body: "regex: '保證(有效|見效)'")])
        var known: [ObjectIdentifier: LiteralRequirementResult] = [:]
        for target in Prefilter(ruleSet: rules).targets {
            if let id = Prefilter.identity(of: target.regex) { known[id] = LiteralRequirementResult(requirement: target.requirement, failure: target.failure) }
        }
        let key = Array(repeating: UInt8(1), count: RuleSetCache.keyLength)
        var bytes = try #require(store.encode(LoadedRules(ruleSet: rules, analyses: known), key: key))
        let good = try #require(store.decode(bytes, key: key, engine: PCRE2Engine()))
        let goodPrefilter = good.prefilter(for: good.ruleSet)
        #expect(!good.analyses.isDecoded)
        #expect(goodPrefilter.targets.contains { $0.requirement != nil })

        // The analyses section follows the pattern table's sections and the rules.
        let start = bytes.withUnsafeBytes { raw -> Int? in
            var reader = ByteReader(raw)
            guard reader.take(RuleSetCache.magic.count) != nil, let version = reader.u16(), reader.take(version) != nil,
                  reader.take(2 * RuleSetCache.keyLength) != nil, let count = reader.u32() else { return nil }
            var lengths: [Int] = []
            for _ in 0..<count { guard let length = reader.u32() else { return nil }; lengths.append(length) }
            return reader.offset + lengths.prefix(RuleSetCache.tableSections + RuleSetCache.parts).reduce(0, +)
        }
        let analyses = try #require(start)
        // The literal pool's count: more literals than the section can hold.
        bytes.replaceSubrange(analyses..<(analyses + 4), with: [0xff, 0xff, 0xff, 0x7f])
        let bad = try #require(store.decode(bytes, key: key, engine: PCRE2Engine()))
        let ready = try #require(bad.ready)
        let stored = try #require(ready.prefilter(for: bad.ruleSet, analyses: bad.analyses))
        #expect(stored.tables == goodPrefilter.tables)
        #expect(stored.targets.allSatisfy { $0.requirement == nil && $0.failure != nil })
        #expect(bad.analyses.isDecoded)
        let rebuilt = Prefilter(ruleSet: bad.ruleSet, known: bad.analysis(of:))
        #expect(rebuilt.newlyAnalysed > 0)
        #expect(rebuilt.tables == goodPrefilter.tables)
    }

    /// The pattern table keeps each literal and each second set once, reads back the same
    /// analyses (shared sets as one array), and refuses an index out of range or a cut table.
    @Test func thePatternTableSharesLiteralsAndSetsAndRefusesBadIndices() throws {
        typealias Entry = RuleSetCache.PatternEntry
        let symptoms = [Array("頭痛".utf8), Array("失眠".utf8), Array("便秘".utf8)]
        let outcomes = [Array("改善".utf8), Array("消失".utf8)]
        func byBranch(_ bound: Int?) -> LiteralRequirement {
            // The reader takes the weakest bound as the requirement's.
            LiteralRequirement(literals: symptoms + [Array("保證".utf8)], maxBefore: bound,
                               literalMaxBefore: [0, 0, 0, bound], terms: [
                                   LiteralRequirement.Term(first: [0, 1, 2], firstMaxBefore: [0, 0, 0],
                                                           second: outcomes, secondMaxBefore: [12, bound]),
                                   LiteralRequirement.Term(first: [3], firstMaxBefore: [bound], second: [], secondMaxBefore: []),
                               ])
        }
        let entries = [
            Entry(pattern: "(頭痛|失眠|便秘).{0,12}(改善|消失)|保證", caseInsensitive: true,
                  analysis: LiteralRequirementResult(requirement: byBranch(nil), failure: nil)),
            Entry(pattern: "(?:頭痛|失眠|便秘).{0,12}(?:改善|消失)|保證", caseInsensitive: false,
                  analysis: LiteralRequirementResult(requirement: byBranch(3), failure: nil)),
            Entry(pattern: "頭痛", caseInsensitive: true,
                  analysis: LiteralRequirementResult(requirement: LiteralRequirement(literals: [symptoms[0]], maxBefore: 0, literalMaxBefore: [0], view: .stripped), failure: nil)),
            Entry(pattern: ".*", caseInsensitive: true,
                  analysis: LiteralRequirementResult(requirement: nil, failure: LiteralAnalysisFailure(reason: "matches anything"))),
            Entry(pattern: "x", caseInsensitive: false, analysis: nil),
        ]
        let table = Entry.table(entries)
        let back = try #require(Entry.read(sources: table.sources[...], analyses: table.analyses[...]))
        #expect(back.map(\.pattern) == entries.map(\.pattern))
        #expect(back.map(\.caseInsensitive) == entries.map(\.caseInsensitive))
        #expect(back.map(\.analysis) == entries.map(\.analysis))
        // The sources alone, with the flags a run needs to know which patterns are windowed.
        let sources = try #require(table.sources.withUnsafeBytes { Entry.readSources($0) })
        #expect(sources.map { $0.pattern } == entries.map(\.pattern))
        #expect(sources.map { $0.flags } == entries.map(\.flags))
        #expect(sources.map { $0.flags & Entry.analysed != 0 } == [true, true, true, true, false])
        #expect(sources.map { $0.flags & Entry.noRequirement != 0 } == [false, false, false, true, false])
        // Six distinct literals, one second set: the pool comes first in the analyses.
        #expect(table.analyses.withUnsafeBytes { bytes -> Int? in var reader = ByteReader(bytes); return reader.u32() } == 6)
        let seconds = back.prefix(2).compactMap { $0.analysis?.requirement?.terms.first?.second }
        #expect(seconds.count == 2)
        seconds[0].withUnsafeBufferPointer { a in seconds[1].withUnsafeBufferPointer { b in #expect(a.baseAddress == b.baseAddress) } }
        // A read at any start of a larger buffer.
        #expect(Entry.read(sources: ([1, 2] + table.sources)[2...], analyses: ([3] + table.analyses)[1...])?.map(\.analysis)
            == entries.map(\.analysis))
        // Every cut of either section is refused, and so are analyses for other entries, a
        // flag no entry is written with, and a literal index past the pool.
        for cut in 0..<table.sources.count { #expect(Entry.read(sources: table.sources[..<cut], analyses: table.analyses[...]) == nil) }
        for cut in 0..<table.analyses.count { #expect(Entry.read(sources: table.sources[...], analyses: table.analyses[..<cut]) == nil) }
        let fewer = Entry.table(Array(entries.prefix(4)))
        #expect(Entry.read(sources: fewer.sources[...], analyses: table.analyses[...]) == nil)
        #expect(Entry.read(sources: table.sources[...], analyses: fewer.analyses[...]) == nil)
        let plain = Entry.table([Entry(pattern: "x", caseInsensitive: false, analysis: nil)])
        // The count (1), the pattern (length 1, "x"), then the flags.
        #expect(plain.sources[9] == 0)
        for flags: UInt8 in [Entry.noRequirement, Entry.stripped, Entry.byBranch, 32] {
            var odd = plain.sources
            odd[9] = flags
            #expect(odd.withUnsafeBytes { Entry.readSources($0) } == nil)
        }
        var bad = Entry.table([Entry(pattern: "頭痛", caseInsensitive: true,
                                     analysis: LiteralRequirementResult(requirement: LiteralRequirement(literals: [symptoms[0]], maxBefore: 0, literalMaxBefore: [0]), failure: nil))])
        #expect(Entry.read(sources: bad.sources[...], analyses: bad.analyses[...]) != nil)
        // The pool (count, one literal), no sets, the entry count, the literal count, then the index.
        let index = 4 + 4 + symptoms[0].count + 4 + 4 + 4
        #expect(bad.analyses[index..<(index + 4)] == [0, 0, 0, 0])
        bad.analyses[index] = 1
        #expect(Entry.read(sources: bad.sources[...], analyses: bad.analyses[...]) == nil)
    }

    /// The fingerprint of the rule files follows their times and is `unsettled` while some
    /// file is too recent to be known by them; a change that keeps the size and the
    /// modification time still changes it (the status-change time moves).
    @Test func theFingerprintFollowsTheFilesAndWaitsForThemToSettle() throws {
        let rules = TestSupport.temporaryFolder("rules")
        defer { TestSupport.remove(rules) }
        try TestSupport.write(["x/a.yaml": TestSupport.ruleYAML(id: "x.a", body: "regex: '保證有效'")], in: rules)
        let store = RuleSetCache(folder: CacheFolder(directory: rules.path + "-cache", version: "v1",
                                                     key: CacheKey(bytes: Array(repeating: 7, count: CacheKey.length))))
        let files = try #require(RuleSetCache.ruleFiles(folders: [rules.path]))
        #expect(store.fingerprint(files: files, asOf: nil, now: RuleSetCache.now()) == RuleSetCache.unsettled)
        var later = RuleSetCache.now()
        later.tv_sec += 100
        let settled = try #require(store.fingerprint(files: files, asOf: nil, now: later))
        #expect(settled != RuleSetCache.unsettled)
        #expect(store.fingerprint(files: files, asOf: nil, now: later) == settled)
        let file = rules.appendingPathComponent("x/a.yaml")
        let modified = try #require(try FileManager.default.attributesOfItem(atPath: file.path)[.modificationDate])
        let original = try String(contentsOf: file, encoding: .utf8)
        Thread.sleep(forTimeInterval: 0.05)
        try original.replacingOccurrences(of: "保證有效", with: "預防感冒").write(to: file, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: file.path)
        #expect(try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int == original.utf8.count)
        #expect(store.fingerprint(files: files, asOf: nil, now: later) != settled)
    }

    /// The one byte writer and reader of the cache file: what is written reads back, and a
    /// read the rest cannot hold is nil and reads nothing.
    @Test func theByteReaderReadsWhatTheWriterWroteAndRefusesCuts() {
        var out = ByteWriter()
        out.u16(513)
        out.u32(70_000)
        out.i32(-1)
        out.chunk(Array("頭痛".utf8))
        out.byte(7)
        out.bytes.withUnsafeBytes { bytes in
            var reader = ByteReader(bytes)
            #expect(reader.u16() == 513)
            #expect(reader.u32() == 70_000)
            #expect(reader.i32() == -1)
            #expect(reader.text() == "頭痛")
            #expect(reader.byte() == 7)
            #expect(reader.atEnd)
            #expect(reader.u32() == nil)
            #expect(reader.byte() == nil)
        }
        // A length past the end: nil, and the reader stays where it was.
        var cut = ByteWriter()
        cut.u32(10)
        cut.raw([1, 2, 3])
        cut.bytes.withUnsafeBytes { bytes in
            var reader = ByteReader(bytes)
            #expect(reader.chunk() == nil)
            #expect(reader.offset == 0)
            #expect(reader.count(itemsOf: 1) == nil)
            #expect(reader.offset == 0)
        }
    }

    /// A cache file is read mapped, its tag checked over the mapping: the file as written
    /// reads back, a file with one byte changed or cut is refused.
    @Test func theMappedFileIsCheckedByItsTag() throws {
        let cache = TestSupport.temporaryFolder("cache")
        defer { TestSupport.remove(cache) }
        let folder = CacheFolder(directory: cache.path, version: "v1", key: CacheKey(bytes: Array(repeating: 7, count: CacheKey.length)))
        let path = folder.path(prefix: "rules-", hash: 1, suffix: ".cache")
        let data = (0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        folder.write(data, to: path, prefix: "rules-", suffix: ".cache")
        let read = try #require(folder.read(path))
        #expect(Array(read.bytes) == data)
        var sealed = try #require(FileManager.default.contents(atPath: path))
        sealed[5_000] ^= 1
        try sealed.write(to: URL(fileURLWithPath: path))
        #expect(folder.read(path) == nil)
        sealed[5_000] ^= 1
        try sealed.prefix(sealed.count - 1).write(to: URL(fileURLWithPath: path))
        #expect(folder.read(path) == nil)
        // The tag: a nonce and a MAC, each checked; a fresh nonce for each file written.
        #expect(sealed.count == data.count + CacheKey.tagLength)
        for index in [data.count, sealed.count - 1] {
            var bad = sealed
            bad[index] ^= 0x80
            try bad.write(to: URL(fileURLWithPath: path))
            #expect(folder.read(path) == nil)
        }
        try sealed.write(to: URL(fileURLWithPath: path))
        #expect(folder.read(path).map { Array($0.bytes) } == data)
        folder.write(data, to: path, prefix: "rules-", suffix: ".cache")
        let again = try #require(FileManager.default.contents(atPath: path))
        #expect(again.prefix(data.count) == sealed.prefix(data.count) && again.suffix(CacheKey.tagLength) != sealed.suffix(CacheKey.tagLength))
        #expect(folder.read(path).map { Array($0.bytes) } == data)
        // Another user's key: refused.
        let other = CacheFolder(directory: cache.path, version: "v1", key: CacheKey(bytes: Array(repeating: 8, count: CacheKey.length)))
        #expect(other.read(path) == nil)
    }

    /// The prefilter's tables are stored in the file as built and read back as they are: a
    /// checker from the cache searches with the same tables as one built from the cached
    /// analyses, and tables made for other targets (a config that leaves out rules) are
    /// not used.
    @Test func thePrefilterTablesAreReadAsBuilt() throws {
        let cache = TestSupport.temporaryFolder("cache")
        defer { TestSupport.remove(cache) }
        _ = try Checker(Self.sources(cache: cache))
        let loaded = try RulePack.loadRules(Self.sources(cache: cache), config: nil, engine: PCRE2Engine())
        let ready = try #require(loaded.ready)
        let stored = try #require(ready.prefilter(for: loaded.ruleSet, analyses: loaded.analyses))
        // Made without decoding the analyses, and it searches without them too.
        #expect(!loaded.analyses.isDecoded)
        let document = TestSupport.document("本產品保證有效，立即改善失眠，三天瘦五公斤。")
        let result = Linter(ruleSet: loaded.ruleSet, prefilter: stored).lint(document, scratch: PCRE2Engine().makeScratch())
        #expect(!result.findings.isEmpty)
        #expect(!loaded.analyses.isDecoded)
        let built = Prefilter(ruleSet: loaded.ruleSet, known: loaded.analysis(of:))
        #expect(loaded.analyses.isDecoded)
        #expect(Linter(ruleSet: loaded.ruleSet, prefilter: built).lint(document, scratch: PCRE2Engine().makeScratch()).findings == result.findings)
        #expect(stored.tables == built.tables)
        #expect(stored.targetCount == built.targetCount)
        #expect(stored.targets.map(\.regex.pattern) == built.targets.map(\.regex.pattern))
        // The targets read later have the stored analyses.
        func analyses(_ prefilter: Prefilter) -> [LiteralRequirementResult] {
            prefilter.targets.map { LiteralRequirementResult(requirement: $0.requirement, failure: $0.failure) }
        }
        #expect(analyses(stored) == analyses(built))
        #expect(stored.targets.count > 100)
        #expect(stored.newlyAnalysed == 0)
        let encoded = built.tables.encoded
        #expect(Prefilter.Tables(decoding: encoded[...]) == built.tables)
        #expect(Prefilter.Tables(decoding: ([7] + encoded)[1...]) == built.tables)
        for cut in stride(from: 0, to: encoded.count, by: max(1, encoded.count / 300)) {
            #expect(Prefilter.Tables(decoding: encoded[..<cut]) == nil)
        }
        #expect(Prefilter.Tables(decoding: (encoded + [0])[...]) == nil)
        // Fewer rules, other targets: built from the analyses instead.
        var fewer = loaded.ruleSet
        fewer.rules = Array(fewer.rules.prefix(20))
        #expect(ready.prefilter(for: fewer, analyses: loaded.analyses) == nil)
        let fewerPrefilter = loaded.prefilter(for: fewer)
        #expect(fewerPrefilter.tables == Prefilter(ruleSet: fewer, known: loaded.analysis(of:)).tables)
        #expect(fewerPrefilter.targets.count < stored.targets.count)
    }
}
