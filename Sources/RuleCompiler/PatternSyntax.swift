import LintCore

/// Writing PCRE2 syntax: escaping literals, folding regex text the way the matched text
/// is folded, and the built-in `{{name}}` fragments.
enum PatternSyntax {
    /// Characters allowed between the characters of a phrase in a `loose: true` rule
    /// (治 療, 保．證 → the full-width period is already folded to `.`).
    static let looseSeparator = #"[\s.·・•\-_*~|/\\、,'"^+=#]{0,2}"#

    /// Sentence-ending characters after normalization (。！？ fold to 。!?).
    static let sentenceChar = #"[^。!?\r\n]"#

    /// A run of digits with thousands separators and decimals: 5,000,000 or 1.2. Possessive
    /// (never given back), so `首獎 ` and 5,000 digits cannot make a rule backtrack to the
    /// match limit. Not a bounded repeat: PCRE2 copies `{0,40}` forty times, and rules that
    /// use `{{number}}` several times grew past the compiled-size limit.
    static let digits = #"[0-9](?:[0-9]|,(?=[0-9]{3}))*+(?:\.[0-9]++)?"#

    /// Built-in regex fragments, usable as `{{name}}` in `regex:`.
    static let builtins: [String: String] = [
        // An amount: 5000000, 5,000,000, 500萬, 1.2億, 5百萬, 1萬5000, 五百萬. Digit runs are
        // only split by units, so the pattern cannot backtrack catastrophically.
        "number": #"(?:\#(digits)(?:\s*[十百千萬億]+\#(digits))*(?:\s*[十百千萬億])*|[零〇一二兩三四五六七八九十百千萬億]+)"#,
        "sentence-char": sentenceChar,
    ]

    /// A literal as PCRE2 syntax: ASCII punctuation escaped, everything else as is.
    static func escape(_ literal: String) -> String {
        var out = ""
        for scalar in literal.unicodeScalars {
            if scalar.isASCII && !(scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == " ") {
                out.append("\\")
            }
            out.unicodeScalars.append(scalar)
        }
        return out
    }

    /// A literal whose characters may be separated by spaces or decorative punctuation.
    static func escapeLoose(_ literal: String) -> String {
        literal.unicodeScalars.map { escape(String($0)) }.joined(separator: looseSeparator)
    }

    /// Folds the literal characters of a regex the way text is folded (full-width to
    /// ASCII, variants), keeping escapes intact. A full-width character that folds to
    /// ASCII punctuation becomes an escaped literal, so `（` stays a literal parenthesis.
    static func normalizeRegex(_ source: String, normalizer: TextNormalizer) -> String {
        var out = ""
        var escaped = false
        for scalar in source.unicodeScalars {
            if escaped {
                out.unicodeScalars.append(scalar)
                escaped = false
                continue
            }
            if scalar == "\\" {
                out.unicodeScalars.append(scalar)
                escaped = true
                continue
            }
            guard let folded = normalizer.fold(scalar) else { continue }
            if folded != scalar && folded.isASCII && !folded.properties.isAlphabetic && !("0"..."9").contains(folded) && folded != " " {
                out.append("\\")
            }
            out.unicodeScalars.append(folded)
        }
        return out
    }

    /// Alternation of literals, longest first (so 治療師 is tried before 治療), stable.
    static func alternation(ofTerms terms: [String], loose: Bool) -> String {
        let unique = Array(Set(terms)).sorted {
            let a = $0.unicodeScalars.count, b = $1.unicodeScalars.count
            return a != b ? a > b : $0 < $1
        }
        return unique.map { loose ? escapeLoose($0) : escape($0) }.joined(separator: "|")
    }
}
