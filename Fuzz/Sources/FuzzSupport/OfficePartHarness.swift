import Foundation
import ZIPFoundation

/// Wraps arbitrary bytes as the `word/document.xml` of a minimal `.docx` and runs the Word
/// extractor on it, so the fuzzer reaches the XML decoding (declared encodings, UTF-16 with
/// and without a byte-order mark, the DTD refusal after decoding) without having to build a
/// ZIP archive. The first byte picks how the rest is stored:
/// 0 as is; 1 UTF-16LE with a BOM; 2 UTF-16BE with a BOM; 3 UTF-16LE without one (the rest
/// read as UTF-8, invalid bytes replaced, then encoded).
public enum OfficePartHarness {
    static let contentTypes = #"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#
    static let relationships = #"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#

    public static func run(_ bytes: [UInt8]) {
        guard let first = bytes.first else { return }
        let rest = Array(bytes.dropFirst())
        let part: [UInt8]
        switch first & 3 {
        case 0: part = rest
        case 1: part = [0xFF, 0xFE] + utf16(rest, bigEndian: false)
        case 2: part = [0xFE, 0xFF] + utf16(rest, bigEndian: true)
        default: part = utf16(rest, bigEndian: false)
        }
        guard let archive = package(part) else { FuzzFailure.fail("could not build the package") }
        ExtractorHarness.run(archive, name: "fuzz.docx")
    }

    static func utf16(_ bytes: [UInt8], bigEndian: Bool) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for unit in String(decoding: bytes, as: UTF8.self).utf16 {
            let (high, low) = (UInt8(unit >> 8), UInt8(unit & 0xFF))
            out += bigEndian ? [high, low] : [low, high]
        }
        return out
    }

    /// A stored (uncompressed) ZIP archive of the three parts Word needs.
    static func package(_ document: [UInt8]) -> [UInt8]? {
        guard let archive = try? Archive(data: Data(), accessMode: .create) else { return nil }
        let parts: [(String, Data)] = [
            ("[Content_Types].xml", Data(contentTypes.utf8)), ("_rels/.rels", Data(relationships.utf8)), ("word/document.xml", Data(document)),
        ]
        for (path, data) in parts {
            do {
                try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: Date(timeIntervalSince1970: 0)) { position, size in
                    data.subdata(in: Int(position)..<Int(position) + size)
                }
            } catch {
                return nil
            }
        }
        return archive.data.map { Array($0) }
    }
}
