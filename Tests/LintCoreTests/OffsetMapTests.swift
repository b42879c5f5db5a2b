import LintCore
import Testing

@Suite struct OffsetMapTests {
    @Test func identityMapsEveryOffsetToItselfPlusTheShift() {
        let map = OffsetMap.identity(baseOffset: 10)
        #expect(map.baseStart(0) == 10)
        #expect(map.baseEnd(7) == 17)
        #expect(map.anchorCount == 1)
    }

    @Test func replacedUnitMapsStartAndEndToTheWholeBaseUnit() {
        // base: "A，B" = 41 EF BC 8C 42 (5 bytes); derived: "A,B" (3 bytes)
        var builder = OffsetMap.Builder()
        builder.copy(1)
        builder.replace(baseCount: 3, derivedCount: 1)
        builder.copy(1)
        let map = builder.build()
        #expect(map.baseStart(1) == 1)      // start of "，"
        #expect(map.baseEnd(2) == 4)        // end of "，"
        #expect(map.baseStart(2) == 4)      // "B"
        #expect(map.baseEnd(3) == 5)
        #expect(map.baseRange(1..<3) == 1..<5)
    }

    @Test func droppedBytesAreExcludedFromEndsButSkippedByStarts() {
        // base: "保" ZWSP "證" (3 + 3 + 3 bytes); derived: "保證" (6 bytes)
        var builder = OffsetMap.Builder()
        builder.copy(3)
        builder.drop(3)
        builder.copy(3)
        let map = builder.build()
        #expect(map.baseEnd(3) == 3)        // "保" ends before the dropped character
        #expect(map.baseStart(3) == 6)      // "證" starts after it
        #expect(map.baseRange(0..<6) == 0..<9)
        #expect(map.baseRange(3..<6) == 6..<9)
    }

    @Test func suffixStartsTheMapAtTheCutAndKeepsLaterAnchors() {
        var builder = OffsetMap.Builder()
        builder.copy(4)
        builder.replace(baseCount: 3, derivedCount: 1)
        builder.copy(2)
        let full = builder.build()
        let tail = full.suffix(from: 2)
        #expect(tail.baseStart(0) == 2)
        #expect(tail.baseStart(2) == 4)
        #expect(tail.baseEnd(3) == 7)
        #expect(tail.baseStart(4) == 8)
    }

    @Test func insertedBytesMapToTheInsertionPoint() {
        var builder = OffsetMap.Builder()
        builder.copy(3)
        builder.insert(1)
        builder.jump(toBase: 10)
        builder.copy(3)
        let map = builder.build()
        #expect(map.baseStart(4) == 10)
        #expect(map.baseEnd(3) == 3)
        #expect(map.baseRange(0..<7) == 0..<13)
    }
}
