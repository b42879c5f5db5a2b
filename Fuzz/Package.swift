// swift-tools-version:6.0
// libFuzzer targets for adlaw. Kept out of the main package so that `swift build`,
// `swift test` and CI never build them: `scripts/fuzz.sh` builds this package with
// `--sanitize=fuzzer --sanitize=address` and runs each target for a given time.
import PackageDescription

let adlaw: Target.Dependency = .product(name: "AdlawKit", package: "adlaw")

/// One executable per fuzz target; libFuzzer supplies `main`, the target supplies
/// `LLVMFuzzerTestOneInput` (through `@_cdecl`).
func fuzzTarget(_ name: String) -> Target {
    .executableTarget(name: name, dependencies: ["FuzzSupport", adlaw])
}

let package = Package(
    name: "adlaw-fuzz",
    dependencies: [
        .package(name: "adlaw", path: ".."),
        // The same version the main package pins: `fuzz-xml` builds a .docx around its input.
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
    ],
    targets: [
        .target(name: "FuzzSupport", dependencies: [adlaw, .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        fuzzTarget("fuzz-rules"),
        fuzzTarget("fuzz-text"),
        fuzzTarget("fuzz-markdown"),
        fuzzTarget("fuzz-html"),
        fuzzTarget("fuzz-office"),
        fuzzTarget("fuzz-delimited"),
        fuzzTarget("fuzz-json"),
        fuzzTarget("fuzz-normalizer"),
        fuzzTarget("fuzz-linter"),
        fuzzTarget("fuzz-subjects"),
        fuzzTarget("fuzz-config"),
        fuzzTarget("fuzz-xml"),
        // The command line: the CLI library, which the other targets do not need.
        .executableTarget(name: "fuzz-args", dependencies: ["FuzzSupport", .product(name: "AdlawCLI", package: "adlaw")]),
    ]
)
