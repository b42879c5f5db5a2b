import LintCore

/// What a file's first bytes say it is, whatever its extension, so that a file with the
/// wrong extension gets a clear error rather than a garbled read.
enum ContentSniffer {
    enum Kind: Equatable {
        case zip, pdf, ole2, other

        var name: String {
            switch self {
            case .zip: "a ZIP archive (a .docx, .pptx or .xlsx file?)"
            case .pdf: "a PDF file"
            case .ole2: "a legacy or password-protected Office file (.doc, .xls, .ppt)"
            case .other: "not of this format"
            }
        }
    }

    static func kind(_ bytes: [UInt8]) -> Kind {
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) || bytes.starts(with: [0x50, 0x4B, 0x05, 0x06]) { return .zip }
        if bytes.starts(with: Array("%PDF-".utf8)) { return .pdf }
        if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return .ole2 }
        return .other
    }

    /// The error for content that does not fit the extractor chosen by the extension, or nil.
    static func mismatch(_ bytes: [UInt8], format: String, path: String) -> ExtractionError? {
        let kind = kind(bytes)
        let container: Kind? = switch format {
        case "docx", "pptx", "xlsx": .zip
        case "pdf": .pdf
        default: nil
        }
        if let container {
            guard kind != container else { return nil }
            if kind == .ole2 {
                return .unsupportedFormat(path: path, detail: "the file is \(kind.name); save it as .docx, .xlsx or .pptx without a password")
            }
            if bytes.isEmpty { return .malformed(path: path, line: nil, column: nil, reason: "the file is empty") }
            return .unsupportedFormat(path: path, detail: "the file is \(kind == .other ? "not a valid .\(format) file (wrong extension, or damaged)" : kind.name); give it its right extension")
        }
        if kind != .other {
            return .unsupportedFormat(path: path, detail: "the file is \(kind.name), not \(format); give it its right extension")
        }
        return nil
    }
}
