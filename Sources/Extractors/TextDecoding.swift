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
    /// `utf-8`, `utf-8-bom`, `utf-16le`, `utf-16be`, `big5`.
    public var encoding: String
}

/// Detects and decodes the encodings text files come in: UTF-8 with or without a BOM,
/// UTF-16 with a BOM, and Big5 (see `LegacyEncoding`); any other encoding is named and refused. Invalid UTF-8 never stops a run: each invalid byte becomes U+FFFD,
/// which no rule matches, and the rest of the file is checked.
public enum TextDecoding {
    public static func decode(_ bytes: [UInt8], path: String) throws(ExtractionError) -> DecodedText {
        if bytes.count >= 2 && (bytes[0] == 0xFF && bytes[1] == 0xFE || bytes[0] == 0xFE && bytes[1] == 0xFF) {
            return try decodeUTF16(bytes, bigEndian: bytes[0] == 0xFE, path: path)
        }
        let hasBOM = bytes.starts(with: [0xEF, 0xBB, 0xBF])
        let encoding = hasBOM ? "utf-8-bom" : "utf-8"
        // Without a byte-order mark the bytes are used as they are (`Array(bytes[...])` was a
        // second copy of the file while it was decoded).
        let sourceBytes = hasBOM ? Array(bytes[3...]) : bytes
        if encoding == "utf-8", let detail = utf16WithoutBOM(sourceBytes) {
            throw .unsupportedEncoding(path: path, detail: detail)
        }
        if sourceBytes.prefix(8192).contains(0) { throw .binary(path: path) }
        if let valid = String(validating: sourceBytes, as: UTF8.self) {
            // The source reads the decoded string's own bytes (the same bytes): the file
            // is held once, not twice.
            return DecodedText(text: valid, map: .identity(), source: SourceText(valid),
                               invalidRanges: [], invalidSourceOffsets: [], encoding: encoding)
        }
        if encoding == "utf-8", let legacy = try decodeLegacy(sourceBytes, path: path) { return legacy }
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

    /// Text that is mostly not UTF-8 (more invalid bytes than valid multi-byte characters):
    /// Big5 is decoded; another detected encoding is refused by name. `nil`: read it as UTF-8
    /// with some invalid bytes.
    private static func decodeLegacy(_ bytes: [UInt8], path: String) throws(ExtractionError) -> DecodedText? {
        var invalid = 0, multibyte = 0
        var i = 0
        while i < bytes.count {
            let (length, scalar) = UTF8Scan.next(bytes, i)
            if scalar == nil { invalid += 1 } else if length > 1 { multibyte += 1 }
            i += length
        }
        guard invalid > multibyte else { return nil }
        let detected = LegacyEncoding.detect(bytes)
        let multibyteEncodings = ["GB18030", "GB2312", "EUC-KR", "SHIFT_JIS", "EUC-JP", "EUC-TW", "ISO-2022", "UTF-16", "UTF-32", "HZ"]
        let otherCJK = detected.map { name in multibyteEncodings.contains { name.hasPrefix($0) } } ?? false
        if detected?.hasPrefix("BIG5") == true || (!otherCJK && detected != "UTF-8" && LegacyEncoding.looksLikeBig5(bytes)) {
            guard let text = LegacyEncoding.decodeBig5(bytes) else {
                throw .unsupportedEncoding(path: path, detail: "it looks like Big5 but has bytes that are not Big5")
            }
            return DecodedText(text: text, map: .identity(), source: SourceText(text), invalidRanges: [],
                               invalidSourceOffsets: [], encoding: "big5")
        }
        if detected == "UTF-8" || detected == "ASCII" { return nil }
        let name = detected ?? "not UTF-8, UTF-16 or Big5"
        throw .unsupportedEncoding(path: path, detail: "it looks like \(name), not UTF-8, UTF-16 with a BOM or Big5; convert it with `iconv -f \(detected ?? "ENCODING") -t UTF-8`")
    }

    /// UTF-16 without a byte-order mark shows as NUL bytes at every other position.
    private static func utf16WithoutBOM(_ bytes: [UInt8]) -> String? {
        let sample = bytes.prefix(4096)
        guard sample.count >= 8 else { return nil }
        var even = 0, odd = 0
        for (index, byte) in sample.enumerated() where byte == 0 {
            if index % 2 == 0 { even += 1 } else { odd += 1 }
        }
        let half = sample.count / 2
        if odd * 10 >= half * 3 && even * 10 < half { return "UTF-16 little-endian without a byte-order mark; save it as UTF-8 (or UTF-16 with a BOM)" }
        if even * 10 >= half * 3 && odd * 10 < half { return "UTF-16 big-endian without a byte-order mark; save it as UTF-8 (or UTF-16 with a BOM)" }
        return nil
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
        return Diagnostic(code: .invalidUTF8, level: .note, path: path, line: position.line, column: position.column,
                          message: "the file has \(count) invalid UTF-8 byte\(count == 1 ? "" : "s") (first here); they never match, and the rest of the file was checked")
    }
}

extension DecodedText {
    /// Notes for the user about how the file was decoded (invalid bytes).
    public func notes(path: String) -> [Diagnostic] {
        var notes = TextDecoding.invalidBytesNote(self, path: path).map { [$0] } ?? []
        if encoding == "big5" {
            notes.append(Diagnostic(code: .encoding, level: .note, path: path,
                                    message: "read as Big5 (code page 950); byte offsets count the text re-encoded as UTF-8"))
        }
        return notes
    }
}
