import LintCore
import PatternSearch

/// Runs one rule over one document's segments: finds matches, applies the rule's
/// exceptions and numeric conditions, and merges overlapping matches.
struct RuleRunner {
    let rule: Rule
    let segments: [PreparedSegment]
    let scratch: any RegexScratch
    /// When a safe-harbour phrase is negated and does not count (nil: never).
    let polarity: Polarity?
    /// Findings accepted so far (kept when a limit stops the rule part-way).
    private(set) var accepted: [RawFinding] = []
    /// The CPU time the rule may use on this document.
    var budget = RuleBudget(seconds: .infinity)
    /// Sentences skipped because the pattern hit the match limit in them: one such place
    /// (a 5,000-digit "amount") no longer turns the rule off for the whole file.
    private(set) var skippedSentences = 0
    /// The most findings the rule reports on this document; past it the rule stops there
    /// and `truncated` is set (memory stays bounded on copy dense with matches).
    var limit = Int.max
    private(set) var truncated = false
    /// Whether the document holds an affirmed `document-has` (`document-lacks`) phrase; set
    /// beforehand when the document is checked in pieces (`PieceChecker`), else found on first use.
    var documentHasResult: Bool?
    var documentLacksResult: Bool?
    /// For a `document` rule checked in pieces: whether each required item is in the document.
    var requiredPresent: [Bool]?
    /// Where span matching starts in each segment (a piece's own text starts past its margin).
    var startPosition = 0
    /// Matches starting at or after this offset are left to the next piece (`Int.max`: none).
    var ownEnd = Int.max
    /// Where the search of the last segment stopped: the next piece resumes there.
    private(set) var resumePosition: Int?
    /// Whether a `document` rule's trigger was found (it fired or not).
    private(set) var triggerFound = false
    /// The last sentence tested for `sentence-has`, and whether it held a phrase. Matches
    /// arrive in order, so all the matches of one sentence share a single scan: a long
    /// sentence with many matches costs linear, not quadratic, time.
    private var sentenceHasMemo: (segment: Int, sentence: Range<Int>, found: Bool)?

    init(rule: Rule, segments: [PreparedSegment], scratch: any RegexScratch, polarity: Polarity? = nil) {
        self.rule = rule
        self.segments = segments
        self.scratch = scratch
        self.polarity = polarity
    }

    mutating func run() throws(RegexMatchError) -> [RawFinding] {
        switch rule.pattern {
        case let .span(span):
            for segment in segments.candidates(for: span.regex) where rule.applies(toZones: segment.allZones) {
                let found = try matches(of: span, in: segment, firstOnly: false)
                accepted += merge(found)
                if truncated || accepted.count > limit {
                    if accepted.count > limit { accepted.removeLast(accepted.count - limit) }
                    truncated = true
                    break
                }
            }
        case let .document(doc):
            try runDocument(doc)
        case .checklist:
            break // evaluated after the other rules, by ChecklistRunner
        case .structure:
            break // facts, not text: StructureRunner
        }
        return accepted
    }

    /// The first accepted match of `span` in the document, in segment order (the trigger of
    /// a document-level rule).
    mutating func firstTrigger(_ span: SpanPattern) throws(RegexMatchError) -> RawFinding? {
        for segment in segments.candidates(for: span.regex) where rule.applies(toZones: segment.allZones) {
            if let first = try matches(of: span, in: segment, firstOnly: true).first { return first }
        }
        return nil
    }

    // MARK: - Span matching

    /// Accepted matches of `span` in a segment, in order of their start. After an accepted
    /// match the search resumes at its end (so one phrase is not claimed twice); after a
    /// cancelled one, one character after its start, so a match hidden behind it (治療師說
    /// 可以治療失眠) is still found.
    private mutating func matches(of span: SpanPattern, in segment: PreparedSegment,
                                  firstOnly: Bool) throws(RegexMatchError) -> [RawFinding] {
        let buffer = segment.buffer
        var out: [RawFinding] = []
        var position = startPosition
        resumePosition = position
        defer { resumePosition = position }
        var search = SegmentSearch(span.regex, in: segment)
        if search.isEmpty { return out }
        while position <= buffer.count {
            try budget.check()
            let found: RegexMatch?
            do { found = try search.firstMatch(from: position, scratch: scratch, budget: &budget) } catch {
                guard case .matchLimit = error else { throw error }
                found = try sentenceBySentence(span.regex, in: segment, from: position)
            }
            guard let match = found, match.range.lowerBound < ownEnd else { break }
            position = buffer.offset(match.range.lowerBound, forwardBy: 1)
            if match.range.isEmpty { continue }
            if segment.touchesInvalidBytes(match.range) { continue }
            if !rule.zones.isEmpty && !rule.applies(toZones: segment.zones(of: match.range)) { continue }
            if try isCancelled(match, componentGroups: span.componentGroups, in: segment) { continue }
            if !conditionsHold(match, regex: span.regex, in: segment) { continue }
            out.append(RawFinding(rule: rule, segment: segment.index, range: match.range, groups: match.groups, missing: []))
            if firstOnly { break }
            if accepted.count + out.count > limit {
                truncated = true // one more than reported: the rule matched more than its limit
                break
            }
            position = max(position, match.range.upperBound)
        }
        return out
    }

