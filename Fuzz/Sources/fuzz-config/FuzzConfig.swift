import FuzzSupport

/// libFuzzer entry point: the `.adlaw.yml` parser (SafeYAML's alias budget, then the
/// config reader) on arbitrary bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfig(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    ConfigHarness.run(FuzzInput.bytes(data, size))
    return 0
}
