import Foundation
import Testing
import TestSupport

/// Bounded work in every parser: Office XML in any encoding, YAML aliases, quadratic HTML
/// and Markdown cases, memory proportional to the input.
extension HostilePullRequestSuite {
    // MARK: 3. XML entities hidden by UTF-16

    @Test("3. a DOCTYPE in a UTF-16 or UTF-7 Office part is refused, not expanded")
    func entitiesInAnyEncodingAreRefused() throws {
        let folder = TestSupport.temporaryFolder("hostile-xml")
        defer { TestSupport.remove(folder) }
        for kind in ["entity-utf16", "entity-utf16-nobom", "utf7"] {
            try HostileInputSuite.makeArchive(kind, at: folder.appendingPathComponent("\(kind).docx"))
            let run = try GuardedRun.adlaw(["check", "--", "\(kind).docx"], in: folder, hangGuardSeconds: 120)
            run.expectSurvived(exitCodes: [2], memoryMiB: 512, naming: "\(kind).docx: error:")
            #expect(run.stderr.contains(kind == "utf7" ? "declares the encoding UTF-7" : "declares a DOCTYPE or ENTITY"), "\(kind): \(run.stderr)")
        }
    }

    // MARK: 12. Large Office parts are read, not called damaged

    @Test("12. Office parts above 10 MB are read to the end")
    func largeOfficePartsAreRead() throws {
        let folder = TestSupport.temporaryFolder("hostile-xml")
        defer { TestSupport.remove(folder) }
        try HostileInputSuite.makeArchive("large-part", at: folder.appendingPathComponent("large.docx"))
        try HostileInputSuite.makeArchive("many-strings", at: folder.appendingPathComponent("strings.xlsx"))
        // 150,001 paragraphs in a 2 MB file: above the default memory budget (64 MB), so it is raised.
        let run = try GuardedRun.adlaw(["check", "--format", "line", "--no-builtin-rules", "--rules", Self.smallRules, "--fail-on", "info",
                                        "--max-memory", "1073741824", "--", "large.docx", "strings.xlsx"], in: folder, hangGuardSeconds: 600)
        run.expectSurvived(exitCodes: [1], memoryMiB: 2048)
        #expect(!run.stderr.contains("malformed"), "\(run.stderr.prefix(1000))")
        // The last paragraph of the 17 MB part, and the last of 400,001 shared strings.
        #expect(run.stdout.contains("large.docx:150001:3:info:claims.first-brand:"))
        #expect(run.stdout.contains("strings.xlsx:1:3:info:claims.first-brand:"))
    }
}

extension HostilePullRequestSuite {
    // MARK: 4. YAML aliases

    /// A billion-laughs chain of anchors: `l9` stands for 10^9 scalars.
    static let laughs = "l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        + (1...9).map { "l\($0): &l\($0) [" + Array(repeating: "*l\($0 - 1)", count: 10).joined(separator: ", ") + "]\n" }.joined()

