import LintCore

/// Text bytes decoded for matching, with a map back to the source text.
public struct DecodedText: Sendable {
    /// Valid UTF-8 text: invalid input bytes became U+FFFD.
    public var text: String
    /// `text` byte offsets -> `source` byte offsets.
    public var map: OffsetMap
    /// The source text for lines, columns and snippets: the file's bytes after any
    /// byte-order mark (re-encoded as UTF-8 when the file was UTF-16).
    public var source: SourceText
    /// Ranges of `text` that replace invalid bytes.
    public var invalidRanges: [Range<Int>]
    /// Source byte offsets of the invalid sequences.
    public var invalidSourceOffsets: [Int]
    /// `utf-8`, `utf-8-bom`, `utf-16le`, `utf-16be`.
    public var encoding: String
}

/// Detects and decodes the encodings text files come in: UTF-8 with or without a BOM, and
/// UTF-16 with a BOM. Invalid UTF-8 never stops a run: each invalid byte becomes U+FFFD,
/// which no rule matches, and the rest of the file is checked.
public enum TextDecoding {
    public static func decode(_ bytes: [UInt8], path: String) throws(ExtractionError) -> DecodedText {
        if bytes.count >= 2 && (bytes[0] == 0xFF && bytes[1] == 0xFE || bytes[0] == 0xFE && bytes[1] == 0xFF) {
            return try decodeUTF16(bytes, bigEndian: bytes[0] == 0xFE, path: path)
        }
        var body = bytes[...]
        var encoding = "utf-8"
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            body = bytes[3...]
            encoding = "utf-8-bom"
        }
        let sourceBytes = Array(body)
        if sourceBytes.prefix(8192).contains(0) { throw .binary(path: path) }
        if let valid = String(validating: sourceBytes, as: UTF8.self) {
            return DecodedText(text: valid, map: .identity(), source: SourceText(bytes: sourceBytes),
                               invalidRanges: [], invalidSourceOffsets: [], encoding: encoding)
        }
        var out = [UInt8]()
        out.reserveCapacity(sourceBytes.count + 16)
        var builder = OffsetMap.Builder()
        var invalid: [Range<Int>] = []
        var invalidOffsets: [Int] = []
        var i = 0
        while i < sourceBytes.count {
            let (length, scalar) = UTF8Scan.next(sourceBytes, i)
            if scalar != nil {
                out.append(contentsOf: sourceBytes[i..<(i + length)])
                builder.copy(length)
            } else {
                invalid.append(out.count..<(out.count + 3))
                invalidOffsets.append(i)
                out.append(contentsOf: [0xEF, 0xBF, 0xBD])
                builder.replace(baseCount: 1, derivedCount: 3)
            }
            i += length
        }
        return DecodedText(text: String(decoding: out, as: UTF8.self), map: builder.build(),
                           source: SourceText(bytes: sourceBytes), invalidRanges: invalid,
                           invalidSourceOffsets: invalidOffsets, encoding: encoding)
    }

    private static func decodeUTF16(_ bytes: [UInt8], bigEndian: Bool, path: String) throws(ExtractionError) -> DecodedText {
        guard bytes.count % 2 == 0 else {
            throw .unsupportedEncoding(path: path, detail: "UTF-16 with an odd number of bytes")
        }
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2 - 1)
        var i = 2
        while i + 1 < bytes.count {
            units.append(bigEndian ? UInt16(bytes[i]) << 8 | UInt16(bytes[i + 1]) : UInt16(bytes[i + 1]) << 8 | UInt16(bytes[i]))
            i += 2
        }
        let text = String(decoding: units, as: UTF16.self)
        return DecodedText(text: text, map: .identity(), source: SourceText(text), invalidRanges: [],
                           invalidSourceOffsets: [], encoding: bigEndian ? "utf-16be" : "utf-16le")
    }

    /// A note for a file with invalid bytes, at the first of them.
    public static func invalidBytesNote(_ decoded: DecodedText, path: String) -> Diagnostic? {
        guard let first = decoded.invalidSourceOffsets.first else { return nil }
        let position = decoded.source.position(of: first)
        let count = decoded.invalidSourceOffsets.count
        return Diagnostic(code: "invalid-utf8", level: .note, path: path, line: position.line, column: position.column,
                          message: "the file has \(count) invalid UTF-8 byte\(count == 1 ? "" : "s") (first here); they never match, and the rest of the file was checked")
    }
}

extension DecodedText {
    /// Notes for the user about how the file was decoded (invalid bytes).
    public func notes(path: String) -> [Diagnostic] {
        TextDecoding.invalidBytesNote(self, path: path).map { [$0] } ?? []
    }
}
