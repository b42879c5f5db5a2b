import FuzzSupport

/// libFuzzer entry point: the html extractor on arbitrary bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHtmlExtractor(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    ExtractorHarness.run(FuzzInput.bytes(data, size), name: "fuzz.html")
    return 0
}
