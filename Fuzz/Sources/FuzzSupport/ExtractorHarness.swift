import Extractors
import LintCore

/// Runs the extractor that a file name picks on arbitrary bytes: it may refuse them with
/// an `ExtractionError` (which must name the file), never crash, and what it extracts
/// must map back inside the source.
public enum ExtractorHarness {
    public static func run(_ bytes: [UInt8], name: String) {
        let reader = DocumentReader()
        do {
            let document = try reader.read(bytes: bytes, name: name)
            DocumentInvariants.check(document)
        } catch {
            FuzzFailure.check(error.path == name, "error names \(error.path), not \(name)")
            FuzzFailure.check(!error.description.isEmpty, "empty error message")
        }
    }
}
