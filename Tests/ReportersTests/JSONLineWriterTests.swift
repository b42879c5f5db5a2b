import Foundation
import LintCore
import Reporters
import Testing

/// The byte writer of one-line JSON documents (`JSONReporter.renderLine`, used by
/// `check --jsonl` and the server) gives the bytes `JSONEncoder` gives for the same
/// document: here with every optional member present and absent, waived findings of each
/// kind, hostile strings and each kind of record id. `JSONLineCorpusTests` (CLITests) does
/// the same on the findings of the whole Corpus.
@Suite struct JSONLineWriterTests {
    /// The members `check --jsonl` and `POST /v1/check` add, encoded the old way.
    struct Added: Encodable {
        var id: JSONLineID?
        var verdict: VerdictJSON

        enum CodingKeys: String, CodingKey { case id, verdict }

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            switch id {
            case nil: break
            case .null?: try container.encodeNil(forKey: .id)
            case let .string(text)?: try container.encode(text, forKey: .id)
            case let .integer(value)?: try container.encode(value, forKey: .id)
            case let .number(value)?: try container.encode(value, forKey: .id)
            }
            try container.encode(verdict, forKey: .verdict)
        }
    }

    static let hostile = "引號\"反斜線\\斜線/控制\u{1}\u{1F}\u{7F}換行\n\r\t\u{8}\u{C}行分隔\u{2028}😀"

    static func finding(_ needle: String, location: LintCore.SourceLocation?, notes: [String] = []) -> Finding {
        var finding = ReporterTests.finding(needle)
        finding.location = location
        finding.notes = notes
        return finding
    }

    static func richReport() -> LintReport {
        let full = LintCore.SourceLocation(kind: .cell, description: "sheet \"表\"", part: "xl/worksheets/sheet1.xml", paragraph: 2, paraId: "1A2B",
                                  slide: 3, shape: "標題 1", sheet: "工作表1", cell: "B2", row: 2, column: 5, header: Self.hostile,
                                  pointer: "/a/0", page: 4, line: 6, character: 7)
        let reference = LegalReference(law: "食品安全衛生管理法", article: "第28條第2項", pcode: "L0040001", authority: "衛福部",
                                       penalty: "罰鍰", url: "https://law.moj.gov.tw/x?a=1&b=2", duty: "不得誇張", version: "2023",
                                       note: Self.hostile, provisions: ["第28條", "第45條"])
        var first = finding("保證治癒", location: full, notes: ["假設：網購", Self.hostile])
        first.references.append(reference)
        first.logicalLocation = "sheet 工作表1, cell B2"
        let second = finding("效果", location: LintCore.SourceLocation(kind: .json, description: "/text", pointer: "/text"))
        let third = finding("限時", location: nil)
        let position = TextPosition(line: 3, column: 2, utf16Column: 2, byteColumn: 4)
        let directive = SuppressionDirective(kind: .nextLine, rules: ["food.*", "x"], reason: Self.hostile, path: "docs/文案.md",
                                             writtenIn: "docs/文案.md.adlaw", start: position, end: position, sourceRange: nil,
                                             snippet: SourceText(ReporterTests.text).snippet(for: 0..<3), scope: .file)
        let claim = SubstantiatedClaim(id: "c1", text: "保證治癒", pattern: "保證.+", rules: ["food.*"], paths: ["docs/**"],
                                       evidence: "報告 A-1", approvedBy: "法務", approvedOn: CalendarDate("2026-01-02"),
                                       expires: CalendarDate("2026-12-31")!, origin: SourceOrigin(file: ".adlaw.yml", line: 9))
        let bare = SubstantiatedClaim(id: "c2", text: nil, pattern: nil, rules: [], paths: [], evidence: "e", approvedBy: "b",
                                      approvedOn: nil, expires: CalendarDate("2025-01-01")!, origin: SourceOrigin(file: "c.yml", line: 1))
        var report = LintReport(
            toolVersion: "0.9.0",
            files: [FileReport(path: "docs/文案.md", format: "markdown", sectors: [Sector("food"), Sector("health-food")],
                               sectorSource: "inferred",
                               inferredFrom: [Sector("health-food"): ["保健"], Sector("food"): ["膠囊", "餅乾"], Sector("drug"): []],
                               findingCount: 3),
                    FileReport(path: "b.txt", format: "text", sectors: [], sectorSource: "none", inferredFrom: [:], findingCount: 0)],
            findings: [first, second, third],
            diagnostics: [Diagnostic(code: .invalidUTF8, level: .note, path: "docs/文案.md", line: 3, column: 1, message: Self.hostile),
                          Diagnostic(code: .invalidUTF8, level: .warning, path: "b.txt", message: "x", ruleID: RuleID("food.a"))],
            rulesLoaded: 12, durationSeconds: 0.0123)
        report.waived = [WaivedFinding(finding: first, waiver: .suppressed(directive)),
                         WaivedFinding(finding: second, waiver: .substantiated(claim)),
                         WaivedFinding(finding: third, waiver: .baselined(file: ".adlaw-baseline.json"))]
        report.suppressions = [SuppressionRecord(directive: directive, status: .applied, suppressed: 1),
                               SuppressionRecord(directive: directive, status: .rejected, suppressed: 0, problem: Self.hostile)]
        report.claims = [ClaimRecord(claim: claim, matches: 2, expired: false, daysLeft: 30),
                         ClaimRecord(claim: bare, matches: 0, expired: true, daysLeft: -3)]
        report.expiredClaims = [ExpiredClaimMatch(finding: third, claim: bare)]
        report.baseline = BaselineSummary(file: ".adlaw-baseline.json", known: 4, new: 1, gone: 2)
        return report
    }

    static let ids: [JSONLineID?] = [nil, .null, .string(hostile), .integer(0), .integer(-42), .integer(1_234_567_890_123),
                                     .number(1.5), .number(-0.001), .number(1e20)]

    static let verdicts = [Verdict(level: .block, ruleID: RuleID("food.medical-efficacy"), reason: hostile),
                           Verdict(level: .publish, ruleID: nil, reason: "未發現問題")]

    static func expectSameBytes(_ report: LintReport) {
        let reporter = JSONReporter(pretty: false)
        for id in ids {
            for verdict in verdicts {
                let fast = reporter.renderLine(report, id: id, verdict: verdict)
                let encoded = reporter.render(report, adding: Added(id: id, verdict: VerdictJSON(verdict)))
                #expect(fast == encoded, "id \(String(describing: id))")
            }
        }
    }

    @Test func everyMemberGivesTheEncodersBytes() {
        Self.expectSameBytes(Self.richReport())
    }

    @Test func absentMembersGiveTheEncodersBytes() {
        var report = Self.richReport()
        report.waived = []
        report.suppressions = []
        report.claims = []
        report.expiredClaims = []
        report.baseline = nil
        report.durationSeconds = nil
        Self.expectSameBytes(report)
        Self.expectSameBytes(LintReport(toolVersion: "1", files: [], findings: [], diagnostics: [], rulesLoaded: 0, durationSeconds: nil))
        Self.expectSameBytes(ReporterTests.report)
    }

    @Test func theLineIsOneLineOfJSON() throws {
        let line = JSONReporter(pretty: false).renderLine(Self.richReport(), id: .string("a"), verdict: Self.verdicts[0])
        #expect(line.hasSuffix("}\n"))
        #expect(line.dropLast().contains("\n") == false)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["id"] as? String == "a")
        #expect((object["findings"] as? [Any])?.count == 3)
    }
}