    /// The first match at or after `position` searched one sentence at a time, after a
    /// search hit the match limit somewhere ahead: a sentence where the pattern cannot
    /// finish is skipped (and counted), the others are searched as usual.
    private mutating func sentenceBySentence(_ regex: any CompiledRegex, in segment: PreparedSegment,
                                             from position: Int) throws(RegexMatchError) -> RegexMatch? {
        let buffer = segment.buffer
        var start = position
        while start < min(buffer.count, ownEnd) {
            try budget.check()
            let end = segment.sentenceEnd(from: start)
            do {
                if let match = try regex.firstMatch(in: buffer, from: start, end: end, scratch: scratch) { return match }
            } catch {
                guard case .matchLimit = error else { throw error }
                skippedSentences += 1
            }
            start = end
        }
        return nil
    }

    private func merge(_ found: [RawFinding]) -> [RawFinding] {
        var merged: [RawFinding] = []
        for finding in found {
            if var last = merged.last, last.segment == finding.segment, finding.range.lowerBound < last.range.upperBound {
                last.range = last.range.lowerBound..<max(last.range.upperBound, finding.range.upperBound)
                merged[merged.count - 1] = last
            } else {
                merged.append(finding)
            }
        }
        return merged
    }

    // MARK: - Exceptions

    private mutating func isCancelled(_ match: RegexMatch, componentGroups: [Int],
                                      in segment: PreparedSegment) throws(RegexMatchError) -> Bool {
        let exceptions = rule.exceptions
        if exceptions.isEmpty { return false }
        if let inside = exceptions.inside {
            var spans = [match.range]
            spans += componentGroups.compactMap { match.group($0) }
            for span in spans where try isInside(span, regex: inside.regex, window: inside.window, segment: segment) {
                return true
            }
        }
        if let preceded = exceptions.precededBy,
           try isPreceded(match.range.lowerBound, regex: preceded.regex, within: preceded.within,
                          window: preceded.window, segment: segment) {
            return true
        }
        if let sentenceHas = exceptions.sentenceHas {
            let sentence = segment.sentence(around: match.range)
            let found: Bool
            if let memo = sentenceHasMemo, memo.segment == segment.index, memo.sentence == sentence {
                found = memo.found
            } else {
                found = try firstAffirmed(sentenceHas, in: segment, from: sentence.lowerBound, end: sentence.upperBound)
                sentenceHasMemo = (segment.index, sentence, found)
            }
            if found { return true }
        }
        if exceptions.documentHas != nil, try documentHas() { return true }
        if exceptions.documentLacks != nil, try documentLacks() { return true }
        if let followed = exceptions.followedBy,
           try isFollowed(match.range.upperBound, regex: followed.regex, within: followed.within,
                          window: followed.window, segment: segment) {
            return true
        }
        return false
    }

    /// Whether an affirmed match of `regex` starts at most `within` characters after `end`,
    /// in this segment or the ones after it (their characters count toward the distance):
    /// a footnote source two lines under a ranking claim.
    private func isFollowed(_ end: Int, regex: any CompiledRegex, within: Int, window: Int,
                            segment: PreparedSegment) throws(RegexMatchError) -> Bool {
        // The segment's place in the document is its place here unless segments were left out;
        // a search per match made dense copy quadratic (45,000 lines: the rule hit its time limit).
        let known = segment.index < segments.count && segments[segment.index] === segment
        guard var index = known ? segment.index : segments.firstIndex(where: { $0 === segment }) else { return false }
        var from = end
        var left = within
        while left >= 0 && index < segments.count {
            let current = segments[index]
            let buffer = current.buffer
            let lastStart = buffer.offset(from, forwardBy: left)
            let searchEnd = buffer.offset(from, forwardBy: window - (within - left))
            var position = from
            while position <= lastStart && position < buffer.count,
                  let m = try regex.firstMatch(in: buffer, from: position, end: searchEnd, scratch: scratch),
                  m.range.lowerBound <= lastStart {
                if try !isNegated(m.range.lowerBound, of: regex, in: current) { return true }
                position = buffer.offset(m.range.lowerBound, forwardBy: 1)
            }
            // The reach ends inside this segment: no later one is in it, and counting the rest of
            // a long segment for every match would be quadratic.
            if lastStart < buffer.count { break }
            left -= buffer.scalarCount(from..<buffer.count) + 1
            index += 1
            from = 0
        }
        return false
    }

