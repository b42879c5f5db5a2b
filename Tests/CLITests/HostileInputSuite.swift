import Foundation
import Testing
import TestSupport

/// Inputs that users run adlaw on without having written them: broken, huge, deep,
/// mislabelled, unreadable, looping, and rules that are expensive or many. Each case must
/// end on its own (exit code 0, 1 or 2, never a signal, never the hang guard) within a memory
/// bound, with a message naming the file. Inputs are generated in temporary folders. The
/// 200 MB cases are in `HostileLargeInputSuite`.
@Suite(.serialized) struct HostileInputSuite {
    /// A small rule folder (terms 第一品牌, 銷售第一, ...) for the cases about input size, so
    /// the time goes to reading, decoding and mapping rather than to the whole rule pack.
    static let smallRules = TestSupport.packageRoot.appendingPathComponent("Tests/Fixtures/rules").path

    @Test func invalidUTF8IsNotedAndTheRestIsChecked() throws {
        let folder = TestSupport.temporaryFolder("hostile")
        defer { TestSupport.remove(folder) }
        var bytes = Array("第一行\n可以".utf8) + [0xFF, 0xFE, 0xC3, 0x28, 0xED, 0xA0, 0x80] + Array("預防感冒\n".utf8)
        bytes += [0xF4, 0x90, 0x80, 0x80, 0xE6, 0x84] // out of range, then a truncated character at the end
        try Data(bytes).write(to: folder.appendingPathComponent("bad-utf8.txt"))
        let run = try GuardedRun.adlaw(["check", "bad-utf8.txt", "--sector", "food", "--no-color"], in: folder)
        run.expectSurvived(exitCodes: [1], naming: "bad-utf8.txt")
        #expect(run.stderr.contains("bad-utf8.txt:2:3: note: the file has"))
        #expect(run.stdout.contains("bad-utf8.txt:2:") && run.stdout.contains("預防感冒"))
    }

    @Test func nulBytesSkipABinaryFileAndNeverStopARun() throws {
        let folder = TestSupport.temporaryFolder("hostile")
        defer { TestSupport.remove(folder) }
        try Data([0x00, 0x01] + Array("可以預防感冒".utf8)).write(to: folder.appendingPathComponent("nul.md"))
        // A NUL past the first 8 KiB is not sniffed as binary: it is text with a NUL in it.
        let late = Array(String(repeating: "本店營業時間為上午十點。\n", count: 400).utf8) + [0] + Array("可以預防感冒\n".utf8)
        try Data(late).write(to: folder.appendingPathComponent("late-nul.txt"))
        let run = try GuardedRun.adlaw(["check", "nul.md", "late-nul.txt", "--sector", "food", "--no-color"], in: folder)
        run.expectSurvived(exitCodes: [1], naming: "nul.md")
        #expect(run.stderr.contains("nul.md: warning: binary file skipped"))
        #expect(run.stdout.contains("late-nul.txt:401:4: error:"))

        let stdin = folder.appendingPathComponent("stdin.bin")
        try Data([0x00, 0x00, 0xFF] + Array("預防感冒".utf8)).write(to: stdin)
        let piped = try GuardedRun.adlaw(["check", "-", "--stdin-filename", "piped.txt"], in: folder, stdin: stdin)
        piped.expectSurvived(exitCodes: [0], naming: "piped.txt")
    }

