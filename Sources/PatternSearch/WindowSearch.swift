import LintCore
import PCRE2Matcher

/// What the search layer needs of a compiled pattern beyond `CompiledRegex`, and PCRE2
/// gives it: an identity that finds the pattern's analysis again without hashing its text
/// (the compiled object), and a search that gives up past a last start position (PCRE2's
/// offset limit), to verify a window around a literal hit. Kept here, not in the regex
/// protocol: they serve the prefilter alone.
enum WindowSearch {
    /// The identity of a pattern the prefilter can find again; nil for a pattern of another
    /// engine, which is then searched over the whole text.
    static func identity(of regex: any CompiledRegex) -> ObjectIdentifier? {
        (regex as? PCRE2Regex).map { ObjectIdentifier($0) }
    }

    /// The first match starting in `start...maxStart` (the whole buffer is the subject, so
    /// lookbehind sees before `start`). A pattern of another engine searches on and drops a
    /// match that starts too late.
    static func firstMatch(_ regex: any CompiledRegex, in buffer: UTF8Buffer, from start: Int, end: Int, maxStart: Int,
                           scratch: any RegexScratch) throws(RegexMatchError) -> RegexMatch? {
        if let pcre2 = regex as? PCRE2Regex {
            return try pcre2.firstMatch(in: buffer, from: start, end: end, maxStart: maxStart, scratch: scratch)
        }
        guard let match = try regex.firstMatch(in: buffer, from: start, end: end, scratch: scratch),
              match.range.lowerBound <= maxStart else { return nil }
        return match
    }
}