    @Test("4. YAML aliases in rule files, configs and front matter cannot amplify")
    func yamlAliasesHaveABudget() throws {
        let folder = TestSupport.temporaryFolder("hostile-yaml")
        defer { TestSupport.remove(folder) }
        let big = "\"" + String(repeating: "字", count: 100_000) + "\""
        let aliases = Array(repeating: "*s", count: 20_000).joined(separator: ", ")
        try TestSupport.write([
            "rules/laws.yaml": TestSupport.lawsYAML, "rules/sectors.yaml": TestSupport.sectorsYAML,
            "rules/x/ok.yaml": TestSupport.ruleYAML(id: "x.ok", body: "terms: [第一品牌]",
                                                    examples: "  match: [⟦第一品牌⟧, 全台⟦第一品牌⟧]\n  no-match: [b, 中文]"),
            "tags/x/tags.yaml": TestSupport.ruleYAML(id: "x.tags", body: "terms: [第一品牌]\ntags: [&s \(big), \(aliases)]"),
            "terms/x/terms.yaml": TestSupport.ruleYAML(id: "x.terms", body: "terms: [&s \(big), \(aliases)]"),
            "key/x/key.yaml": Self.laughs + "? *l9\n: 1\n",
            "copy.md": "全台第一品牌\n",
        ], in: folder)
        for name in ["tags", "terms", "key"] {
            let run = try GuardedRun.adlaw(["check", "--no-builtin-rules", "--rules", "rules", "--rules", name, "--", "copy.md"],
                                           in: folder, hangGuardSeconds: 120)
            run.expectSurvived(exitCodes: [2], memoryMiB: 512, naming: "\(name)/x/\(name).yaml:")
            #expect(run.stderr.contains("error: YAML aliases (`*name`) expand the file past"), "\(name): \(run.stderr.prefix(600))")
        }

        // A config whose `exclude:` is aliased thousands of times.
        let globs = (0..<1_000).map { "\"drafts/\($0)/**\"" }.joined(separator: ", ")
        let config = "sectors:\n  - paths: &g [\(globs)]\n    sectors: [food]\nexclude: [" + Array(repeating: "*g", count: 5_000).joined(separator: ", ") + "]\n"
        try TestSupport.write([".adlaw.yml": config], in: folder)
        let configured = try GuardedRun.adlaw(["check", "--no-builtin-rules", "--rules", "rules", "--", "copy.md"], in: folder, hangGuardSeconds: 120)
        configured.expectSurvived(exitCodes: [2], memoryMiB: 512, naming: ".adlaw.yml:")
        #expect(configured.stderr.contains("YAML aliases (`*name`) expand the file past"))

        // A little sharing is still fine.
        try TestSupport.write([".adlaw.yml": "sectors:\n  - paths: &drafts [\"drafts/**\"]\n    sectors: [food]\nexclude: *drafts\n"], in: folder)
        let shared = try GuardedRun.adlaw(["check", "--no-builtin-rules", "--rules", "rules", "--fail-on", "info", "--", "copy.md"], in: folder)
        shared.expectSurvived(exitCodes: [1])

        // Front matter in the copy itself: the aliases are refused and the copy still checked.
        try FileManager.default.removeItem(at: folder.appendingPathComponent(".adlaw.yml"))
        try TestSupport.write(["laughs.md": "---\n" + Self.laughs + "sector: *l9\n---\n全台第一品牌\n"], in: folder)
        let front = try GuardedRun.adlaw(["check", "--no-builtin-rules", "--rules", "rules", "--fail-on", "info", "--format", "line", "--", "laughs.md"],
                                         in: folder, hangGuardSeconds: 120)
        front.expectSurvived(exitCodes: [1], memoryMiB: 512)
        #expect(front.stderr.contains("laughs.md:1:1: warning: the front matter's YAML aliases"))
        #expect(front.stdout.contains("laughs.md:14:3:error:x.ok:"))
    }
}

extension HostilePullRequestSuite {
    // MARK: 5. Quadratic HTML and Markdown

    @Test("5. markup the HTML and Markdown parsers read in quadratic time is refused in linear time")
    func quadraticMarkupIsRefusedQuickly() throws {
        let folder = TestSupport.temporaryFolder("hostile-quadratic")
        defer { TestSupport.remove(folder) }
        let attributes = (0..<1_000_000).map { "a\($0)" }.joined(separator: " ")
        let columns = 20_000
        try TestSupport.write([
            "self-closing.html": String(repeating: "<div/>", count: 300_000) + "全台第一品牌",
            "attributes.html": "<p \(attributes)>全台第一品牌</p>",
            "images.md": String(repeating: "![[]()", count: 100_000) + "\n\n全台第一品牌\n",
            "table.md": "|" + String(repeating: "欄|", count: columns) + "\n|" + String(repeating: "-|", count: columns) + "\n|"
                + String(repeating: "全|", count: columns) + "\n\n全台第一品牌\n",
            // Real markup of the same kinds is read as before.
            "fine.html": "<svg><path/><path/></svg><p class=\"a\" id=b>全台第一品牌</p>" + String(repeating: "<br/>", count: 5_000),
            "fine.md": "| 品項 | 說明 |\n|---|---|\n| 茶 | 全台第一品牌 |\n\n" + String(repeating: "[連結](https://example.com) ", count: 500) + "\n",
        ], in: folder)
        let expected = [
            "self-closing.html": "HTML elements nested more than 1000 deep",
            "attributes.html": "a tag with more than 1000 attributes",
            "images.md": "a paragraph with more than 10000 `[`",
            "table.md": "a table row with more than 1000 cells",
        ]
        for (name, what) in expected.sorted(by: { $0.key < $1.key }) {
            let run = try GuardedRun.adlaw(["check", "--no-builtin-rules", "--rules", Self.smallRules, "--", name], in: folder, hangGuardSeconds: 60)
            run.expectSurvived(exitCodes: [2], memoryMiB: 1024, naming: "\(name): error: the file exceeds a safety limit: \(what)")
        }
        let fine = try GuardedRun.adlaw(["check", "--no-builtin-rules", "--rules", Self.smallRules, "--fail-on", "info", "--format", "line",
                                         "--", "fine.html", "fine.md"], in: folder, hangGuardSeconds: 60)
        fine.expectSurvived(exitCodes: [1])
        #expect(fine.stdout.contains("fine.html:1:") && fine.stdout.contains("fine.md:3:"), "\(fine.combined.prefix(800))")
    }
}

