import ArgumentParser
import Extractors
import FileSelection
import Foundation
import LintCore
import Linting
import PatternSearch
import PCRE2Matcher
import RuleCompiler

/// `adlaw-bench scan`: lints files in-process twice, with the prefilter and with the naive
/// per-rule scan (every pattern over the whole text), checks that both give the same
/// findings, and prints the throughput of each and the start-up costs.
struct ScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Compare the prefilter with the naive per-rule scan on files (single thread)."
    )

    @Option(name: .customLong("rules"), help: "The rule folder.")
    var rules: String

    @Option(name: .customLong("naive-megabytes"), help: "Run the naive scan only on the first files up to this many MB (it is slow).")
    var naiveMegabytes: Int = 16

    @Flag(help: "Print the prefilter targets with the most windows.")
    var stats = false

    @Flag(name: .customLong("literal-scan"), help: "Also time the stages alone: reading, normalizing, the literal scan, the windows.")
    var literalScan = false

    @Argument(help: "Files or folders.")
    var paths: [String]

    func run() throws {
        let clock = ContinuousClock()
        let engine = PCRE2Engine()
        var ruleSet: RuleSet!
        let load = try clock.measure { ruleSet = try RuleSetLoader(engine: engine).load(folders: [rules]) }
        var fast: Linter!
        let build = clock.measure { fast = Linter(ruleSet: ruleSet) }
        let naive = Linter(ruleSet: ruleSet, usePrefilter: false)
        let withoutLiteral = fast.prefilter?.targets.filter { $0.requirement == nil }.count ?? 0
        print("rules: \(ruleSet.rules.count), searched patterns: \(fast.prefilter?.targets.count ?? 0) (\(withoutLiteral) without a required literal)")
        print("load + compile rules: \(ms(load)) ms; build prefilter: \(ms(build)) ms")

        let reader = DocumentReader()
        let files = FileWalker(extensions: reader.knownExtensions).expand(paths).files
        var documents: [ExtractedDocument] = []
        let reading = try clock.measure { documents = try files.map { try reader.read(path: $0) } }
        let options = LintOptions(sectors: ruleSet.sectors.definitions.map(\.id))
        let scratch = engine.makeScratch()
        let totalBytes = documents.reduce(0) { $0 + $1.source.bytes.count }
        if stats, let prefilter = fast.prefilter {
            var totals: [Int: (Int, Int)] = [:]
            for document in documents {
                for segment in document.segments {
                    for s in prefilter.windowStatistics(segment.text) {
                        let old = totals[s.target] ?? (0, 0)
                        totals[s.target] = (old.0 + s.windows, old.1 + s.bytes)
                    }
                }
            }
            var labels: [Int: String] = [:]
            for rule in ruleSet.rules {
                for (label, regex) in Prefilter.searchedPatterns(of: rule) {
                    if let t = prefilter.targets.firstIndex(where: { Prefilter.identity(of: $0.regex) == Prefilter.identity(of: regex) }) { labels[t] = "\(rule.id) \(label)" }
                }
            }
            let allWindows = totals.values.reduce(0) { $0 + $1.0 }, allBytes = totals.values.reduce(0) { $0 + $1.1 }
            print("all targets: \(allWindows) windows, \(allBytes) start bytes")
            for (t, v) in totals.sorted(by: { $0.value.1 > $1.value.1 }).prefix(20) {
                let requirement = prefilter.targets[t].requirement
                let literals = requirement?.literals.prefix(6).map { String(decoding: $0, as: UTF8.self) }.joined(separator: "|") ?? "-"
                print("\(v.0) windows, \(v.1) start bytes: \(labels[t] ?? "sector signal") [\(literals)]")
                // Unbounded literals: their windows reach back to the segment start.
                let unbounded = requirement.map { zip($0.literals, $0.literalMaxBefore).filter { $0.1 == nil }.map(\.0) } ?? []
                if !unbounded.isEmpty {
                    let shown = unbounded.prefix(12).map { String(decoding: $0, as: UTF8.self) }.joined(separator: "|")
                    print("  unbounded: \(unbounded.count) literals [\(shown)]")
                }
            }
        }

        if literalScan, let prefilter = fast.prefilter {
            let normalizer = TextNormalizer()
            var buffers: [UTF8Buffer] = []
            let normalizing = clock.measure {
                for document in documents {
                    for segment in document.segments { buffers.append(normalizer.normalize(buffer: UTF8Buffer(segment.text)).buffer) }
                }
            }
            let normalizedBytes = buffers.reduce(0) { $0 + $1.count }
            var hits = 0
            let scanning = clock.measure { for buffer in buffers { hits += prefilter.literalHits(in: buffer) } }
            var windows = 0
            let windowing = clock.measure { for buffer in buffers { windows += prefilter.candidates(in: buffer).windowCount } }
            func rate(_ d: Duration, _ bytes: Int) -> String { String(format: "%.1f", Double(bytes) / 1e6 / seconds(d)) }
            print("stages alone (\(totalBytes) source bytes, \(normalizedBytes) normalized bytes in \(buffers.count) segments):")
            print("  read and extract: \(ms(reading)) ms, \(rate(reading, totalBytes)) MB/s")
            print("  normalize: \(ms(normalizing)) ms, \(rate(normalizing, totalBytes)) MB/s")
            print("  literal scan alone: \(ms(scanning)) ms, \(rate(scanning, normalizedBytes)) MB/s (\(hits) literal hits)")
            print("  literal scan + windows: \(ms(windowing)) ms, \(rate(windowing, normalizedBytes)) MB/s (\(windows) windows)")
        }

        var fastFindings: [[Finding]] = []
        let fastTime = clock.measure {
            for document in documents { fastFindings.append(fast.lint(document, options: options, scratch: scratch).findings) }
        }
        var naiveBytes = 0
        var mismatches = 0
        var naiveCount = 0
        let naiveTime = clock.measure {
            for (index, document) in documents.enumerated() where naiveBytes < naiveMegabytes * 1_000_000 {
                naiveBytes += document.source.bytes.count
                let findings = naive.lint(document, options: options, scratch: scratch).findings
                naiveCount = index + 1
                if findings != fastFindings[index] { mismatches += 1 }
            }
        }
        let findingCount = fastFindings.reduce(0) { $0 + $1.count }
        let fastRate = Double(totalBytes) / 1e6 / seconds(fastTime)
        let naiveRate = Double(naiveBytes) / 1e6 / seconds(naiveTime)
        print("prefilter: \(files.count) files, \(totalBytes) bytes, \(findingCount) findings, \(String(format: "%.1f", fastRate)) MB/s")
        print("naive:     \(naiveCount) files, \(naiveBytes) bytes, \(String(format: "%.2f", naiveRate)) MB/s")
        print("speed-up over the naive scan: \(String(format: "%.0f", fastRate / naiveRate))x")
        print(mismatches == 0 ? "findings identical on the \(naiveCount) files run both ways" : "MISMATCH: \(mismatches) files differ")
        if mismatches > 0 { throw ExitCode(1) }
    }

    func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
    func ms(_ d: Duration) -> String { String(format: "%.1f", seconds(d) * 1000) }
}
