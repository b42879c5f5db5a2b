import Extractors
import Foundation
import LintCore
import Testing
import TestSupport

/// Inputs the fuzzers (Fuzz/, scripts/fuzz.sh) found breaking an invariant, kept in
/// Tests/Fixtures/fuzz-regressions/ (the extension picks the extractor). Each must extract
/// or be refused by name, and every extracted character must map back inside the source,
/// in order, onto the bytes it came from.
@Suite struct FuzzRegressionTests {
    static let folder = TestSupport.packageRoot.appendingPathComponent("Tests/Fixtures/fuzz-regressions")

    static var inputs: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }

    @Test(arguments: inputs)
    func extractedTextMapsInsideTheSource(name: String) throws {
        let bytes = try [UInt8](Data(contentsOf: Self.folder.appendingPathComponent(name)))
        let document: ExtractedDocument
        do {
            document = try DocumentReader().read(bytes: bytes, name: name)
        } catch {
            #expect(error.path == name)
            return
        }
        let count = document.source.bytes.count
        for (index, segment) in document.segments.enumerated() {
            var offset = 0
            var previous = 0
            for scalar in segment.text.unicodeScalars {
                let length = UTF8.width(scalar)
                let range = segment.sourceMap.baseRange(offset..<(offset + length))
                #expect(range.lowerBound >= previous && range.upperBound <= count,
                        "segment \(index): \(scalar.debugDescription) at \(offset) maps to \(range); source has \(count) bytes")
                previous = range.lowerBound
                offset += length
            }
            for range in segment.invalidRanges {
                #expect(range.upperBound <= segment.text.utf8.count, "segment \(index): invalid range \(range)")
            }
        }
        #expect(RoundTrip.mismatches(document).isEmpty, "\(RoundTrip.mismatches(document).prefix(3))")
    }
}
