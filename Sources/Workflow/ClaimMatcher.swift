import LintCore

/// Matches findings against the claims legal approved. A claim matches a finding when its
/// wording (a phrase, or a PCRE2 pattern) occurs on the finding's line overlapping the
/// flagged text, the finding's rule is one the claim answers, and the file is one the claim
/// covers. Text is compared as rules see it: full-width forms and variant characters folded.
public struct ClaimMatcher: Sendable {
    public struct Entry: Sendable {
        public var claim: SubstantiatedClaim
        var phrase: [UInt8]?
        var regex: (any CompiledRegex)?
    }

    /// A claim pattern that does not compile, with the claim it belongs to.
    public struct PatternError: Error, Sendable {
        public var claim: SubstantiatedClaim
        public var error: RegexCompileError
    }

    public let entries: [Entry]
    private let engine: any RegexEngine
    private let normalizer: TextNormalizer
    /// Whether a finding's path is covered by a claim's `paths` globs (which are relative
    /// to the config file); given by the caller, which knows where the config is.
    private let pathCovered: @Sendable (_ globs: [String], _ path: String) -> Bool

    public init(claims: [SubstantiatedClaim], engine: any RegexEngine, normalizer: TextNormalizer = TextNormalizer(),
                pathCovered: @escaping @Sendable (_ globs: [String], _ path: String) -> Bool) throws(PatternError) {
        var entries: [Entry] = []
        for claim in claims {
            var entry = Entry(claim: claim)
            if let text = claim.text {
                entry.phrase = Array(normalizer.normalizeLiteral(text).lowercased().utf8)
            } else if let pattern = claim.pattern {
                do {
                    entry.regex = try engine.compile(normalizer.normalizeLiteral(pattern), caseInsensitive: true)
                } catch {
                    throw PatternError(claim: claim, error: error)
                }
            }
            entries.append(entry)
        }
        self.entries = entries
        self.engine = engine
        self.normalizer = normalizer
        self.pathCovered = pathCovered
    }

    /// The first claim that matches the finding, if any.
    public func match(_ finding: Finding, scratch: any RegexScratch) -> SubstantiatedClaim? {
        let candidates = entries.filter { entry in
            (entry.claim.rules.isEmpty || entry.claim.rules.contains { finding.ruleID.matches(selector: $0) })
                && (entry.claim.paths.isEmpty || pathCovered(entry.claim.paths, finding.path))
        }
        guard !candidates.isEmpty else { return nil }
        let before = normalizer.normalizeLiteral(finding.snippet.before)
        let highlighted = normalizer.normalizeLiteral(finding.snippet.highlighted)
        let after = normalizer.normalizeLiteral(finding.snippet.after)
        let line = before + highlighted + after
        let flagged = before.utf8.count..<(before.utf8.count + max(1, highlighted.utf8.count))
        // Lower-cased part by part, so the flagged range is right even where case folding
        // changes a character's length.
        let lowerBefore = before.lowercased(), lowerHighlighted = highlighted.lowercased()
        let lowered = Array((lowerBefore + lowerHighlighted + after.lowercased()).utf8)
        let loweredFlagged = lowerBefore.utf8.count..<(lowerBefore.utf8.count + max(1, lowerHighlighted.utf8.count))
        for entry in candidates {
            if let phrase = entry.phrase, !phrase.isEmpty {
                var start = 0
                while start + phrase.count <= lowered.count {
                    if lowered[start] == phrase[0], lowered[start..<(start + phrase.count)].elementsEqual(phrase),
                       (start..<(start + phrase.count)).overlaps(loweredFlagged) {
                        return entry.claim
                    }
                    start += 1
                }
            } else if let regex = entry.regex {
                let buffer = UTF8Buffer(line)
                var from = 0
                while from <= buffer.count, let found = try? regex.firstMatch(in: buffer, from: from, scratch: scratch) {
                    if found.range.overlaps(flagged) { return entry.claim }
                    from = found.range.isEmpty ? buffer.offset(found.range.upperBound, forwardBy: 1) : found.range.upperBound
                    if found.range.isEmpty && found.range.upperBound >= buffer.count { break }
                }
            }
        }
        return nil
    }

    public func makeScratch() -> any RegexScratch { engine.makeScratch() }
}
