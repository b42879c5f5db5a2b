import Extractors
import FuzzSupport
import LintCore
import Linting
import PCRE2Matcher

nonisolated(unsafe) private let engine = PCRE2Engine()
nonisolated(unsafe) private let ruleSet = BuiltInRules.load(engine: engine)
nonisolated(unsafe) private let linter = Linter(ruleSet: ruleSet)
nonisolated(unsafe) private let scratch = engine.makeScratch()
/// Every sector at once, so that every rule runs; checklists too.
nonisolated(unsafe) private let everything = LintOptions(sectors: ruleSet.sectors.definitions.map(\.id), includeChecklists: true)
nonisolated(unsafe) private let formats = ["fuzz.txt", "fuzz.md", "fuzz.html", "fuzz.csv", "fuzz.json"]

/// libFuzzer calls this once before the first input: the rule pack is loaded, its prefilter
/// built and one document linted here, so that no timed input pays for them.
@_cdecl("LLVMFuzzerInitialize")
public func fuzzLinterInitialize(_ argc: FuzzSetUp.ArgumentCount, _ argv: FuzzSetUp.Arguments) -> Int32 {
    FuzzSetUp.run("fuzz-linter") {
        let document = try? DocumentReader().read(bytes: Array("本產品保證有效，第一品牌。".utf8), name: formats[0])
        if let document { _ = linter.lint(document, options: everything, scratch: scratch) }
    }
    return 0
}

/// libFuzzer entry point: the linter with the built-in rule pack on arbitrary copy. The
/// first byte picks the format (text, Markdown, HTML, CSV, JSON). Findings lie inside the source, in
/// the stable order, and the same input gives the same findings twice.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLinter(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = FuzzInput.bytes(data, size)
    guard let first = bytes.first else { return 0 }
    let name = formats[Int(first) % formats.count]
    guard let document = try? DocumentReader().read(bytes: Array(bytes.dropFirst()), name: name) else { return 0 }
    let result = linter.lint(document, options: everything, scratch: scratch)
    FindingInvariants.check(result.findings, in: document)
    let again = linter.lint(document, options: everything, scratch: scratch)
    FuzzFailure.check(again.findings == result.findings, "two runs on the same input differ")
    return 0
}
