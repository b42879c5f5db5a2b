import CUchardet
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Text that is not UTF-8: Big5 (Taiwan's legacy encoding; Excel still exports CSV in it) is
/// detected and decoded; any other encoding is named and refused, never guessed.
///
/// Detection is uchardet's (Mozilla's universal charset detector). uchardet needs a few
/// dozen characters to be sure; for a short file it often answers a Western single-byte
/// encoding, so then the bytes are also tried as Big5: they are taken as Big5 only when every
/// byte pair is valid Big5 and nine in ten of the characters are Big5's frequent characters
/// or punctuation (lead bytes A1–C6), which Latin text with accents never is.
enum LegacyEncoding {
    /// The uchardet name of the encoding of `bytes`, or nil when it has no answer.
    static func detect(_ bytes: [UInt8]) -> String? {
        guard let detector = uchardet_new() else { return nil }
        defer { uchardet_delete(detector) }
        let sample = bytes.prefix(1 << 20)
        let fed = sample.withUnsafeBufferPointer { buffer -> Int32 in
            buffer.withMemoryRebound(to: CChar.self) { uchardet_handle_data(detector, $0.baseAddress, $0.count) }
        }
        guard fed == 0 else { return nil }
        uchardet_data_end(detector)
        guard let name = uchardet_get_charset(detector) else { return nil }
        let charset = String(cString: name)
        return charset.isEmpty ? nil : charset.uppercased()
    }

    /// Decodes Big5 (as Windows code page 950, its superset, falling back to Big5-HKSCS for
    /// Hong Kong characters). `nil` when a byte is not Big5.
    static func decodeBig5(_ bytes: [UInt8]) -> String? {
        convert(bytes, from: "CP950") ?? convert(bytes, from: "BIG5-HKSCS")
    }

    /// Whether short text that uchardet could not place reads as Big5.
    static func looksLikeBig5(_ bytes: [UInt8]) -> Bool {
        guard decodeBig5(bytes) != nil else { return false }
        var pairs = 0, frequent = 0
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            pairs += 1
            if (0xA1...0xC6).contains(b) { frequent += 1 }
            i += 2
        }
        return pairs > 0 && frequent * 10 >= pairs * 9
    }

    /// Strict conversion to UTF-8 with the C library's iconv.
    static func convert(_ bytes: [UInt8], from encoding: String) -> String? {
        let descriptor = iconv_open("UTF-8", encoding)
        guard descriptor != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(descriptor) }
        var input = bytes.map { CChar(bitPattern: $0) }
        var output = [CChar](repeating: 0, count: bytes.count * 3 + 16)
        let converted: Int? = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                var inPointer = inBuffer.baseAddress
                var inLeft = inBuffer.count
                var outPointer = outBuffer.baseAddress
                var outLeft = outBuffer.count
                let result = iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
                guard result != -1 && inLeft == 0 else { return nil } // a byte that is not in the encoding
                return outBuffer.count - outLeft
            }
        }
        guard let length = converted else { return nil }
        return String(decoding: output.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
