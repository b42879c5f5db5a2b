import ArgumentParser
import Foundation
import AdCopyGenerator

/// `adlaw-bench corpus`: writes a large, realistic, deterministic corpus of Taiwan ad copy.
struct CorpusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "corpus",
        abstract: "Write a deterministic corpus of Traditional Chinese ad copy (the same bytes for the same options)."
    )

    @Option(help: "Output folder (created).")
    var out: String

    @Option(help: "Total size in megabytes (10^6 bytes).")
    var megabytes: Double = 64

    @Option(help: "Number of files.")
    var files: Int = 256

    @Option(help: "Seed of the generator.")
    var seed: UInt64 = 1

    @Flag(help: "Each document names one product only, like a real product page (few sectors inferred); by default every sentence picks any product.")
    var singleProduct = false

    func run() throws {
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        var generator = AdCopyGenerator(seed: seed)
        let perFile = max(1, Int(megabytes * 1_000_000) / max(1, files))
        var total = 0
        for index in 0..<files {
            let text = generator.document(targetBytes: perFile, singleProduct: singleProduct)
            let path = (out as NSString).appendingPathComponent(String(format: "ad-%05d.md", index))
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            total += text.utf8.count
        }
        print("wrote \(files) files, \(total) bytes, to \(out)")
    }
}
