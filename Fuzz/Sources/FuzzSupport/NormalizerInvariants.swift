import Extractors
import LintCore

/// The OffsetMap invariants of decoding and normalizing: every derived character maps to
/// a range inside the original, ranges follow each other in order without overlapping,
/// and folding the original range gives the derived character back.
public enum NormalizerInvariants {
    public static func checkDecoded(_ decoded: DecodedText) {
        let source = decoded.source.bytes
        var offset = 0
        var previousEnd = 0
        for scalar in decoded.text.unicodeScalars {
            let length = UTF8.width(scalar)
            let range = decoded.map.baseRange(offset..<(offset + length))
            FuzzFailure.check(range.lowerBound >= previousEnd && range.upperBound <= source.count,
                              "decoded character at \(offset) maps to \(range) (previous end \(previousEnd), source \(source.count) bytes)")
            if decoded.encoding.hasPrefix("utf-8") {
                let original = Array(source[range])
                let same = original == Array(String(scalar).utf8)
                FuzzFailure.check(same || (scalar == "\u{FFFD}" && String(validating: original, as: UTF8.self) == nil),
                                  "decoded \(scalar.debugDescription) at \(offset) maps to bytes \(original)")
            }
            previousEnd = range.upperBound
            offset += length
        }
    }

    public static func checkNormalized(_ text: String, normalizer: TextNormalizer) {
        let original = Array(text.utf8)
        let normalized = normalizer.normalize(text)
        let derived = normalized.buffer.string(0..<normalized.buffer.count)
        FuzzFailure.check(derived == normalizer.normalizeLiteral(text),
                          "normalize and normalizeLiteral disagree")
        var offset = 0
        var previousEnd = 0
        for scalar in derived.unicodeScalars {
            let length = UTF8.width(scalar)
            let range = normalized.map.baseRange(offset..<(offset + length))
            FuzzFailure.check(range.lowerBound >= previousEnd && range.upperBound <= original.count && !range.isEmpty,
                              "normalized character at \(offset) maps to \(range) (previous end \(previousEnd), text \(original.count) bytes)")
            FuzzFailure.check(DocumentInvariants.isBoundary(original, range.lowerBound) && DocumentInvariants.isBoundary(original, range.upperBound),
                              "normalized character at \(offset) maps to \(range), inside a character")
            let folded = normalizer.normalizeLiteral(String(decoding: original[range], as: UTF8.self))
            FuzzFailure.check(folded == String(scalar),
                              "normalized \(scalar.debugDescription) at \(offset) maps to \(String(decoding: original[range], as: UTF8.self).debugDescription)")
            previousEnd = range.upperBound
            offset += length
        }
    }
}
