import LintCore
import Testing
@testable import Extractors

@Suite struct SegmentBuilderTests {
    /// Text the extractors could not line up with its bytes is kept whole at its source
    /// range; longer than that range, no character may map past it (nor past the source).
    @Test func unalignedTextStaysInsideItsRangeInOrder() throws {
        let source = Array("前文<b>x</b>後".utf8)
        var builder = SegmentBuilder()
        builder.copy(source, 0..<6)
        builder.unaligned("保證有效治癒", base: 6..<9)
        let built = builder.build(zone: .paragraph)
        let segment = try #require(built)
        #expect(segment.text == "前文保證有效治癒")
        var offset = 0
        var previous = 0
        var ranges: [Range<Int>] = []
        for scalar in segment.text.unicodeScalars {
            let length = UTF8.width(scalar)
            let range = segment.sourceMap.baseRange(offset..<(offset + length))
            #expect(range.lowerBound >= previous && range.upperBound <= source.count)
            previous = range.lowerBound
            ranges.append(range)
            offset += length
        }
        #expect(ranges == [0..<3, 3..<6, 6..<9, 9..<9, 9..<9, 9..<9, 9..<9, 9..<9])
    }
}