    @Test func oneTwentyMegabyteLine() throws {
        let folder = TestSupport.temporaryFolder("hostile")
        defer { TestSupport.remove(folder) }
        // 20 MB without a line break, with a finding every 100 KB.
        let filler = Array(String(repeating: "我們的門市位於市中心，歡迎蒞臨參觀。", count: 1_900).utf8)
        var line: [UInt8] = []
        line.reserveCapacity(21_000_000)
        while line.count < 20_000_000 {
            line += filler
            line += Array("全台第一品牌".utf8)
        }
        try Data(line).write(to: folder.appendingPathComponent("one-line.txt"))
        let refused = try GuardedRun.adlaw(["check", "one-line.txt", "--max-file-size", "1000000"], in: folder)
        refused.expectSurvived(exitCodes: [2], memoryMiB: 256, naming: "one-line.txt")
        #expect(refused.stderr.contains("one-line.txt: error: the file is \(line.count) bytes, above the 1000000-byte limit"))

        let run = try GuardedRun.adlaw(["check", "one-line.txt", "--max-file-size", "30000000", "--no-builtin-rules",
                                        "--rules", Self.smallRules, "--fail-on", "info", "--format", "json"], in: folder)
        run.expectSurvived(exitCodes: [1], memoryMiB: 2048, naming: "one-line.txt")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let findings = try #require(json["findings"] as? [[String: Any]])
        #expect(findings.count == line.count / (filler.count + 18))
        #expect(findings.allSatisfy { $0["line"] as? Int == 1 })
        // Snippets are cut around the match: the output does not repeat the 20 MB line per finding.
        #expect(run.stdoutBytes < findings.count * 4_000)
        let last = try #require(findings.last)
        #expect(last["column"] as? Int == (findings.count - 1) * (filler.count / 3 + 6) + filler.count / 3 + 3)
    }

