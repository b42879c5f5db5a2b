import Foundation
import Testing
import TestSupport

/// The compiled rule set kept between runs: used when the rule files are unchanged,
/// never when a byte of them changed (whatever the file times say), rebuilt when damaged,
/// never hiding an error in the rule files, and off with `--no-cache`.
@Suite struct RuleSetCacheCLITests {
    static let text = "每天一杯，預防感冒。\n保證有效，無效退費。\n"

    func ruleCaches(_ folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasPrefix("rules-") }.sorted()
    }

    func check(_ extra: [String] = [], cache: URL) throws -> CLI.Output {
        try CLI.run(["check", "--format", "line", "--sector", "food"] + extra + ["-"], stdin: Self.text,
                    environment: ["ADLAW_CACHE_DIR": cache.path])
    }

    @Test func theRuleSetIsCachedThenUsedAndADamagedFileIsRewritten() throws {
        let cache = TestSupport.temporaryFolder("cache")
        defer { TestSupport.remove(cache) }
        let first = try check(cache: cache)
        #expect(first.status == 1)
        #expect(first.stdout.contains("food.medical-efficacy"))
        let unused = TestSupport.temporaryFolder("unused")
        defer { TestSupport.remove(unused) }
        let reference = try check(["--no-cache"], cache: unused)
        #expect(reference.stdout == first.stdout)
        let files = ruleCaches(cache)
        #expect(files.count == 1)
        // One file: the rules, their patterns and the prefilter's analyses together.
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache.path) == files)
        let path = cache.appendingPathComponent(try #require(files.first)).path
        let written = try #require(FileManager.default.contents(atPath: path))

        let second = try check(cache: cache)
        #expect(second.stdout == first.stdout && second.stderr == first.stderr)
        #expect(FileManager.default.contents(atPath: path) == written)

        // One byte changed (of the data, the nonce or the MAC), cut short, or another file's
        // bytes: the same output, the file written again. The same data then, under a fresh
        // tag: the last 28 bytes are a random nonce (12) and the MAC (16).
        let tag = 28
        var damaged = written, nonce = written, mac = written
        damaged[damaged.count / 2] ^= 0x20
        nonce[nonce.count - tag] ^= 1
        mac[mac.count - 1] ^= 1
        for bad in [damaged, nonce, mac, written.prefix(written.count / 2), Data("ADLAWRS not a cache".utf8)] {
            try bad.write(to: URL(fileURLWithPath: path))
            let again = try check(cache: cache)
            #expect(again.stdout == first.stdout && again.stderr == first.stderr)
            let rewritten = try #require(FileManager.default.contents(atPath: path))
            #expect(rewritten.count == written.count && rewritten.dropLast(tag) == written.dropLast(tag))
            #expect(rewritten.suffix(tag) != written.suffix(tag))
        }
    }

    /// A change that keeps the file's size and modification time is still seen: the file's
    /// status-change time moves, so its bytes are compared with the key.
    @Test func aChangedRuleFileIsNeverServedFromTheCache() throws {
        let cache = TestSupport.temporaryFolder("cache")
        let rules = TestSupport.temporaryFolder("rules")
        defer { TestSupport.remove(cache); TestSupport.remove(rules) }
        let file = rules.appendingPathComponent("x/extra.yaml")
        try TestSupport.write(["x/extra.yaml": TestSupport.ruleYAML(id: "x.extra", body: "regex: '無效退費'",
                                                                   examples: "  match: [⟦無效退費⟧, 說好⟦無效退費⟧]\n  no-match: [退費, 無效]")], in: rules)
        // Older than `RuleSetCache.settleSeconds`: the file is written with the files'
        // fingerprint, which the change below must not fool.
        Thread.sleep(forTimeInterval: 2.5)
        let before = try check(["--rules", rules.path, "--only", "x.extra"], cache: cache)
        #expect(before.stdout.contains("無效退費"))
        let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
        // The same length in bytes (two CJK characters for two), the same modification time.
        let original = try String(contentsOf: file, encoding: .utf8)
        try original.replacingOccurrences(of: "無效退費", with: "預防感冒").write(to: file, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.modificationDate: try #require(attributes[.modificationDate])], ofItemAtPath: file.path)
        let after = try check(["--rules", rules.path, "--only", "x.extra"], cache: cache)
        #expect(after.stdout.contains("預防感冒"))
        #expect(!after.stdout.contains("無效退費"))
        // One file for one rules folder: the changed rule set replaced it.
        #expect(ruleCaches(cache).count == 1)

        // A rule file broken after a cached run: the error is reported from the file.
        try original.replacingOccurrences(of: "regex: '無效退費'", with: "regex: '無效(退費'").write(to: file, atomically: false, encoding: .utf8)
        let broken = try check(["--rules", rules.path], cache: cache)
        #expect(broken.status == 2)
        #expect(broken.stderr.contains("extra.yaml:"))
        #expect(ruleCaches(cache).count == 1)
    }

    @Test func onlyTheNewestCacheFilesAreKept() throws {
        let cache = TestSupport.temporaryFolder("cache")
        defer { TestSupport.remove(cache) }
        // Ten files of other adlaw builds, written an hour apart; a file that is no cache, and a
        // folder and a file named almost like caches (cleaning removes only adlaw's own files).
        try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
        for index in 0..<10 {
            let path = cache.appendingPathComponent("rules-a\(index).cache").path
            try Data("old".utf8).write(to: URL(fileURLWithPath: path))
            try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: Double(-3600 * (index + 1)))],
                                                  ofItemAtPath: path)
        }
        try Data("mine".utf8).write(to: cache.appendingPathComponent("notes.txt"))
        try FileManager.default.createDirectory(at: cache.appendingPathComponent("rules-0.cache"), withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: cache.appendingPathComponent("rules-0.cache/kept.txt"))
        try Data("mine".utf8).write(to: cache.appendingPathComponent("rules-notes.cache"))
        #expect(try check(cache: cache).status == 1)
        let files = ruleCaches(cache)
        // The new file and the seven newest old ones.
        #expect(files.filter { $0 != "rules-0.cache" && $0 != "rules-notes.cache" }.count == 8)
        // (The new file's name is a hash, which may start with `a` too.)
        #expect(files.filter { $0.hasPrefix("rules-a") && $0.count == "rules-a0.cache".count } == (0..<7).map { "rules-a\($0).cache" })
        for kept in ["notes.txt", "rules-0.cache/kept.txt", "rules-notes.cache"] {
            #expect(FileManager.default.fileExists(atPath: cache.appendingPathComponent(kept).path), "\(kept)")
        }
    }

    @Test func noCacheWritesNoRuleSet() throws {
        let cache = TestSupport.temporaryFolder("cache")
        defer { TestSupport.remove(cache) }
        #expect(try check(["--no-cache"], cache: cache).status == 1)
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: cache.path)) ?? []).isEmpty)
    }
}
