@testable import Extractors
import Testing

@Suite struct WhitespaceScalarTests {
    /// The page summary's fast whitespace test agrees with Unicode's White_Space property on
    /// every scalar.
    @Test func agreesWithUnicodeOnEveryScalar() {
        var mismatches: [UInt32] = []
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if StructureSummary.isWhitespace(scalar) != scalar.properties.isWhitespace { mismatches.append(value) }
        }
        #expect(mismatches.isEmpty)
    }
}
