import Extractors
import LintCore

/// Why `adlaw annotate` could not write the annotated copy. The original is never changed.
public enum AnnotationError: Error, CustomStringConvertible, Sendable {
    /// The file could not be read as an Office package (damaged, past a limit).
    case unreadable(ExtractionError)
    /// The format has no comments adlaw can write (only .docx and .pptx do).
    case unsupported(path: String, reason: String)
    /// A part adlaw must change is not the XML it expected; nothing was written.
    case damagedPart(path: String, part: String, offset: Int)
    /// The annotated copy could not be assembled.
    case writeFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case let .unreadable(error): error.description
        case let .unsupported(path, reason): "\(path): \(reason)"
        case let .damagedPart(path, part, offset):
            "\(path): part \(part) is not well-formed XML near byte \(offset); open and save the file again in Office, then retry"
        case let .writeFailed(path, reason): "\(path): cannot assemble the annotated copy: \(reason)"
        }
    }
}
