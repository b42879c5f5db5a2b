import FuzzSupport

nonisolated(unsafe) private let harness = RuleFileHarness()

/// libFuzzer calls this once before the first input: the built-in pack (laws, sectors,
/// lexicons, every rule) is loaded here, so that no timed input pays for it.
@_cdecl("LLVMFuzzerInitialize")
public func fuzzRuleFileInitialize(_ argc: FuzzSetUp.ArgumentCount, _ argv: FuzzSetUp.Arguments) -> Int32 {
    FuzzSetUp.run("fuzz-rules") { _ = harness }
    return 0
}

/// libFuzzer entry point: the rule-file parser and compiler on arbitrary bytes, then the
/// compiled rule on its own examples.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRuleFile(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    harness.run(FuzzInput.bytes(data, size))
    return 0
}
