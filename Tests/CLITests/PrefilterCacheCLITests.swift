import Foundation
import Testing
import TestSupport

/// The cache of the prefilter's analyses as `adlaw check` uses it: written on the first
/// run, used after, rebuilt when damaged, keyed by the rules, and off with `--no-cache`.
@Suite struct PrefilterCacheCLITests {
    static let text = "每天一杯，預防感冒。\n保證有效，無效退費。\n"

    func cacheFiles(_ folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".bin") }.sorted()
    }

    func check(_ extra: [String] = [], cache: URL) throws -> CLI.Output {
        try CLI.run(["check", "--format", "line", "--sector", "food"] + extra + ["-"], stdin: Self.text,
                    environment: ["ADLAW_CACHE_DIR": cache.path])
    }

    @Test func aDamagedCacheIsIgnoredAndRewritten() throws {
        let cache = TestSupport.temporaryFolder("cache")
        defer { TestSupport.remove(cache) }
        let first = try check(cache: cache)
        #expect(first.status == 1)
        #expect(first.stdout.contains("food.medical-efficacy"))
        let files = cacheFiles(cache)
        #expect(files.count == 1)
        let path = cache.appendingPathComponent(try #require(files.first)).path
        let written = try #require(FileManager.default.contents(atPath: path))

        // Used as it is: the same findings, the file unchanged.
        #expect(try check(cache: cache).stdout == first.stdout)
        #expect(FileManager.default.contents(atPath: path) == written)

        // Damaged (one byte changed, then cut short): the same findings, the file rewritten.
        var damaged = written
        damaged[damaged.count / 2] ^= 0x01
        for bad in [damaged, written.prefix(written.count / 3)] {
            try Data(bad).write(to: URL(fileURLWithPath: path))
            let again = try check(cache: cache)
            #expect(again.stdout == first.stdout)
            #expect(again.stderr == first.stderr)
            #expect(FileManager.default.contents(atPath: path) == written)
        }
    }

    @Test func otherRulesGetAnotherCacheFile() throws {
        let cache = TestSupport.temporaryFolder("cache")
        let rules = TestSupport.temporaryFolder("rules")
        defer { TestSupport.remove(cache); TestSupport.remove(rules) }
        _ = try check(cache: cache)
        #expect(cacheFiles(cache).count == 1)
        try TestSupport.write(["x/extra.yaml": TestSupport.ruleYAML(id: "x.extra", body: "regex: '無效退費'")], in: rules)
        let out = try check(["--rules", rules.path], cache: cache)
        #expect(out.stdout.contains("x.extra"))
        #expect(cacheFiles(cache).count == 2)
        // Changing the rule's pattern changes the key again.
        try TestSupport.write(["x/extra.yaml": TestSupport.ruleYAML(id: "x.extra", body: "regex: '保證有效'")], in: rules)
        #expect(try check(["--rules", rules.path], cache: cache).stdout.contains("x.extra"))
        #expect(cacheFiles(cache).count == 3)
    }

    @Test func onlyTheNewestCacheFilesAreKept() throws {
        let cache = TestSupport.temporaryFolder("cache")
        defer { TestSupport.remove(cache) }
        // Ten files of other adlaw builds, written an hour apart; a file that is no cache, and a
        // folder and a file named almost like caches (cleaning removes only adlaw's own files).
        for index in 0..<10 {
            let path = cache.appendingPathComponent("prefilter-a\(index).bin").path
            try Data("old".utf8).write(to: URL(fileURLWithPath: path))
            try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: Double(-3600 * (index + 1)))],
                                                  ofItemAtPath: path)
        }
        try Data("mine".utf8).write(to: cache.appendingPathComponent("notes.txt"))
        try FileManager.default.createDirectory(at: cache.appendingPathComponent("prefilter-0.bin"), withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: cache.appendingPathComponent("prefilter-0.bin/kept.txt"))
        try Data("mine".utf8).write(to: cache.appendingPathComponent("prefilter-notes.bin"))
        #expect(try check(cache: cache).status == 1)
        let files = cacheFiles(cache)
        // The new file and the seven newest old ones.
        #expect(files.filter { $0 != "prefilter-0.bin" && $0 != "prefilter-notes.bin" }.count == 8)
        // (The new file's name is a hash, which may start with `a` too.)
        #expect(files.filter { $0.hasPrefix("prefilter-a") && $0.count == "prefilter-a0.bin".count } == (0..<7).map { "prefilter-a\($0).bin" })
        for kept in ["notes.txt", "prefilter-0.bin/kept.txt", "prefilter-notes.bin"] {
            #expect(FileManager.default.fileExists(atPath: cache.appendingPathComponent(kept).path), "\(kept)")
        }
    }

    @Test func noCacheReadsAndWritesNothing() throws {
        let cache = TestSupport.temporaryFolder("cache")
        defer { TestSupport.remove(cache) }
        let out = try check(["--no-cache"], cache: cache)
        #expect(out.status == 1)
        #expect(cacheFiles(cache).isEmpty)
    }
}
