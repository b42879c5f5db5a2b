import Extractors
import Foundation
import Testing
import TestSupport
import Yams

/// `.pre-commit-hooks.yaml` agrees with the tool: every format adlaw reads is selected, and
/// each hook runs the check command.
@Suite struct PreCommitHooksFileTests {
    static func hooks() throws -> [[String: Any]] {
        let text = try String(contentsOf: TestSupport.packageRoot.appendingPathComponent(".pre-commit-hooks.yaml"), encoding: .utf8)
        return try #require(try Yams.load(yaml: text) as? [[String: Any]])
    }

    @Test func everyFormatAdlawReadsIsSelected() throws {
        let hooks = try Self.hooks()
        #expect(hooks.map { $0["id"] as? String } == ["adlaw", "adlaw-system"])
        for hook in hooks {
            let pattern = try #require(hook["files"] as? String)
            let regex = try NSRegularExpression(pattern: pattern)
            func selects(_ name: String) -> Bool {
                regex.firstMatch(in: name, range: NSRange(name.startIndex..., in: name)) != nil
            }
            for ext in DocumentReader().knownExtensions.sorted() {
                #expect(selects("文案/新品.\(ext)"), "\(hook["id"] ?? "?") does not select .\(ext) files; add it to `files:` in .pre-commit-hooks.yaml")
            }
            #expect(!selects("Sources/main.swift") && !selects("copy.md.adlaw"))
            // The baseline adlaw writes is never passed as copy (issue 15).
            let exclude = try NSRegularExpression(pattern: try #require(hook["exclude"] as? String))
            func excludes(_ name: String) -> Bool { exclude.firstMatch(in: name, range: NSRange(name.startIndex..., in: name)) != nil }
            #expect(excludes(".adlaw-baseline.json") && excludes("site/.adlaw-baseline.json"))
            #expect(!excludes("copy/app-strings.json") && !excludes("my.adlaw-baseline.json.md"))
        }
    }

    @Test func hooksRunTheCheckCommand() throws {
        for hook in try Self.hooks() {
            #expect(hook["entry"] as? String == "adlaw check --", "file names must follow `--`, so none is read as an option")
            #expect(["swift", "system"].contains(hook["language"] as? String ?? ""))
        }
    }
}
