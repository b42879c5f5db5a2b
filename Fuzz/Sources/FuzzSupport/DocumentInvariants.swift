import LintCore

/// What every extracted document must satisfy, whatever bytes it came from: each character
/// of each segment maps back inside the source, in order, and every range an extractor
/// reports (invalid bytes, inline zones) lies inside its segment on character boundaries.
public enum DocumentInvariants {
    public static func check(_ document: ExtractedDocument) {
        let sourceCount = document.source.bytes.count
        for (index, segment) in document.segments.enumerated() {
            let text = Array(segment.text.utf8)
            var offset = 0
            var previousStart = -1
            for scalar in segment.text.unicodeScalars {
                let length = UTF8.width(scalar)
                let range = segment.sourceMap.baseRange(offset..<(offset + length))
                FuzzFailure.check(range.lowerBound >= 0 && range.upperBound <= sourceCount,
                                  "segment \(index): character at \(offset) maps to \(range), outside the source (0..<\(sourceCount))")
                FuzzFailure.check(range.lowerBound >= previousStart,
                                  "segment \(index): character at \(offset) maps before the previous one (\(range.lowerBound) < \(previousStart))")
                previousStart = range.lowerBound
                offset += length
            }
            let whole = segment.sourceMap.baseRange(0..<text.count)
            FuzzFailure.check(whole.lowerBound >= 0 && whole.upperBound <= sourceCount,
                              "segment \(index) maps to \(whole), outside the source (0..<\(sourceCount))")
            for range in segment.invalidRanges {
                FuzzFailure.check(range.lowerBound >= 0 && range.upperBound <= text.count && range.lowerBound <= range.upperBound,
                                  "segment \(index): invalid range \(range) outside the text (\(text.count) bytes)")
            }
            for span in segment.inlineZones {
                FuzzFailure.check(span.range.lowerBound >= 0 && span.range.upperBound <= text.count,
                                  "segment \(index): zone span \(span.range) outside the text (\(text.count) bytes)")
                FuzzFailure.check(isBoundary(text, span.range.lowerBound) && isBoundary(text, span.range.upperBound),
                                  "segment \(index): zone span \(span.range) splits a character")
            }
        }
        // Positions of the source's ends exist and are sane.
        let last = document.source.position(of: sourceCount)
        FuzzFailure.check(last.line >= 1 && last.line <= document.source.lineStarts.count && last.column >= 1,
                          "position of the source end is \(last)")
    }

    static func isBoundary(_ bytes: [UInt8], _ offset: Int) -> Bool {
        offset == bytes.count || (offset < bytes.count && bytes[offset] & 0xC0 != 0x80)
    }
}
