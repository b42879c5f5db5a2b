import Foundation
import Testing
@testable import FileSelection

@Suite struct IgnoreRulesTests {
    @Test func globsFollowGitignoreRules() {
        #expect(GlobPattern("*.md").matches("a/b/c.md", isDirectory: false))
        #expect(!GlobPattern("/*.md").matches("a/c.md", isDirectory: false))
        #expect(GlobPattern("/*.md").matches("c.md", isDirectory: false))
        #expect(GlobPattern("drafts/").matches("x/drafts", isDirectory: true))
        #expect(!GlobPattern("drafts/").matches("x/drafts", isDirectory: false))
        #expect(GlobPattern("docs/**/草稿*.md").matches("docs/2024/04/草稿一.md", isDirectory: false))
        #expect(GlobPattern("docs/**/草稿*.md").matches("docs/草稿.md", isDirectory: false))
        #expect(!GlobPattern("docs/**/草稿*.md").matches("other/docs/草稿.md", isDirectory: false))
        #expect(GlobPattern("[ab]?.txt").matches("b1.txt", isDirectory: false))
        // Many stars cannot make matching blow up.
        let hostile = GlobPattern(String(repeating: "**/", count: 40) + "x")
        #expect(!hostile.matches(String(repeating: "a/", count: 200) + "y", isDirectory: false))
    }

    @Test func laterAndNegatedLinesWin() {
        var rules = IgnoreRules(exclude: ["*.tmp"])
        rules.add(ignoreFile: "# drafts\n*.md\n!keep.md\n\\#literal.md\n", base: "")
        rules.add(ignoreFile: "!sub.md\n", base: "sub")
        #expect(rules.excludes("a.md", isDirectory: false))
        #expect(!rules.excludes("keep.md", isDirectory: false))
        #expect(rules.excludes("x/#literal.md", isDirectory: false))
        #expect(!rules.excludes("sub/sub.md", isDirectory: false))
        #expect(rules.excludes("other/sub.md", isDirectory: false))
        #expect(rules.excludes("a.tmp", isDirectory: false))
        let only = IgnoreRules(include: ["campaign/**"])
        #expect(only.excludes("blog/a.md", isDirectory: false))
        #expect(!only.excludes("campaign/a.md", isDirectory: false))
        #expect(!only.excludes("blog", isDirectory: true))
    }

    @Test func theWalkHonoursIgnoreFilesAndGlobsAndSurvivesLinkLoops() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("adlaw-walk-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: root) }
        let files = [
            "a.md": "a", "sub/b.md": "b", "sub/deep/c.html": "c", "drafts/d.md": "d", "sub/x.txt": "x",
            "sub/keep.txt": "k", "notes.bin": "n", ".adlawignore": "drafts/\n*.txt\n", "sub/.adlawignore": "!keep.txt\n",
        ]
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("sub/deep/loop").path, withDestinationPath: "..")
        let walker = FileWalker(extensions: ["md", "html", "txt"], exclude: ["deep/"])
        let result = walker.expand([root.path])
        let relative = result.files.map { String($0.dropFirst(root.path.count + 1)) }
        #expect(relative == ["a.md", "sub/b.md", "sub/keep.txt"])
        #expect(result.diagnostics.contains { $0.code == .ignoredFiles })
        #expect(result.diagnostics.contains { $0.code == .skippedFiles && $0.message.hasPrefix("1 file") })
        let looped = FileWalker(extensions: ["md", "html"]).expand([root.path])
        #expect(looped.files.contains { $0.hasSuffix("sub/deep/c.html") })
        #expect(looped.diagnostics.contains { $0.code == .symlinkLoop })
    }
}
