import LintCore
import Reporters
import Testing

/// Reports of many findings are rendered in chunks on several threads; the text must be
/// exactly the text of the findings rendered one by one, in order.
@Suite struct LargeReportTests {
    /// 9,001 findings (more than four chunks' worth), each different, some messages with
    /// newlines the line format must flatten.
    static let findings: [Finding] = (0..<9_001).map { index in
        var finding = ReporterTests.finding(index % 2 == 0 ? "保證治癒" : "效果", severity: index % 3 == 0 ? .warning : .error)
        finding.message = index % 7 == 0 ? "第\(index)則\n換行\u{2028}訊息" : "第\(index)則訊息"
        return finding
    }

    func report(_ findings: [Finding]) -> LintReport {
        let files = Set(findings.map(\.path)).sorted().map {
            FileReport(path: $0, format: "markdown", sectors: [], sectorSource: "none", inferredFrom: [:], findingCount: 0)
        }
        return LintReport(toolVersion: "0.1.0", files: files, findings: findings, diagnostics: [], rulesLoaded: 1, durationSeconds: nil)
    }

    @Test func theLineFormatIsTheFindingsRenderedOneByOne() {
        let whole = LineReporter().render(report(Self.findings))
        let oneByOne = Self.findings.map { LineReporter().render(report([$0])) }.joined()
        #expect(whole == oneByOne)
        #expect(whole.split(separator: "\n").count == Self.findings.count)
        #expect(whole.contains("第7則 換行 訊息"))
    }

    @Test func theHumanFormatIsTheFindingsRenderedOneByOne() {
        let reporter = HumanReporter(color: false)
        let whole = reporter.render(report(Self.findings))
        let oneByOne = Self.findings.map { body(reporter.render(report([$0]))) }.joined()
        #expect(body(whole) == oneByOne)
        #expect(whole.hasSuffix("\n9001 findings (6000 errors, 3001 warnings) in 1 of 1 file (1 rule)\n"), "\(whole.suffix(120))")
    }

    /// A human report without its closing summary line.
    func body(_ text: String) -> Substring {
        let withoutNewline = text.dropLast()
        guard let lastBreak = withoutNewline.lastIndex(of: "\n") else { return "" }
        return withoutNewline[...lastBreak]
    }

    @Test func findingsInOrderStayAndOthersAreSorted() {
        let a = ReporterTests.finding("保證治癒"), b = ReporterTests.finding("效果")
        #expect([a, b].isInStableOrder)
        #expect(![b, a].isInStableOrder)
        #expect([b, a].inStableOrder() == [a, b])
        var twin = a
        twin.message = "另一則"
        // Equal in the order: kept as they come, sorted or not.
        #expect([twin, a].isInStableOrder)
        #expect([b, twin, a].inStableOrder() == [twin, a, b])
    }
}
