import Foundation
import LintCore

/// The offset round-trip check every extractor's tests run: each character of each
/// extracted segment must map back to exactly the source bytes it came from. The source
/// bytes either are the character itself or an encoding of it that this checker decodes
/// on its own (an entity, a backslash escape, CR LF, an invalid byte, a run of whitespace);
/// joiners the extractor inserted (a space, a line break) map to an empty source range.
enum RoundTrip {
    struct Mismatch: CustomStringConvertible {
        var segment: Int
        var character: String
        var source: [UInt8]
        var description: String {
            "segment \(segment): \(character.debugDescription) maps to source bytes \(String(decoding: source, as: UTF8.self).debugDescription) \(source)"
        }
    }

    /// Every character that does not map back to its own bytes.
    static func mismatches(_ document: ExtractedDocument, source override: [UInt8]? = nil) -> [Mismatch] {
        let source = override ?? Array(document.source.bytes)
        var out: [Mismatch] = []
        for (index, segment) in document.segments.enumerated() {
            var offset = 0
            for scalar in segment.text.unicodeScalars {
                let length = UTF8.width(scalar)
                let range = segment.sourceMap.baseRange(offset..<(offset + length))
                offset += length
                guard range.lowerBound >= 0, range.upperBound <= source.count else {
                    out.append(Mismatch(segment: index, character: String(scalar), source: []))
                    continue
                }
                let raw = Array(source[range])
                if !decodes(raw, to: scalar) {
                    out.append(Mismatch(segment: index, character: String(scalar), source: raw))
                }
            }
        }
        return out
    }

    private static let entities: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}", "copy": "©", "reg": "®",
    ]

    static func decodes(_ raw: [UInt8], to scalar: Unicode.Scalar) -> Bool {
        let char = Array(String(scalar).utf8)
        if raw == char { return true }
        // Joiners inserted between source runs.
        if raw.isEmpty { return scalar == " " || scalar == "\n" }
        // A run of whitespace written as one space.
        if scalar == " " || scalar == "\n", raw.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 || $0 == 0x0C }) { return true }
        if scalar == "\n" && raw == [0x0D, 0x0A] { return true }
        if scalar == "\u{FFFD}" && String(validating: raw, as: UTF8.self) == nil { return true }
        if scalar == "\u{FFFD}" && raw == [0] { return true }
        // gumbo reads control characters and noncharacters as U+FFFD.
        if scalar == "\u{FFFD}", let decoded = String(validating: raw, as: UTF8.self)?.unicodeScalars,
           decoded.count == 1, let only = decoded.first?.value {
            if (0x01...0x08).contains(only) || only == 0x0B || (0x0E...0x1F).contains(only) || (0x7F...0x9F).contains(only) { return true }
            if (0xFDD0...0xFDEF).contains(only) || only & 0xFFFE == 0xFFFE { return true }
        }
        // Backslash escape (Markdown, JSON `\"` `\\` `\/`), and JSON's control escapes.
        if raw.count == 2 && raw[0] == 0x5C && raw[1] == char.first && char.count == 1 { return true }
        let controls: [UInt8: Unicode.Scalar] = [0x6E: "\n", 0x74: "\t", 0x72: "\r", 0x62: "\u{08}", 0x66: "\u{0C}"]
        if raw.count == 2 && raw[0] == 0x5C, let control = controls[raw[1]] { return control == scalar }
        // JSON `\uXXXX`, and surrogate pairs `\uD83D\uDE00`.
        if raw.count == 6 || raw.count == 12, raw[0] == 0x5C, raw[1] == 0x75 {
            let hex = { (at: Int) in UInt32(String(decoding: raw[(at + 2)..<(at + 6)], as: UTF8.self), radix: 16) }
            if raw.count == 6, let value = hex(0) { return value == scalar.value || scalar == "\u{FFFD}" && (0xD800...0xDFFF).contains(value) }
            if raw.count == 12, let high = hex(0), let low = hex(6) {
                return 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00) == scalar.value
            }
        }
        // CSV's doubled quote.
        if raw == [0x22, 0x22] && scalar == "\"" { return true }
        // Entities.
        let text = String(decoding: raw, as: UTF8.self)
        if text.hasPrefix("&") {
            var name = text.dropFirst()
            if name.hasSuffix(";") { name = name.dropLast() }
            // HTML turns a numeric reference to NUL or a surrogate into U+FFFD.
            func numeric(_ value: UInt32) -> Bool {
                value == scalar.value || scalar == "\u{FFFD}" && (value == 0 || (0xD800...0xDFFF).contains(value) || value > 0x10FFFF)
            }
            if name.hasPrefix("#x") || name.hasPrefix("#X"), let value = UInt32(name.dropFirst(2), radix: 16) {
                return numeric(value)
            }
            if name.hasPrefix("#"), let value = UInt32(name.dropFirst()) { return numeric(value) }
            return entities[String(name)] == String(scalar)
        }
        return false
    }
}
