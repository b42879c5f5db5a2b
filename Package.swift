// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "adlaw",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "adlaw", targets: ["adlaw"]),
        .executable(name: "adlaw-bench", targets: ["adlaw-bench"]),
        .library(name: "AdlawKit", targets: ["Checker", "LintCore", "PCRE2Matcher", "PatternSearch", "RuleCompiler", "Linting", "FileSelection", "Extractors", "Reporters", "AdlawConfiguration", "Workflow", "Git", "AtomicFiles", "SafeYAML"]),
        // The command line without the server commands, for the argument fuzz target (Fuzz/).
        .library(name: "AdlawCLI", targets: ["AdlawCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
        // `adlaw serve`: the HTTP server, its access log and its metrics.
        // Without its ConfigurationSupport trait: swift-configuration has a target named
        // Configuration, as this package does, and target names must be unique.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: ["FullFoundation"]),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/modelcontextprotocol/swift-sdk", exact: "0.12.1"),
        // Multipart uploads (`POST /v1/check`, `/v1/audit`): MultipartKit frames the parts.
        .package(url: "https://github.com/vapor/multipart-kit", exact: "4.7.1"),
    ],
    targets: [
        // C library: only PCRE2Matcher imports it.
        .systemLibrary(
            name: "CPCRE2",
            pkgConfig: "libpcre2-8",
            providers: [.apt(["libpcre2-dev"])]
        ),
        // C libraries for input formats: only Extractors imports them.
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        .systemLibrary(name: "CGumbo", pkgConfig: "gumbo", providers: [.apt(["libgumbo-dev"])]),
        .systemLibrary(name: "CUchardet", pkgConfig: "uchardet", providers: [.apt(["libuchardet-dev"])]),
        // zlib, for inflating Office parts (OOXMLPackage).
        .systemLibrary(name: "CZlibInflate", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // OpenSSL's libcrypto: HMAC-SHA256 for the cache files (only the CLI imports it).
        .systemLibrary(name: "CLibCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        // glibc's mallopt (malloc.h), for the command line's heap growth step.
        .systemLibrary(name: "CMalloc"),
        // Value types and protocols shared by every other module. No I/O, no C.
        .target(name: "LintCore"),
        // Atomic file writes (temporary file + rename), shared by everything that writes files.
        .target(name: "AtomicFiles"),
        // YAML from strangers: Yams with a budget on what aliases expand to.
        .target(name: "SafeYAML", dependencies: [.product(name: "Yams", package: "Yams")]),
        // The one implementation of the RegexEngine protocol.
        .target(name: "PCRE2Matcher", dependencies: ["LintCore", "CPCRE2"]),
        // YAML rule files -> compiled Rule values (one file per pattern kind).
        .target(
            name: "RuleCompiler",
            dependencies: ["LintCore", "SafeYAML", .product(name: "Yams", package: "Yams")]
        ),
        // Which files a run reads: folder walking, gitignore-style globs, `.adlawignore`.
        // No parsers, so Configuration can match globs without linking the C libraries.
        .target(name: "FileSelection", dependencies: ["LintCore"]),
        // Input files -> ExtractedDocument (text segments with offset maps).
        .target(
            name: "Extractors",
            dependencies: [
                "LintCore", "FileSelection", "CCmarkGFM", "CGumbo", "CUchardet", "CZlibInflate", "AtomicFiles", "SafeYAML",
                .product(name: "Yams", package: "Yams"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        // The search layer beside PCRE2: the required-literal prefilter (literal analysis of
        // PCRE2 syntax, one literal scan per segment, windows of possible match starts) and
        // the searches that use it. Linting calls it; nothing else parses regex syntax.
        .target(name: "PatternSearch", dependencies: ["LintCore", "PCRE2Matcher"]),
        // Rules x documents -> findings. No I/O, no printing.
        .target(name: "Linting", dependencies: ["LintCore", "PatternSearch"]),
        // One reporter per output format.
        .target(name: "Reporters", dependencies: ["LintCore"]),
        // `.adlaw.yml`: found upwards from the current folder, read with positions.
        // Module name AdlawConfiguration (folder Sources/Configuration): Hummingbird's
        // dependency swift-configuration has a target named Configuration, and target names
        // must be unique in a package graph.
        .target(
            name: "AdlawConfiguration",
            dependencies: ["LintCore", "RuleCompiler", "FileSelection", "Workflow", .product(name: "Yams", package: "Yams")],
            path: "Sources/Configuration"
        ),
        // What the team decided about findings: reasoned suppressions, approved claims,
        // baselines (the triage). No git.
        .target(name: "Workflow", dependencies: ["LintCore", "AtomicFiles"]),
        // git: staged files read from the index, the pre-commit hook.
        .target(name: "Git", dependencies: ["AtomicFiles"]),
        // The library entry point of a run: inputs and one options type in, one result out.
        // Loads config and rules (with their caches), reads, lints and triages. Used by the
        // CLI, the server and the batch mode alike.
        .target(
            name: "Checker",
            dependencies: ["LintCore", "PCRE2Matcher", "PatternSearch", "RuleCompiler", "FileSelection", "Extractors", "Linting", "AdlawConfiguration", "Workflow", "Git", "AtomicFiles", "CLibCrypto"]
        ),
        // `adlaw annotate`: findings as native comments in a copy of a .docx or .pptx.
        .target(
            name: "Annotator",
            dependencies: ["Extractors", "LintCore", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        // `adlaw mcp`: the MCP server for AI writing assistants, on the MCP swift-sdk.
        .target(
            name: "MCPServer",
            dependencies: ["Checker", "LintCore", "Linting", "Reporters", .product(name: "MCP", package: "swift-sdk")]
        ),
        // `adlaw lsp`: the language server, a thin shell over Checker (JSON-RPC over stdio).
        .target(name: "LanguageServer", dependencies: ["Checker", "AdlawConfiguration", "LintCore"]),
        // `adlaw serve`: the HTTP API and the web page over one warm Checker.
        .target(
            name: "Server",
            dependencies: [
                "Checker", "LintCore", "Reporters", "Workflow", "Extractors",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            // schemas/openapi.yaml (a link to it), compiled into the binary: one copy of the
            // API description, served at /openapi.yaml with no file to ship beside adlaw.
            resources: [.embedInCode("openapi.yaml")]
        ),
        // The CLI: parses arguments, calls Checker, prints. Every command but the servers is in
        // the library, so a fuzz target can parse arguments without the HTTP and MCP stacks.
        .target(
            name: "AdlawCLI",
            dependencies: [
                "Checker", "LanguageServer", "Annotator", "LintCore", "PCRE2Matcher", "PatternSearch", "RuleCompiler", "FileSelection", "Extractors", "Linting", "Reporters", "AdlawConfiguration", "Workflow", "Git", "AtomicFiles", "CMalloc",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "adlaw",
            dependencies: [
                "AdlawCLI", "Checker", "Server", "MCPServer",
                .product(name: "MCP", package: "swift-sdk"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // Helpers shared by the test targets: temporary rule folders, the package root.
        .target(
            name: "TestSupport",
            dependencies: ["LintCore", "PCRE2Matcher", "RuleCompiler", "Extractors", "Linting", .product(name: "Yams", package: "Yams")],
            path: "Tests/TestSupport"
        ),

        // Generated ad copy for benchmarks and tests (`adlaw-bench corpus`, PrefilterExactnessTests).
        .target(name: "AdCopyGenerator"),

        // Benchmark helpers (corpus generator, prefilter vs naive scan); see bench/speed.sh.
        .executableTarget(
            name: "adlaw-bench",
            dependencies: [
                "AdCopyGenerator", "LintCore", "PCRE2Matcher", "PatternSearch", "RuleCompiler", "FileSelection", "Extractors", "Linting",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        .testTarget(name: "LintCoreTests", dependencies: ["LintCore"]),
        .testTarget(name: "AtomicFilesTests", dependencies: ["AtomicFiles"]),
        .testTarget(name: "PCRE2MatcherTests", dependencies: ["PCRE2Matcher", "LintCore", "TestSupport"]),
        .testTarget(name: "PatternSearchTests", dependencies: ["AdCopyGenerator", "PatternSearch", "PCRE2Matcher", "RuleCompiler", "LintCore", "TestSupport"]),
        .testTarget(name: "RuleCompilerTests", dependencies: ["RuleCompiler", "PCRE2Matcher", "LintCore", "TestSupport", .product(name: "Yams", package: "Yams")]),
        .testTarget(
            name: "ExtractorsTests",
            dependencies: ["Extractors", "LintCore", "Linting", "PCRE2Matcher", "TestSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        .testTarget(
            name: "LintingTests",
            dependencies: ["AdCopyGenerator", "Linting", "PatternSearch", "RuleCompiler", "PCRE2Matcher", "FileSelection", "Extractors", "LintCore", "TestSupport"]
        ),
        .testTarget(name: "ReportersTests", dependencies: ["Reporters", "LintCore"]),
        .testTarget(name: "WorkflowTests", dependencies: ["Workflow", "AtomicFiles", "Extractors", "Linting", "RuleCompiler", "LintCore", "PCRE2Matcher", "TestSupport", .product(name: "Yams", package: "Yams")]),
        .testTarget(name: "GitTests", dependencies: ["Git", "Extractors", "TestSupport", .product(name: "Yams", package: "Yams")]),
        .testTarget(name: "FileSelectionTests", dependencies: ["FileSelection", "Extractors", "LintCore", "TestSupport"]),
        .testTarget(name: "ConfigurationTests", dependencies: ["AdlawConfiguration", "LintCore", "TestSupport", .product(name: "Yams", package: "Yams")]),
        // Every rule file's examples, and the annotated corpus.
        .testTarget(
            name: "RulePackTests",
            dependencies: ["Linting", "RuleCompiler", "PCRE2Matcher", "FileSelection", "Extractors", "LintCore", "TestSupport"]
        ),
        .testTarget(name: "CheckerTests", dependencies: ["Checker", "LintCore", "PatternSearch", "PCRE2Matcher", "Reporters", "TestSupport"]),
        .testTarget(name: "AnnotatorTests", dependencies: ["Annotator", "Checker", "Extractors", "LintCore", "TestSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .testTarget(name: "MCPServerTests", dependencies: ["MCPServer", "Checker", "LintCore", "TestSupport", .product(name: "MCP", package: "swift-sdk")]),
        .testTarget(name: "LanguageServerTests", dependencies: ["LanguageServer", "Checker", "LintCore", "TestSupport"]),
        // Runs the built `adlaw` binary.
        .testTarget(name: "CLITests", dependencies: ["adlaw", "AdlawCLI", "Reporters", "TestSupport"]),
    ]
)