    @Test func aHundredThousandSmallFiles() throws {
        let folder = TestSupport.temporaryFolder("hostile")
        defer { TestSupport.remove(folder) }
        let fm = FileManager.default
        let body = Data("新品上市，全台第一品牌。\n".utf8)
        for group in 0..<100 {
            let sub = folder.appendingPathComponent("copy/g\(group)")
            try fm.createDirectory(at: sub, withIntermediateDirectories: true)
            for index in 0..<1_000 {
                guard fm.createFile(atPath: sub.appendingPathComponent("f\(index).txt").path, contents: body) else {
                    Issue.record("cannot create the test files in \(sub.path)")
                    return
                }
            }
        }
        let run = try GuardedRun.adlaw(["check", "copy", "--no-builtin-rules", "--rules", Self.smallRules, "--fail-on", "info", "--format", "line"], in: folder)
        run.expectSurvived(exitCodes: [1], memoryMiB: 2048)
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 100_000)
        #expect(lines.first?.hasPrefix("copy/g0/f0.txt:1:8:info:claims.first-brand:") == true)
        #expect(Set(lines.map { $0.split(separator: ":").first ?? "" }).count == 100_000)
    }

    @Test func officeArchiveAttacksAreRefusedByName() throws {
        let folder = TestSupport.temporaryFolder("hostile")
        defer { TestSupport.remove(folder) }
        let kinds = ["bomb", "laughs", "laughs-utf16", "xxe", "deep", "truncated", "many-entries"]
        for kind in kinds {
            try Self.makeArchive(kind, at: folder.appendingPathComponent("\(kind).docx"))
        }
        for kind in kinds {
            // Refused by a safety limit or as damaged (exit 2), by name.
            let run = try GuardedRun.adlaw(["check", "\(kind).docx", "--no-color"], in: folder)
            run.expectSurvived(exitCodes: [2], memoryMiB: 1024, naming: "\(kind).docx: error:")
            // `extract` prints whatever text was read: no entity may have been expanded or resolved.
            let text = try GuardedRun.adlaw(["extract", "\(kind).docx"], in: folder)
            text.expectSurvived(exitCodes: [2], memoryMiB: 1024, naming: "\(kind).docx")
            #expect(!text.combined.contains("root:x:0:0"), "\(kind): an external entity was resolved")
            #expect(!text.combined.contains("lollollol"), "\(kind): entities were expanded")
        }
        // The same files found by walking a folder.
        let walked = try GuardedRun.adlaw(["check", "."], in: folder)
        walked.expectSurvived(memoryMiB: 1024)
    }

    @Test func entityDeclarationsInHTMLAndXMLAreNeverExpanded() throws {
        let folder = TestSupport.temporaryFolder("hostile")
        defer { TestSupport.remove(folder) }
        let dtd = "<!DOCTYPE lolz [<!ENTITY lol \"lol\">" + (1...9).map { level in
            "<!ENTITY lol\(level) \"" + String(repeating: level == 1 ? "&lol;" : "&lol\(level - 1);", count: 10) + "\">"
        }.joined() + "<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
        try TestSupport.write([
            "laughs.html": "<?xml version=\"1.0\"?>\(dtd)<html><body><p>&lol9; &xxe; 全台第一品牌</p></body></html>",
            "laughs.xml": "<?xml version=\"1.0\"?>\(dtd)<copy>&lol9; &xxe;</copy>",
            "laughs.md": "\(dtd)\n\n&lol9; &xxe;\n",
        ], in: folder)
        for name in ["laughs.html", "laughs.xml", "laughs.md"] {
            let run = try GuardedRun.adlaw(["check", name, "--no-builtin-rules", "--rules", Self.smallRules, "--fail-on", "info", "--no-color"], in: folder)
            run.expectSurvived(memoryMiB: 512)
            // `extract` prints the text that was read: the entity references stay as written.
            let text = try GuardedRun.adlaw(["extract", name], in: folder)
            text.expectSurvived(exitCodes: [0], memoryMiB: 512)
            #expect(!text.combined.contains("lollollol") && !text.combined.contains("root:x:0:0"), "\(name): \(text.stdout.prefix(300))")
            #expect(!run.combined.contains("root:x:0:0"), "\(name): an external entity was resolved")
            #expect(!run.combined.contains("lollollol"), "\(name): entities were expanded")
        }
    }

    @Test func aHundredThousandDeepNesting() throws {
        let folder = TestSupport.temporaryFolder("hostile")
        defer { TestSupport.remove(folder) }
        let depth = 100_000
        try TestSupport.write([
            "div.html": String(repeating: "<div>", count: depth) + "全台第一品牌" + String(repeating: "</div>", count: depth),
            "span.html": String(repeating: "<span><b>", count: depth / 2) + "全台第一品牌",
            "quote.md": String(repeating: ">", count: depth) + " 全台第一品牌\n",
            "list.md": (0..<2_000).map { String(repeating: "  ", count: $0) + "- 全台第一品牌\n" }.joined(),
            "brackets.md": String(repeating: "[", count: depth) + "全台第一品牌" + String(repeating: "](x)", count: depth) + "\n",
            "emphasis.md": String(repeating: "*", count: depth) + "全台第一品牌" + String(repeating: "*", count: depth) + "\n",
            "inline-html.md": "前言\n\n" + String(repeating: "<div>", count: depth) + "\n\n全台第一品牌\n",
            "nested.xml": String(repeating: "<a>", count: depth) + "全台第一品牌" + String(repeating: "</a>", count: depth),
        ], in: folder)
        for name in ["div.html", "span.html"] {
            let run = try GuardedRun.adlaw(["check", name, "--no-builtin-rules", "--rules", Self.smallRules, "--fail-on", "info"], in: folder)
            run.expectSurvived(exitCodes: [2], memoryMiB: 512, naming: name)
            #expect(run.stderr.contains("\(name): error: the file exceeds a safety limit: HTML elements nested more than"))
        }
        for name in ["quote.md", "list.md", "brackets.md", "emphasis.md", "inline-html.md", "nested.xml"] {
            let run = try GuardedRun.adlaw(["check", name, "--no-builtin-rules", "--rules", Self.smallRules, "--fail-on", "info", "--format", "line"], in: folder)
            run.expectSurvived(memoryMiB: 1024, naming: name)
        }
        try Self.makeArchive("deep", at: folder.appendingPathComponent("deep.docx"))
        let office = try GuardedRun.adlaw(["check", "deep.docx"], in: folder)
        office.expectSurvived(memoryMiB: 1024, naming: "deep.docx")
    }

    @Test func truncatedAndMislabelledFiles() throws {
        let folder = TestSupport.temporaryFolder("hostile")
        defer { TestSupport.remove(folder) }
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52]
        try Data(png).write(to: folder.appendingPathComponent("image.md"))
        try Data([0xFF, 0xFE] + Array("全台第一品牌".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] } + [0x41])
            .write(to: folder.appendingPathComponent("odd-utf16.txt"))
        try Data([0xFE, 0xFF] + Array("<p>全台第一品牌</p>".utf16).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] })
            .write(to: folder.appendingPathComponent("utf16.html"))
        try Data(Array("全台第一品牌".utf8).dropLast(1)).write(to: folder.appendingPathComponent("cut-char.txt"))
        try TestSupport.write([
            "cut-tag.html": "<html><body><p>全台第一品牌</p><div class=\"x",
            "cut-comment.html": "<p>全台第一品牌</p><!-- never closed",
            "cut-fence.md": "全台第一品牌\n\n```js\nconst a = 1;\n",
            "cut-front-matter.md": "---\nsector: food\ntitle: [unclosed\n",
            "html-as.txt": "<p>全台<b>第一品牌</b></p>",
            "markdown-as.html": "# 標題\n\n全台**第一品牌**\n",
            "json-as.md": "{\"copy\": \"全台第一品牌\", \"nested\": [[[[1]]]]}",
        ], in: folder)
        try Self.makeArchive("truncated", at: folder.appendingPathComponent("truncated.docx"))
        try Data([0x25, 0x50, 0x44, 0x46, 0x2D, 0x31, 0x2E, 0x34, 0x0A]).write(to: folder.appendingPathComponent("cut.pdf"))
        try FileManager.default.copyItem(at: folder.appendingPathComponent("truncated.docx"), to: folder.appendingPathComponent("docx-as.md"))

        let names = ["image.md", "odd-utf16.txt", "utf16.html", "cut-char.txt", "cut-tag.html", "cut-comment.html", "cut-fence.md",
                     "cut-front-matter.md", "html-as.txt", "markdown-as.html", "json-as.md", "truncated.docx", "cut.pdf", "docx-as.md"]
        var outcomes: [String: Int32] = [:]
        for name in names {
            let run = try GuardedRun.adlaw(["check", name, "--no-builtin-rules", "--rules", Self.smallRules, "--fail-on", "info", "--no-color"], in: folder)
            // A file that was not checked as it should be is named in a message.
            run.expectSurvived(memoryMiB: 512, naming: run.exitCode == 2 || !run.stderr.isEmpty ? name : nil)
            outcomes[name] = run.exitCode
        }
        #expect(outcomes["image.md"] == 0) // binary: skipped with a warning
        #expect(outcomes["odd-utf16.txt"] == 2) // refused: UTF-16 with an odd number of bytes
        #expect(outcomes["utf16.html"] == 1) // decoded and checked
        #expect(outcomes["cut-tag.html"] == 1 && outcomes["cut-comment.html"] == 1 && outcomes["cut-fence.md"] == 1)
        #expect(outcomes["html-as.txt"] == 1 && outcomes["markdown-as.html"] == 1 && outcomes["json-as.md"] == 1)
    }

    @Test func unreadableInputsAreNamedAndTheOthersChecked() throws {
        let folder = TestSupport.temporaryFolder("hostile")
        defer { TestSupport.remove(folder) }
        try TestSupport.write(["ok.txt": "全台第一品牌\n", "plain.txt": "x\n"], in: folder)
        let fifo = folder.appendingPathComponent("walked/pipe.md").path
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("walked"), withIntermediateDirectories: true)
        #expect(mkfifo(fifo, 0o644) == 0)
        try TestSupport.write(["walked/copy.md": "全台第一品牌\n"], in: folder)
        var arguments = ["check", "ok.txt", "missing.md", "plain.txt/inside.md", "walked",
                         "--no-builtin-rules", "--rules", Self.smallRules, "--fail-on", "info", "--format", "line"]
        var unreadableName: String?
        if getuid() != 0 {
            // Root reads any file, so a mode-000 file is unreadable only for other users.
            try TestSupport.write(["secret.txt": "全台第一品牌\n"], in: folder)
            chmod(folder.appendingPathComponent("secret.txt").path, 0)
            arguments.append("secret.txt")
            unreadableName = "secret.txt"
        }
        let run = try GuardedRun.adlaw(arguments, in: folder, hangGuardSeconds: 300)
        run.expectSurvived(exitCodes: [2], memoryMiB: 512)
        #expect(run.stderr.contains("missing.md: error: no such file or folder"))
        #expect(run.stderr.contains("plain.txt/inside.md: error: no such file or folder"))
        #expect(run.stderr.contains("walked/pipe.md: note: not a regular file"))
        if let unreadableName { #expect(run.stderr.contains("\(unreadableName): error: cannot read the file")) }
        // The readable inputs were still checked.
        #expect(run.stdout.contains("ok.txt:1:3:info:claims.first-brand:"))
        #expect(run.stdout.contains("walked/copy.md:1:3:info:claims.first-brand:"))
    }

    @Test func symbolicLinkLoopsAreDetected() throws {
        let folder = TestSupport.temporaryFolder("hostile")
        defer { TestSupport.remove(folder) }
        let fm = FileManager.default
        try TestSupport.write(["tree/a/copy.md": "全台第一品牌\n", "tree/b/other.md": "銷售第一\n"], in: folder)
        let tree = folder.appendingPathComponent("tree")
        try fm.createSymbolicLink(atPath: tree.appendingPathComponent("a/up").path, withDestinationPath: "..")
        try fm.createSymbolicLink(atPath: tree.appendingPathComponent("a/to-b").path, withDestinationPath: "../b")
        try fm.createSymbolicLink(atPath: tree.appendingPathComponent("b/to-a").path, withDestinationPath: "../a")
        try fm.createSymbolicLink(atPath: tree.appendingPathComponent("self.md").path, withDestinationPath: "self.md")
        try fm.createSymbolicLink(atPath: tree.appendingPathComponent("ping.md").path, withDestinationPath: "pong.md")
        try fm.createSymbolicLink(atPath: tree.appendingPathComponent("pong.md").path, withDestinationPath: "ping.md")
        try fm.createSymbolicLink(atPath: tree.appendingPathComponent("gone.md").path, withDestinationPath: "nowhere.md")

        let run = try GuardedRun.adlaw(["check", "tree", "--no-builtin-rules", "--rules", Self.smallRules, "--fail-on", "info", "--format", "line"], in: folder)
        run.expectSurvived(exitCodes: [1], memoryMiB: 512)
        #expect(run.stderr.contains("symbolic-link loop"))
        #expect(run.stderr.contains("tree/self.md: note: symbolic-link loop; skipped"))
        #expect(run.stderr.contains("tree/gone.md: note: symbolic link to nothing; skipped"))
        // Each real file is checked once, whatever the links.
        #expect(run.stdout.split(separator: "\n").count == 2)

        let named = try GuardedRun.adlaw(["check", "tree/self.md", "tree/ping.md", "tree/a/copy.md", "--no-builtin-rules",
                                          "--rules", Self.smallRules, "--fail-on", "info", "--format", "line"], in: folder)
        named.expectSurvived(exitCodes: [2], memoryMiB: 512)
        #expect(named.stderr.contains("tree/self.md: error: cannot read the file (a symbolic-link loop)"))
        #expect(named.stderr.contains("tree/ping.md: error: cannot read the file (a symbolic-link loop)"))
        #expect(named.stdout.contains("tree/a/copy.md:1:3:info:"))
    }

    @Test func aCatastrophicallyBacktrackingRuleIsStoppedPerFile() throws {
        let folder = TestSupport.temporaryFolder("hostile")
        defer { TestSupport.remove(folder) }
        try TestSupport.write([
            "rules/x/slow.yaml": TestSupport.ruleYAML(id: "x.slow", body: "regex: '(?:a+)+$'",
                                                      examples: "  match: [⟦aaa⟧, ⟦a⟧]\n  no-match: [b, 中文]"),
            "rules/x/fast.yaml": TestSupport.ruleYAML(id: "x.fast", body: "terms: [第一品牌]",
                                                      examples: "  match: [⟦第一品牌⟧, 全台⟦第一品牌⟧]\n  no-match: [b, 中文]"),
        ], in: folder)
        try TestSupport.write([
            "slow-1.txt": String(repeating: String(repeating: "a", count: 5_000) + "b\n", count: 20) + "第一品牌\n",
            "slow-2.md": String(repeating: "a", count: 30_000) + "b\n\n第一品牌\n",
        ], in: folder)
        let run = try GuardedRun.adlaw(["check", "slow-1.txt", "slow-2.md", "--rules", "rules", "--only", "x.*", "--format", "line"], in: folder)
        run.expectSurvived(exitCodes: [1], memoryMiB: 512)
        for name in ["slow-1.txt", "slow-2.md"] {
            // The sentences where the pattern cannot finish are skipped and counted, by rule.
            #expect(run.stderr.contains("\(name): warning: rule x.slow could not finish matching in"), "\(run.stderr)")
        }
        // The other rule still ran on both files.
        #expect(run.stdout.contains("slow-1.txt:21:1:") && run.stdout.contains("slow-2.md:3:1:"))
    }

    @Test func tenThousandRules() throws {
        let folder = TestSupport.temporaryFolder("hostile")
        defer { TestSupport.remove(folder) }
        let fm = FileManager.default
        let rules = folder.appendingPathComponent("rules")
        try fm.createDirectory(at: rules.appendingPathComponent("bulk"), withIntermediateDirectories: true)
        try TestSupport.write(["laws.yaml": TestSupport.lawsYAML, "sectors.yaml": TestSupport.sectorsYAML], in: rules)
        for index in 0..<10_000 {
            let yaml = TestSupport.ruleYAML(id: "bulk.r\(index)", body: "terms: [品牌\(index)號]",
                                            examples: "  match: [⟦品牌\(index)號⟧, 這是⟦品牌\(index)號⟧]\n  no-match: [品牌, 中文]")
            guard fm.createFile(atPath: rules.appendingPathComponent("bulk/r\(index).yaml").path, contents: Data(yaml.utf8)) else {
                Issue.record("cannot write rule \(index)")
                return
            }
        }
        try TestSupport.write(["copy.txt": "本店推出品牌17號與品牌9999號。\n"], in: folder)
        let run = try GuardedRun.adlaw(["check", "copy.txt", "--no-builtin-rules", "--rules", "rules", "--format", "line"], in: folder)
        run.expectSurvived(exitCodes: [1], memoryMiB: 2048)
        #expect(run.stdout.split(separator: "\n").map { $0.split(separator: ":")[4] } == ["bulk.r17", "bulk.r9999"])

        // One broken rule among them is reported by file and line; nothing is checked.
        try Data("id: bulk.r5000\nname: [\n".utf8).write(to: rules.appendingPathComponent("bulk/r5000.yaml"))
        let broken = try GuardedRun.adlaw(["check", "copy.txt", "--no-builtin-rules", "--rules", "rules"], in: folder)
        broken.expectSurvived(exitCodes: [2], memoryMiB: 2048, naming: "bulk/r5000.yaml:")
    }

    /// Writes a hostile Office file with Tests/Fixtures/hostile/make-archive.py.
    static func makeArchive(_ kind: String, at url: URL) throws {
        let script = TestSupport.packageRoot.appendingPathComponent("Tests/Fixtures/hostile/make-archive.py").path
        let out = try CLIRunner.run("python3", [script, kind, url.path], in: TestSupport.packageRoot)
        guard out.status == 0 else { throw CLIRunner.Failure.notFound("make-archive.py \(kind): \(out.stderr)") }
    }
}
