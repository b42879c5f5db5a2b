import FuzzSupport

nonisolated(unsafe) private let names = ["fuzz.docx", "fuzz.pptx", "fuzz.xlsx"]

/// libFuzzer entry point: the Office extractors (ZIP archive, XML parts) on arbitrary
/// bytes; the first byte picks Word, PowerPoint or Excel.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOfficeExtractor(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = FuzzInput.bytes(data, size)
    guard let first = bytes.first else { return 0 }
    ExtractorHarness.run(Array(bytes.dropFirst()), name: names[Int(first) % names.count])
    return 0
}