    /// Whether `span` lies inside a match of `regex` (治療 inside 治療師).
    private func isInside(_ span: Range<Int>, regex: any CompiledRegex, window: Int,
                          segment: PreparedSegment) throws(RegexMatchError) -> Bool {
        let buffer = segment.buffer
        var position = buffer.offset(span.lowerBound, backBy: window)
        let end = buffer.offset(span.upperBound, forwardBy: window)
        while position <= span.lowerBound {
            guard let m = try regex.firstMatch(in: buffer, from: position, end: end, scratch: scratch) else { return false }
            if m.range.lowerBound > span.lowerBound { return false }
            if m.range.upperBound >= span.upperBound { return true }
            position = buffer.offset(m.range.lowerBound, forwardBy: 1)
        }
        return false
    }

    /// Whether a match of `regex` ends at most `within` characters before `start`, in the
    /// same sentence (不能治療, 並非保證).
    private func isPreceded(_ start: Int, regex: any CompiledRegex, within: Int, window: Int,
                            segment: PreparedSegment) throws(RegexMatchError) -> Bool {
        let buffer = segment.buffer
        var position = buffer.offset(start, backBy: window)
        while position < start {
            guard let m = try regex.firstMatch(in: buffer, from: position, end: start, scratch: scratch) else { return false }
            let gap = m.range.upperBound..<start
            if buffer.scalarCount(gap) <= within && !segment.hasBreak(in: gap) { return true }
            position = buffer.offset(m.range.lowerBound, forwardBy: 1)
        }
        return false
    }

    private mutating func documentHas() throws(RegexMatchError) -> Bool {
        if let cached = documentHasResult { return cached }
        guard let regex = rule.exceptions.documentHas else { return false }
        let found = try documentContains(regex)
        documentHasResult = found
        return found
    }

    /// Whether the document contains none of the `document-lacks` phrases.
    private mutating func documentLacks() throws(RegexMatchError) -> Bool {
        if let cached = documentLacksResult { return cached }
        guard let regex = rule.exceptions.documentLacks else { return false }
        let lacks = try !documentContains(regex)
        documentLacksResult = lacks
        return lacks
    }

    private func documentContains(_ regex: any CompiledRegex,
                                  siblings: [any CompiledRegex] = []) throws(RegexMatchError) -> Bool {
        for segment in segments.candidates(for: regex) {
            if try containsAffirmed(regex, in: segment, from: 0, ownEnd: .max, siblings: siblings) { return true }
        }
        return false
    }

    /// Whether an affirmed match of `regex` starts in `from..<ownEnd` of a segment.
    /// `siblings` are the other phrases the same check looks for (a `requires` rule's items):
    /// a negator inside one of them is that phrase's own wording (see `isNegated`).
    func containsAffirmed(_ regex: any CompiledRegex, in segment: PreparedSegment, from: Int,
                          ownEnd: Int, siblings: [any CompiledRegex] = []) throws(RegexMatchError) -> Bool {
        var search = SegmentSearch(regex, in: segment)
        guard polarity != nil else {
            guard let m = try search.firstMatch(from: from, scratch: scratch) else { return false }
            return m.range.lowerBound < ownEnd
        }
        var position = from
        while let m = try search.firstMatch(from: position, scratch: scratch), m.range.lowerBound < ownEnd {
            if try !isNegated(m.range.lowerBound, of: regex, in: segment, siblings: siblings) { return true }
            position = segment.buffer.offset(m.range.lowerBound, forwardBy: 1)
        }
        return false
    }

    /// Whether `regex` matches in `from..<end` of the segment at a place the copy does not negate.
    private func firstAffirmed(_ regex: any CompiledRegex, in segment: PreparedSegment, from: Int,
                               end: Int) throws(RegexMatchError) -> Bool {
        var position = from
        while position < end,
              let m = try regex.firstMatch(in: segment.buffer, from: position, end: end, scratch: scratch) {
            if try !isNegated(m.range.lowerBound, of: regex, in: segment) { return true }
            position = segment.buffer.offset(m.range.lowerBound, forwardBy: 1)
        }
        return false
    }