extension HostilePullRequestSuite {
    // MARK: 6. Memory bounded by the input

    @Test("6. copy dense with findings, sheets of tiny cells and repeated slides stay within a memory bound")
    func memoryIsBoundedByTheInput() throws {
        let folder = TestSupport.temporaryFolder("hostile-memory")
        defer { TestSupport.remove(folder) }
        // 2 MB of risky phrases: about 150,000 findings, which took 957 MB (6.2 GB for 64 MiB).
        let line = "全台第一品牌，保證有效，最便宜，100%根治。\n"
        let dense = String(repeating: line, count: 2_000_000 / line.utf8.count)
        // 4 MB of two-byte cells: 2,000,000 fields (a 16 MB one took 8.6 GB).
        let cells = String(repeating: String(repeating: "好,", count: 999) + "好\n", count: 1_000)
        let dense4 = String(repeating: line, count: 4_000_000 / line.utf8.count)
        try TestSupport.write(["dense.txt": dense, "dense4.txt": dense4, "one.txt": line, "cells.csv": cells], in: folder)
        try HostileInputSuite.makeArchive("dense-cells", at: folder.appendingPathComponent("cells.xlsx"))
        try HostileInputSuite.makeArchive("slide-repeated", at: folder.appendingPathComponent("slides.pptx"))

        let run = try GuardedRun.adlaw(["check", "--format", "json", "--", "dense.txt"], in: folder, hangGuardSeconds: 900)
        run.expectSurvived(exitCodes: [1], memoryMiB: 512)
        // About ten times the file above what a one-line file takes (the rule pack): the
        // prefilter's windows are capped per segment (an 8 MB file took 394 MB, 42 times).
        let small = try GuardedRun.adlaw(["check", "--format", "json", "--", "one.txt"], in: folder, hangGuardSeconds: 900)
        small.expectSurvived(exitCodes: [1])
        let quadruple = try GuardedRun.adlaw(["check", "--format", "json", "--", "dense4.txt"], in: folder, hangGuardSeconds: 900)
        quadruple.expectSurvived(exitCodes: [1], memoryMiB: 512)
        if ProcessInfo.processInfo.environment["ADLAW_SANITIZER"] == nil {
            #expect(quadruple.peakMemoryMiB - small.peakMemoryMiB <= 15 * 4,
                    "4 MB of dense copy took \(quadruple.peakMemoryMiB) MiB, a one-line file \(small.peakMemoryMiB) MiB")
        }
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let findings = try #require(json["findings"] as? [[String: Any]])
        #expect(findings.count >= 1_000 && findings.count <= 10_000, "\(findings.count) findings")
        let diagnostics = try #require(json["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.contains { $0["code"] as? String == "finding-limit" && $0["ruleId"] as? String == "fair-trade.superlative" },
                "\(diagnostics)")

        // Twelve rules that each match on every line: 1,000 findings each, 10,000 in all.
        var rules = ["rules/laws.yaml": TestSupport.lawsYAML, "rules/sectors.yaml": TestSupport.sectorsYAML]
        for index in 1...12 {
            rules["rules/x/r\(index).yaml"] = TestSupport.ruleYAML(id: "x.r\(index)", body: "terms: [第一品牌]",
                                                                  examples: "  match: [⟦第一品牌⟧, 全台⟦第一品牌⟧]\n  no-match: [b, 中文]")
        }
        try TestSupport.write(rules, in: folder)
        let capped = try GuardedRun.adlaw(["check", "--no-builtin-rules", "--rules", "rules", "--format", "line", "--", "dense.txt"], in: folder,
                                          hangGuardSeconds: 900)
        capped.expectSurvived(exitCodes: [1], memoryMiB: 512)
        #expect(capped.stdout.split(separator: "\n").count == 10_000)
        #expect(capped.stderr.contains("dense.txt: warning: rule x.r1 matched more than 1000 times in this file; only the first 1000 are reported"))
        #expect(capped.stderr.contains("dense.txt: warning: more than 10000 findings in this file; only the first 10000 are reported, at least 2000 more were left out"),
                "\(capped.stderr.prefix(2000))")
        // The first ones in the file are kept, whichever rule found them.
        #expect(capped.stdout.hasPrefix("dense.txt:1:3:"))

        // Refused at the cells their memory budget allows (64 MB: these files are small).
        for (name, what) in [("cells.csv", "non-empty fields"), ("cells.xlsx", "cells with text")] {
            let refused = try GuardedRun.adlaw(["check", "--", name], in: folder, hangGuardSeconds: 600)
            refused.expectSurvived(exitCodes: [2], memoryMiB: 512, naming: "\(name): error: the file exceeds a safety limit: more than ")
            #expect(refused.stderr.contains(what) && refused.stderr.contains("more than its memory budget of 64 MB (10 times its size, at least 64 MB, at most 2048 MB) allows"),
                    "\(refused.stderr.prefix(1000))")
        }
        let slides = try GuardedRun.adlaw(["check", "--format", "line", "--", "slides.pptx"], in: folder, hangGuardSeconds: 600)
        slides.expectSurvived(exitCodes: [1], memoryMiB: 512)
    }
}

