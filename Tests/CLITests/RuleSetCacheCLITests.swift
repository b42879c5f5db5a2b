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
        let path = cache.appendingPathComponent(try #require(files.first)).path
        let written = try #require(FileManager.default.contents(atPath: path))

        let second = try check(cache: cache)
        #expect(second.stdout == first.stdout && second.stderr == first.stderr)
        #expect(FileManager.default.contents(atPath: path) == written)

        // One byte changed, cut short, or another file's bytes: the same output, the file written again.
        var damaged = written
        damaged[damaged.count / 2] ^= 0x20
        for bad in [damaged, written.prefix(written.count / 2), Data("ADLAWRS not a cache".utf8)] {
            try bad.write(to: URL(fileURLWithPath: path))
            let again = try check(cache: cache)
            #expect(again.stdout == first.stdout && again.stderr == first.stderr)
            #expect(FileManager.default.contents(atPath: path) == written)
        }
    }

    /// A change that keeps the file's size and modification time is still seen: the key is
    /// the files' bytes.
    @Test func aChangedRuleFileIsNeverServedFromTheCache() throws {
        let cache = TestSupport.temporaryFolder("cache")
        let rules = TestSupport.temporaryFolder("rules")
        defer { TestSupport.remove(cache); TestSupport.remove(rules) }
        let file = rules.appendingPathComponent("x/extra.yaml")
        try TestSupport.write(["x/extra.yaml": TestSupport.ruleYAML(id: "x.extra", body: "regex: '無效退費'",
                                                                   examples: "  match: [⟦無效退費⟧, 說好⟦無效退費⟧]\n  no-match: [退費, 無效]")], in: rules)
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
        #expect(ruleCaches(cache).count == 2)

        // A rule file broken after a cached run: the error is reported from the file.
        try original.replacingOccurrences(of: "regex: '無效退費'", with: "regex: '無效(退費'").write(to: file, atomically: false, encoding: .utf8)
        let broken = try check(["--rules", rules.path], cache: cache)
        #expect(broken.status == 2)
        #expect(broken.stderr.contains("extra.yaml:"))
        #expect(ruleCaches(cache).count == 2)
    }

    @Test func noCacheWritesNoRuleSet() throws {
        let cache = TestSupport.temporaryFolder("cache")
        defer { TestSupport.remove(cache) }
        #expect(try check(["--no-cache"], cache: cache).status == 1)
        #expect(ruleCaches(cache).isEmpty)
    }
}
