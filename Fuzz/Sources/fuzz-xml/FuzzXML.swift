import FuzzSupport

/// libFuzzer entry point: an Office XML part in UTF-8 or UTF-16 (the first byte picks),
/// inside a minimal `.docx`, through the Word extractor.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXML(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    OfficePartHarness.run(FuzzInput.bytes(data, size))
    return 0
}
