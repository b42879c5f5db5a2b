import Foundation
import Testing
import Extractors
import LintCore
import Linting
import PCRE2Matcher
import RuleCompiler
import TestSupport

/// `unless: document-lacks:` cancels a match when the whole document holds none of the
/// listed phrases, and keeps it when any segment holds one.
@Suite struct DocumentLacksTests {
    static let rule = """
    id: demo.zoning
    name: 住宅用語
    severity: warning
    sectors: [all]
    message: 「{match}」用於商業區或工業區建案，易使人誤認可作住宅使用。
    rationale: 測試用規則。
    references:
      - 公平交易法 第21條第1項
    terms: [住宅, 自住]
    unless:
      document-lacks: [商業區, 工業區]
    examples:
      match:
        - "⟦住宅⟧首選\\n本案為商業區"
        - "乙種工業區，⟦自住⟧兩相宜"
      no-match:
        - 純住宅社區，安靜宜居
        - 第二種住宅區，自住首選
    """

    private func linter() throws -> Linter {
        let root = FileManager.default.temporaryDirectory
            .appendingPathComponent("adlaw-document-lacks-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("demo"), withIntermediateDirectories: true)
        try TestSupport.lawsYAML.write(to: root.appendingPathComponent("laws.yaml"), atomically: true, encoding: .utf8)
        try "sectors: {}\n".write(to: root.appendingPathComponent("sectors.yaml"), atomically: true, encoding: .utf8)
        try Self.rule.write(to: root.appendingPathComponent("demo/zoning.yaml"), atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: root) }
        let ruleSet = try RuleSetLoader(engine: PCRE2Engine()).load(folders: [root.path])
        return Linter(ruleSet: ruleSet)
    }

    private func lines(_ text: String, splitLines: Bool = false) throws -> [Int] {
        let linter = try linter()
        var document = try PlainTextExtractor().extract(Array(text.utf8), path: "copy.txt")
        if splitLines {
            // One segment per line, to prove the test looks at the whole document.
            var offset = 0
            document.segments = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
                defer { offset += line.utf8.count + 1 }
                return TextSegment(text: String(line), sourceMap: .identity(baseOffset: offset))
            }
        }
        let result = linter.lint(document, options: LintOptions(sectors: [], inferSectors: false),
                                 scratch: PCRE2Engine().makeScratch())
        return result.findings.filter { $0.ruleID.rawValue == "demo.zoning" }.map(\.start.line)
    }

    @Test func firesWhenContextIsPresentElsewhereInTheDocument() throws {
        #expect(try lines("住宅首選，近捷運\n\n本案土地使用分區為商業區") == [1])
    }

    @Test func cancelledWhenContextIsAbsent() throws {
        #expect(try lines("住宅首選，近捷運\n第二種住宅區") == [])
    }

    @Test func contextInAnotherSegmentCounts() throws {
        #expect(try lines("自住首選\n乙種工業區", splitLines: true) == [1])
        #expect(try lines("自住首選\n第二種住宅區", splitLines: true) == [])
    }
}
