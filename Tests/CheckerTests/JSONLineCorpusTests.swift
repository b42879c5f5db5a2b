import Checker
import Foundation
import LintCore
import Reporters
import Testing
import TestSupport

/// `check --jsonl` and `POST /v1/check` write each result with `JSONReporter.renderLine`,
/// not `JSONEncoder`: on every Corpus file checked alone, as a batch record is, with its
/// sectors inferred and with every sector forced, the line is the encoder's bytes.
@Suite struct JSONLineCorpusTests {
    struct Added: Encodable {
        var id: Int
        var verdict: VerdictJSON
    }

    @Test func everyCorpusFileGivesTheEncodersBytes() throws {
        var sources = RuleSources()
        sources.builtinFolder = TestSupport.rulesFolder
        sources.config = .none
        let checker = try Checker(sources)
        var options = CheckOptions()
        options.rules = sources
        options.jobs = 1
        let prepared = try checker.prepare(options)
        let scratch = checker.makeScratch()
        let files = try #require(FileManager.default.enumerator(atPath: TestSupport.corpusFolder)?.allObjects as? [String])
            .filter { !$0.hasSuffix(".expect") && !$0.hasPrefix(".") }
            .map { (TestSupport.corpusFolder as NSString).appendingPathComponent($0) }
            .filter { var folder: ObjCBool = false; return FileManager.default.fileExists(atPath: $0, isDirectory: &folder) && !folder.boolValue }
            .sorted()
        #expect(files.count > 20)
        let everySector = checker.ruleSet.sectors.definitions.map(\.id.rawValue)
        let reporter = JSONReporter(pretty: false)
        var findings = 0, lines = 0
        for (index, file) in files.enumerated() {
            for sectors in [nil, everySector] {
                let result = try prepared.run(.paths([file]), sectors: sectors, scratch: scratch)
                let report = result.report(toolVersion: "1.0", durationSeconds: nil)
                findings += report.findings.count
                let fast = reporter.renderLine(report, id: .integer(index), verdict: result.verdict)
                let encoded = reporter.render(report, adding: Added(id: index, verdict: VerdictJSON(result.verdict)))
                #expect(fast == encoded, "\(file)")
                lines += 1
            }
        }
        #expect(findings > 500)
        #expect(lines == 2 * files.count)
    }
}
