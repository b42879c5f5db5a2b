import FuzzSupport

/// libFuzzer entry point: the JSON extractor on arbitrary bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONExtractor(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    ExtractorHarness.run(FuzzInput.bytes(data, size), name: "fuzz.json")
    return 0
}