extension HostilePullRequestSuite {
    // MARK: 6. A memory budget of about ten times the file's size

    @Test("6. a file whose copy would take more than its memory budget is refused with the budget named")
    func memoryBudget() throws {
        let folder = TestSupport.temporaryFolder("hostile-budget")
        defer { TestSupport.remove(folder) }
        // 240 KB of 60,000 one-character fields, and 300 KB of 60,000 one-character paragraphs:
        // each field or paragraph is a segment of its own (about 1.3 KB checked), 78 MB in
        // all, above the 64 MB every file may use. 10,000 fields are within it.
        let fields = String(repeating: String(repeating: "好,", count: 599) + "好\n", count: 100)
        let paragraphs = String(repeating: "好\n\n", count: 60_000)
        let within = String(repeating: String(repeating: "好,", count: 99) + "全台第一品牌\n", count: 100)
        try TestSupport.write(["fields.csv": fields, "paragraphs.md": paragraphs, "within.csv": within], in: folder)

        let csv = try GuardedRun.adlaw(["check", "--", "fields.csv"], in: folder, hangGuardSeconds: 600)
        csv.expectSurvived(exitCodes: [2], memoryMiB: 256,
                           naming: "fields.csv: error: the file exceeds a safety limit: more than 51437 non-empty fields (from ")
        #expect(csv.stderr.contains("more than its memory budget of 64 MB (10 times its size, at least 64 MB, at most 2048 MB) allows; split the file to check it"),
                "\(csv.stderr.prefix(1000))")

        let markdown = try GuardedRun.adlaw(["check", "--", "paragraphs.md"], in: folder, hangGuardSeconds: 600)
        markdown.expectSurvived(exitCodes: [2], memoryMiB: 256,
                                naming: "paragraphs.md: error: the file exceeds a safety limit: checking its 60000 segments (1 MB of text) would take about 77 MB of memory, above its memory budget of 64 MB (10 times its size, at least 64 MB, at most 2048 MB); split the file to check it")

        // Office copy is counted as it is read: 150,001 paragraphs in a 2 MB .docx.
        try HostileInputSuite.makeArchive("large-part", at: folder.appendingPathComponent("large.docx"))
        let word = try GuardedRun.adlaw(["check", "--", "large.docx"], in: folder, hangGuardSeconds: 600)
        // Counted while the part is read, and the parse stopped there: 147 MiB, where
        // collecting every paragraph first took 261 MiB.
        word.expectSurvived(exitCodes: [2], memoryMiB: 200,
                            naming: "large.docx: error: the file exceeds a safety limit: its copy would take more than 64 MB of memory to check (")
        #expect(word.stderr.contains("above its memory budget of 64 MB (10 times its size, at least 64 MB, at most 2048 MB); split the file to check it"))

        // A budget given with a unit is that many bytes; an impossible one is a usage error.
        let tight = try GuardedRun.adlaw(["check", "--max-memory", "1M", "--", "within.csv"], in: folder, hangGuardSeconds: 600)
        tight.expectSurvived(exitCodes: [2], memoryMiB: 256, naming: "within.csv: error: the file exceeds a safety limit: ")
        #expect(tight.stderr.contains("memory budget of 1 MB (set for every file by --max-memory)"), "\(tight.stderr.prefix(1000))")
        let zero = try GuardedRun.adlaw(["check", "--max-memory", "0", "--", "within.csv"], in: folder, hangGuardSeconds: 600)
        zero.expectSurvived(exitCodes: [2], memoryMiB: 256)
        #expect(zero.stderr.contains("--max-memory") && zero.stderr.contains("give a number of bytes of at least 1048576 (1 MiB)")
                && zero.stdout.isEmpty, "\(zero.stderr.prefix(1000))")

        let fine = try GuardedRun.adlaw(["check", "--format", "line", "--", "within.csv"], in: folder, hangGuardSeconds: 600)
        fine.expectSurvived(exitCodes: [1], memoryMiB: 256)
        #expect(!fine.stderr.contains("safety limit") && fine.stdout.contains("within.csv:100:199:"), "\(fine.combined.prefix(1000))")
    }
}
