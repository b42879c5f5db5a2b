import Foundation
import LintCore

/// An Office XML part as plain UTF-8, before any XML parser sees it. Office parts are UTF-8
/// or UTF-16 (ECMA-376 Part 2); the DTD refusal and the UTF-8 check must look at the text,
/// not at the encoded bytes: a UTF-16 part hid `<!DOCTYPE` and `<!ENTITY` between NUL
/// bytes and one entity referenced 50,000 times grew to 11 GB. So a part is transcoded to
/// UTF-8 here, any other encoding (UTF-32, EBCDIC, a declared UTF-7 or Latin-1, ...) is
/// refused, and the XML declaration is blanked so the parser reads UTF-8 and nothing else.
enum XMLPartDecoder {
    enum Encoding { case utf8, utf16LittleEndian, utf16BigEndian }

    /// The part's text as UTF-8 bytes (the declaration blanked), or an error naming the part.
    static func utf8(_ data: Data, part: String, path: String) throws(ExtractionError) -> [UInt8] {
        let refuse = { (what: String) -> ExtractionError in
            .malformed(path: path, line: nil, column: nil, reason: "part \(part) \(what); Office parts are UTF-8 or UTF-16, so the file is damaged or forged")
        }
        var bytes = [UInt8](data)
        let encoding: Encoding
        var skip = 0
        switch (bytes.count > 0 ? bytes[0] : 1, bytes.count > 1 ? bytes[1] : 1, bytes.count > 2 ? bytes[2] : 1, bytes.count > 3 ? bytes[3] : 1) {
        case (0xEF, 0xBB, 0xBF, _): encoding = .utf8; skip = 3
        case (0xFF, 0xFE, 0, 0), (0, 0, 0xFE, 0xFF), (0x3C, 0, 0, 0), (0, 0, 0, 0x3C): throw refuse("is UTF-32")
        case (0xFF, 0xFE, _, _): encoding = .utf16LittleEndian; skip = 2
        case (0xFE, 0xFF, _, _): encoding = .utf16BigEndian; skip = 2
        case (0x3C, 0, _, _): encoding = .utf16LittleEndian
        case (0, 0x3C, _, _): encoding = .utf16BigEndian
        case (0x4C, 0x6F, 0xA7, 0x94): throw refuse("is EBCDIC")
        default: encoding = .utf8
        }
        if encoding == .utf8 {
            if skip > 0 { bytes.removeFirst(skip) }
            // UTF-8 text has no NUL; one here is another encoding's bytes, which libxml2 might read.
            if bytes.contains(0) { throw refuse("holds NUL bytes") }
        } else {
            guard let text = transcode(bytes[skip...], bigEndian: encoding == .utf16BigEndian) else {
                throw refuse("is not valid UTF-16")
            }
            bytes = text
        }
        try blankDeclaration(&bytes, refuse: refuse)
        return bytes
    }

    /// UTF-16 code units to UTF-8 bytes, or nil when the count is odd or a surrogate is unpaired.
    static func transcode(_ units: ArraySlice<UInt8>, bigEndian: Bool) -> [UInt8]? {
        guard units.count % 2 == 0 else { return nil }
        var codeUnits: [UInt16] = []
        codeUnits.reserveCapacity(units.count / 2)
        var index = units.startIndex
        while index < units.endIndex {
            let first = UInt16(units[index]), second = UInt16(units[index + 1])
            codeUnits.append(bigEndian ? first << 8 | second : second << 8 | first)
            index += 2
        }
        var out: [UInt8] = []
        out.reserveCapacity(codeUnits.count * 3 / 2)
        var iterator = codeUnits.makeIterator()
        var decoder = UTF16()
        while true {
            switch decoder.decode(&iterator) {
            case let .scalarValue(scalar): UTF8.encode(scalar) { out.append($0) }
            case .emptyInput: return out
            case .error: return nil
            }
        }
    }

    /// Replaces the XML declaration (`<?xml ... ?>`) with spaces after checking the encoding
    /// it declares: the bytes are UTF-8 now, whatever it said.
    static func blankDeclaration(_ bytes: inout [UInt8], refuse: (String) -> ExtractionError) throws(ExtractionError) {
        let opening = Array("<?xml".utf8)
        guard bytes.count > opening.count, bytes.starts(with: opening), [0x20, 0x09, 0x0D, 0x0A].contains(bytes[opening.count]) else { return }
        var end = opening.count
        while end + 1 < bytes.count, !(bytes[end] == 0x3F && bytes[end + 1] == 0x3E) { end += 1 }
        guard end + 1 < bytes.count else { throw refuse("has an XML declaration that never ends") }
        let declaration = String(decoding: bytes[0..<end], as: UTF8.self)
        if let declared = Self.declaredEncoding(declaration) {
            let name = declared.lowercased()
            guard ["utf-8", "utf8", "utf-16", "utf-16le", "utf-16be", "utf16"].contains(name) else {
                throw refuse("declares the encoding \(declared)")
            }
        }
        for index in 0...(end + 1) { bytes[index] = 0x20 }
    }

    /// The value of `encoding="..."` in a declaration.
    static func declaredEncoding(_ declaration: String) -> String? {
        guard let key = declaration.range(of: "encoding") else { return nil }
        var rest = declaration[key.upperBound...].drop { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
        guard rest.first == "=" else { return nil }
        rest = rest.dropFirst().drop { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        return String(rest.dropFirst().prefix { $0 != quote })
    }
}