    /// Whether a negator (`Rules/lexicons/polarity.yaml`) ends at most `within` characters before
    /// `start`, in the same clause: 「無法退訂」, 「不適用七天鑑賞期」. A negator that is the
    /// start of the phrase itself (「禁止酒駕」 where the phrase is found from 酒駕) is part of
    /// what the copy affirms, not a negation of it. So is a negator inside a whole `sibling`
    /// phrase that ends before this one: in 「禁止酒駕・飲酒過量有害健康」 or
    /// 「未滿18歲請勿飲酒/飲酒過量有害健康」 the first warning's 禁止 or 勿 negates its own object,
    /// whatever mark (or none) stands between the two warnings.
    private func isNegated(_ start: Int, of phrase: any CompiledRegex, in segment: PreparedSegment,
                           siblings: [any CompiledRegex] = []) throws(RegexMatchError) -> Bool {
        guard let polarity else { return false }
        let buffer = segment.buffer
        var position = buffer.offset(start, backBy: polarity.window)
        while position < start {
            guard let m = try polarity.negators.firstMatch(in: buffer, from: position, end: start, scratch: scratch) else {
                return false
            }
            let gap = m.range.upperBound..<start
            if buffer.scalarCount(gap) <= polarity.within && !segment.hasClauseBreak(in: gap),
               try phrase.firstMatch(in: buffer, from: m.range.lowerBound, end: buffer.count, scratch: scratch)?
                   .range.lowerBound != m.range.lowerBound,
               try !isInsideSibling(m.range.lowerBound, before: start, siblings: siblings, in: buffer) {
                return true
            }
            position = buffer.offset(m.range.lowerBound, forwardBy: 1)
        }
        return false
    }

    /// How far before a negator a sibling phrase may start: longer than any warning or
    /// disclosure a `requires` item lists (短時間內大量灌酒會使人立即喪命 is 15 characters).
    static let siblingReach = 40

    /// Whether a match of one of `siblings` covers the negator at `negator` and ends at or
    /// before `start`, where the phrase being tested begins.
    private func isInsideSibling(_ negator: Int, before start: Int, siblings: [any CompiledRegex],
                                 in buffer: UTF8Buffer) throws(RegexMatchError) -> Bool {
        guard !siblings.isEmpty else { return false }
        let from = buffer.offset(negator, backBy: Self.siblingReach)
        for sibling in siblings {
            var position = from
            // The search ends at `start`, so every match found ends there or before.
            while position <= negator,
                  let m = try sibling.firstMatch(in: buffer, from: position, end: start, scratch: scratch),
                  m.range.lowerBound <= negator {
                if m.range.upperBound > negator { return true }
                position = buffer.offset(m.range.lowerBound, forwardBy: 1)
            }
        }
        return false
    }

    // MARK: - Numeric conditions

    private func conditionsHold(_ match: RegexMatch, regex: any CompiledRegex, in segment: PreparedSegment) -> Bool {
        guard !rule.conditions.isEmpty else { return true }
        func value(_ group: String) -> Double? {
            guard let number = regex.groupNames[group], let range = match.group(number) else { return nil }
            return NumberParser.parse(segment.buffer.string(range))
        }
        for condition in rule.conditions {
            guard let lhs = value(condition.group) else { return false }
            let rhs: Double
            switch condition.bound {
            case let .constant(c): rhs = c
            case let .group(other, times):
                guard let base = value(other) else { return false }
                rhs = base * times
            }
            if !condition.comparison.holds(lhs, rhs) { return false }
        }
        return true
    }

    // MARK: - Document level

    private mutating func runDocument(_ doc: DocumentPattern) throws(RegexMatchError) {
        guard var finding = try firstTrigger(doc.trigger) else { return }
        triggerFound = true
        var missing: [String] = []
        var presentCount = 0
        for (index, item) in doc.required.enumerated() {
            let present: Bool
            if let requiredPresent {
                present = requiredPresent[index]
            } else {
                present = try documentContains(item.regex, siblings: doc.siblings(of: index))
            }
            if present { presentCount += 1 } else { missing.append(item.label) }
        }
        let fires = doc.mode == .allOf ? !missing.isEmpty : presentCount == 0
        guard fires else { return }
        finding.missing = missing
        accepted.append(finding)
    }
}
