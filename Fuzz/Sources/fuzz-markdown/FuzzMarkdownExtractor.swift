import FuzzSupport

/// libFuzzer entry point: the markdown extractor on arbitrary bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMarkdownExtractor(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    ExtractorHarness.run(FuzzInput.bytes(data, size), name: "fuzz.md")
    return 0
}
