import FuzzSupport

nonisolated(unsafe) private let names = ["fuzz.csv", "fuzz.tsv"]

/// libFuzzer entry point: the CSV and TSV extractors on arbitrary bytes; the first byte
/// picks the delimiter.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDelimitedExtractor(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = FuzzInput.bytes(data, size)
    guard let first = bytes.first else { return 0 }
    ExtractorHarness.run(Array(bytes.dropFirst()), name: names[Int(first) % names.count])
    return 0
}
