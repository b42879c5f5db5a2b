/// A stable identity for a finding that survives edits elsewhere in the file: the rule,
/// the normalised matched text and a few characters of context on each side. Line numbers
/// and byte offsets are deliberately left out, so moving a paragraph does not make an old
/// finding look new. Used by baselines and by SARIF `partialFingerprints`.
public struct FindingFingerprint: Sendable {
    /// Bumped whenever the recipe changes; baselines record it.
    public static let version = 1
    /// Characters of context taken on each side of the match (within its line).
    public static let contextCharacters = 8

    private let normalizer: TextNormalizer

    public init(normalizer: TextNormalizer = TextNormalizer()) { self.normalizer = normalizer }

    /// 16 hex digits.
    public func fingerprint(of finding: Finding) -> String {
        let before = String(finding.snippet.before.unicodeScalars.suffix(Self.contextCharacters * 2))
        let after = String(finding.snippet.after.unicodeScalars.prefix(Self.contextCharacters * 2))
        let canonical = [
            finding.ruleID.rawValue,
            canonicalText(finding.matchedText),
            String(canonicalText(before).unicodeScalars.suffix(Self.contextCharacters)),
            String(canonicalText(after).unicodeScalars.prefix(Self.contextCharacters)),
        ].joined(separator: "\u{1F}")
        return Self.hex(Self.fnv1a64(canonical))
    }

    /// The text as matching sees it (full-width folded, variants unified, zero-width
    /// dropped), lower-cased, without whitespace: reflowing a line does not change it.
    public func canonicalText(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in normalizer.normalizeLiteral(text).lowercased().unicodeScalars where !scalar.properties.isWhitespace {
            out.append(scalar)
        }
        return String(out)
    }

    /// Fingerprints of findings in report order, with an occurrence number that tells
    /// identical findings in one file apart (`<hash>:<n>`, n from 1).
    public func occurrenceKeys(of findings: [Finding]) -> [String] {
        var seen: [String: Int] = [:]
        return findings.map { finding in
            let print = fingerprint(of: finding)
            let key = finding.path + "\u{0}" + print
            seen[key, default: 0] += 1
            return "\(print):\(seen[key]!)"
        }
    }

    static func fnv1a64(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
