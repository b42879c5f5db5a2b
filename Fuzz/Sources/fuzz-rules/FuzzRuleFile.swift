import FuzzSupport

nonisolated(unsafe) private let harness = RuleFileHarness()

/// libFuzzer entry point: the rule-file parser and compiler on arbitrary bytes, then the
/// compiled rule on its own examples.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRuleFile(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    harness.run(FuzzInput.bytes(data, size))
    return 0
}
