import ArgumentParser

/// `adlaw-bench`: a deterministic ad-copy corpus generator and an in-process throughput
/// comparison of the prefilter against the naive per-rule scan. Not a test: nothing in CI
/// depends on timing. `bench/speed.sh` drives it beside `adlaw check`, `rg -P` and hyperfine.
@main
struct AdlawBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "adlaw-bench",
        abstract: "Benchmark helpers for adlaw: generate a corpus, compare the prefilter with the naive scan.",
        subcommands: [CorpusCommand.self, ScanCommand.self]
    )
}
