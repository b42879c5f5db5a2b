import Foundation
import Testing
import TestSupport

/// The same inputs give byte-identical output: with `--reproducible` (or
/// `ADLAW_REPRODUCIBLE=1`) the only varying part, the timings, is left out, and neither
/// the run nor the number of worker threads changes a byte.
@Suite struct DeterminismTests {
    static let corpus = TestSupport.corpusFolder

    /// `--jobs` where the build has it (files checked in parallel); otherwise runs repeat.
    static func jobVariants() throws -> [[String]] {
        let help = try CLI.run(["check", "--help"])
        return help.stdout.contains("--jobs") ? [["--jobs", "1"], ["--jobs", "2"], ["--jobs", "8"]] : [[], []]
    }

    @Test(arguments: ["human", "json", "sarif", "junit", "line", "checkstyle", "github"])
    func corpusOutputIsByteIdentical(format: String) throws {
        var outputs: [String] = []
        for jobs in try Self.jobVariants() {
            let out = try CLI.run(["check", Self.corpus, "--format", format, "--no-color", "--reproducible"] + jobs)
            #expect(out.status == 1, "\(format): \(out.stderr.prefix(500))")
            outputs.append(out.stdout)
        }
        let byEnvironment = try CLI.run(["check", Self.corpus, "--format", format, "--no-color"],
                                        environment: ["ADLAW_REPRODUCIBLE": "1"])
        outputs.append(byEnvironment.stdout)
        #expect(outputs.allSatisfy { $0 == outputs[0] }, "\(format): runs differ")
        #expect(outputs[0].count > 10_000)
    }

    @Test func timingsAreLeftOutOnlyWhenAsked() throws {
        let text = "全台銷售第一的品牌。\n"
        let timed = try CLI.run(["check", "--format", "json", "-"], stdin: text)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(timed.stdout.utf8)) as? [String: Any])
        let seconds = try #require((json["summary"] as? [String: Any])?["durationSeconds"] as? Double)
        #expect(seconds > 0)
        let human = try CLI.run(["check", "--no-color", "-"], stdin: text)
        #expect(human.stdout.range(of: #"rules, [0-9.]+s\)\n$"#, options: .regularExpression) != nil)

        let reproducible = try CLI.run(["check", "--no-color", "--reproducible", "-"], stdin: text)
        #expect(reproducible.stdout.hasSuffix(" rules)\n"))
        let quiet = try CLI.run(["check", "--format", "json", "-"], stdin: text, environment: ["ADLAW_REPRODUCIBLE": "1"])
        #expect(quiet.stdout.contains("\"durationSeconds\" : 0,"))
        let off = try CLI.run(["check", "--format", "json", "-"], stdin: text, environment: ["ADLAW_REPRODUCIBLE": "0"])
        #expect(!off.stdout.contains("\"durationSeconds\" : 0,"))
    }
}
