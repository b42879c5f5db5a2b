import FuzzSupport

/// libFuzzer entry point: the text extractor on arbitrary bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTextExtractor(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    ExtractorHarness.run(FuzzInput.bytes(data, size), name: "fuzz.txt")
    return 0
}
