import Foundation
import Reporters
import Testing

/// Every output format for one input that has Chinese text, full-width punctuation, an
/// emoji, XML and workflow-command metacharacters, a path with CJK and a space, and CRLF
/// line ends, compared with saved output in Tests/Fixtures/golden. The rule pack is the
/// fixed one in Tests/Fixtures/rules, so the goldens change only when a reporter does.
@Suite struct GoldenOutputTests {
    static let input = "---\r\nsector: food\r\n---\r\n# 🔥限時！新品上市\r\n本產品🔥每天一杯，預防感冒，是全台第一品牌。\r\n購買須知：特價品恕不退換 & <保證> \"品質\"。\r\n"
        + "<!-- adlaw-disable-next-line claims.medical -- 衛部健食字第A00000號核准 -->\r\n喝了就能治療失眠。\r\n連續三年銷售第一！\r\n"

    /// The fixture rule pack, and one approved claim.
    static var config: String {
        """
        rules:
          builtin: false
          folders: ["\(CLIRunner.fixtures.appendingPathComponent("rules").path)"]
        claims:
          - id: sales-2025
            text: 銷售第一
            evidence: 2025 年全國通路調查（R-2025-031）
            approved-by: 法務 王小明
            expires: 2999-12-31

        """
    }

    static func checkFolder() throws -> URL {
        let folder = CLIRunner.temporaryFolder("adlaw-golden")
        try CLIRunner.write(["文案 資料夾/新品.md": input, "文案 資料夾/乾淨.txt": "歡迎選購，7日內可退換。\r\n", ".adlaw.yml": config], in: folder)
        return folder
    }

    static func run(_ format: String, in folder: URL) throws -> CLIRunner.Output {
        try CLIRunner.adlaw(["check", "--format", format, "文案 資料夾"], in: folder)
    }

    /// Run times change from run to run; everything else must not.
    static func maskTimes(_ text: String) -> String {
        var out = text
        let masks = [(#"\"durationSeconds\" : [0-9.e-]+"#, #""durationSeconds" : <time>"#),
                     (#"time=\"[0-9.]+\""#, #"time="<time>""#),
                     (#", [0-9]+\.[0-9]{3}s\)"#, ", <time>s)"),
                     (#"\"daysLeft\" : -?[0-9]+"#, #""daysLeft" : <days>"#)]
        for (pattern, template) in masks {
            let regex = try! NSRegularExpression(pattern: pattern)
            out = regex.stringByReplacingMatches(in: out, range: NSRange(out.startIndex..., in: out), withTemplate: template)
        }
        return out
    }

    /// Every format of `--format`: a new `OutputFormat` case needs its golden file.
    @Test(arguments: OutputFormat.allCases.map(\.rawValue))
    func matchesGolden(format: String) throws {
        let folder = try Self.checkFolder()
        defer { CLIRunner.remove(folder) }
        let output = try Self.run(format, in: folder)
        #expect(output.status == 1, "findings at or above warning exit 1; stderr: \(output.stderr)")
        if format == "checkstyle" || format == "junit" {
            let file = folder.appendingPathComponent("report.xml")
            try Data(output.stdout.utf8).write(to: file)
            let parsed = try CLIRunner.run("python3", ["-c", "import sys, xml.etree.ElementTree as E; E.parse(sys.argv[1])", file.path], in: folder)
            #expect(parsed.status == 0, "not well-formed XML: \(parsed.stderr)")
        }
        if format == "sarif" {
            let file = folder.appendingPathComponent("report.sarif")
            try Data(output.stdout.utf8).write(to: file)
            let validation = try CLIRunner.validate([file], schema: CLIRunner.fixtures.appendingPathComponent("sarif-schema-2.1.0.json"))
            #expect(validation.status == 0, "\(validation.stderr)")
        }
        let actual = Self.maskTimes(output.stdout)
        let golden = CLIRunner.fixtures.appendingPathComponent("golden/report.\(format)")
        if ProcessInfo.processInfo.environment["ADLAW_UPDATE_GOLDEN"] == "1" {
            try Data(actual.utf8).write(to: golden)
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        #expect(actual == expected, "output of --format \(format) differs from \(golden.path); if the change is intended, regenerate with ADLAW_UPDATE_GOLDEN=1 and read the diff")
    }
}
