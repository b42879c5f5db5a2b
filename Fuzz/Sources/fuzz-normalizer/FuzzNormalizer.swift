import Extractors
import FuzzSupport
import LintCore

nonisolated(unsafe) private let normalizer = TextNormalizer()

/// libFuzzer entry point: decoding arbitrary bytes and normalizing the text. Every
/// normalized character maps back, in order, onto the original characters it folds from.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNormalizer(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = FuzzInput.bytes(data, size)
    if let decoded = try? TextDecoding.decode(bytes, path: "fuzz.txt") {
        NormalizerInvariants.checkDecoded(decoded)
        NormalizerInvariants.checkNormalized(decoded.text, normalizer: normalizer)
    }
    NormalizerInvariants.checkNormalized(String(decoding: bytes, as: UTF8.self), normalizer: normalizer)
    return 0
}
