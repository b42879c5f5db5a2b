import LintCore
import PatternSearch

/// Checks a large plain text a piece at a time, so that the normalized copy, its map, the
/// sentence breaks and the prefilter's windows exist for one piece of a few MB, not for the
/// whole file; the findings are the same, byte for byte, as a whole check's.
///
/// A piece's own text is cut after a line end (else after a sentence end), so no sentence
/// crosses a cut; the piece is searched with a margin of text on either side (lookbehind,
/// a match that runs over the cut, the exception windows), and a match belongs to the piece
/// its start falls in. What a rule knows of the whole document is carried from piece to piece
/// or decided first:
/// - a first pass over the pieces finds the distinct matches of the sector, channel and
///   article signals (the choosers read them) and whether the document holds each
///   `document-has`, `document-lacks` and `requires` phrase;
/// - per rule, across pieces: where its search resumes (after a match that ran over the
///   cut), its findings against the limit of 1,000, its CPU budget, the sentences it skipped,
///   and whether a `document` rule's trigger was found;
/// - findings are built per piece and held, at most the file's cap of them, until the end
///   (past the cap they are only counted, as a whole check counts them).
/// A document that does not fit this (segments, facts, pages, checklists, a
/// match reaching a piece's far margin) is checked whole.
struct PieceChecker {
    /// Byte ranges in the segment's text: the text searched, and the part whose matches count.
    struct Piece {
        let searched: Range<Int>
        let own: Range<Int>
    }

    let linter: Linter
    let document: ExtractedDocument
    let segment: TextSegment
    let pieces: [Piece]
    let scratch: any RegexScratch

    init?(linter: Linter, document: ExtractedDocument, options: LintOptions, scratch: any RegexScratch) {
        guard options.pieceSize > 0, document.segments.count == 1, document.facts.isEmpty, document.pageMap == nil,
              let segment = document.segments.first, segment.location == nil,
              segment.text.utf8.count > 2 * options.pieceSize else { return nil }
        if options.includeChecklists && linter.ruleSet.rules.contains(where: { $0.pattern.kind == .checklist }) { return nil }
        // The exception windows (in characters, four bytes at most each) must fit in the margin.
        var window = linter.ruleSet.polarity?.window ?? 0
        for rule in linter.ruleSet.rules {
            let exceptions = rule.exceptions
            window = max(window, exceptions.inside?.window ?? 0, exceptions.precededBy?.window ?? 0,
                         exceptions.followedBy?.window ?? 0)
        }
        let margin = max(options.pieceMargin, 8 * window + 4096)
        guard let cut = segment.text.utf8.withContiguousStorageIfAvailable({
            Self.plan($0, size: options.pieceSize, margin: margin)
        }), cut.count > 1 else { return nil }
        self.linter = linter
        self.document = document
        self.segment = segment
        pieces = cut
        self.scratch = scratch
    }

    /// Cuts `text` into pieces of about `size` bytes, each ending after a line end (else
    /// after a sentence end; else the piece runs on), searched with `margin` bytes around.
    static func plan(_ text: UnsafeBufferPointer<UInt8>, size: Int, margin: Int) -> [Piece] {
        let count = text.count
        func firstBreak(from start: Int, _ isBreak: (UInt8, Int) -> Bool) -> Int? {
            var i = start
            while i < count {
                if isBreak(text[i], i) { return i + 1 }
                i += 1
            }
            return nil
        }
        func boundary(_ offset: Int, down: Bool) -> Int {
            var o = min(max(0, offset), count)
            while o > 0 && o < count && (text[o] & 0xC0) == 0x80 { o += down ? -1 : 1 }
            return o
        }
        var out: [Piece] = []
        var start = 0
        while start < count {
            var end = count
            if count - start > size + size / 2 {
                let target = start + size
                end = firstBreak(from: target) { b, _ in b == 0x0A }
                    ?? firstBreak(from: target) { b, i in
                        b == 0x0D || b == 0x21 || b == 0x3F || (b == 0x82 && i >= 2 && text[i - 2] == 0xE3 && text[i - 1] == 0x80)
                    }
                    ?? count
            }
            out.append(Piece(searched: boundary(start - margin, down: true)..<boundary(end + margin, down: false), own: start..<end))
            start = end
        }
        return out
    }

    // MARK: - A prepared piece

    /// A piece ready for matching, with its offsets in normalized bytes of the piece.
    struct Prepared {
        let segment: PreparedSegment
        let piece: Piece
        /// Where its own text starts and ends (`Int.max` for the last piece).
        let start: Int
        let ownEnd: Int

        /// The segment-text offset of a normalized offset of the piece.
        func whole(_ offset: Int) -> Int { piece.searched.lowerBound + segment.normalized.map.baseStart(offset) }

        /// Where a search that stopped at segment-text offset `offset` resumes in this piece.
        func resume(_ offset: Int) -> Int { offset <= piece.own.lowerBound ? start : max(start, local(offset)) }

        /// The normalized offset of the piece at segment-text offset `offset` (clamped).
        func local(_ offset: Int) -> Int {
            let base = offset - piece.searched.lowerBound
            if base <= 0 { return 0 }
            let map = segment.normalized.map
            var lo = 0, hi = segment.buffer.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if map.baseStart(mid) < base { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }
    }

    /// - Parameter prefilter: the prefilter whose windows the piece gets (the linter's, or
    ///   the first pass's smaller one).
    func prepare(_ index: Int, prefilter: Prefilter?) -> Prepared {
        let piece = pieces[index]
        let range = piece.searched
        let text = segment.text.utf8.withContiguousStorageIfAvailable {
            String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self)
        }!
        let invalid = segment.invalidRanges.compactMap { r -> Range<Int>? in
            let clamped = r.clamped(to: range)
            return clamped.isEmpty ? nil : (clamped.lowerBound - range.lowerBound)..<(clamped.upperBound - range.lowerBound)
        }
        // Inline zones (hashtags) cut to the piece, in their order: a match inside the piece is
        // covered by a cut span exactly when it is by the whole one.
        let zones = segment.inlineZones.compactMap { span -> ZoneSpan? in
            let clamped = span.range.clamped(to: range)
            guard !clamped.isEmpty || (span.range.isEmpty && range.contains(span.range.lowerBound)) else { return nil }
            return ZoneSpan(range: (clamped.lowerBound - range.lowerBound)..<(clamped.upperBound - range.lowerBound), zone: span.zone)
        }
        let part = TextSegment(text: text, sourceMap: segment.sourceMap.slice(from: range.lowerBound, upTo: range.upperBound),
                               zone: segment.zone, logicalLocation: segment.logicalLocation, invalidRanges: invalid,
                               inlineZones: zones)
        let prepared = PreparedSegment(index: 0, segment: part, normalizer: linter.normalizer, prefilter: prefilter)
        if let prefilter {
            prepared.documentCandidates = DocumentCandidates(prefilter: prefilter, segments: [prepared.candidates])
        }
        var out = Prepared(segment: prepared, piece: piece, start: 0, ownEnd: .max)
        let start = out.local(piece.own.lowerBound)
        let ownEnd = index == pieces.count - 1 ? Int.max : out.local(piece.own.upperBound)
        out = Prepared(segment: prepared, piece: piece, start: start, ownEnd: ownEnd)
        return out
    }

    // MARK: - Whole-document facts, first pass

    /// What the first pass found: each signal's distinct matches, and whether the document
    /// holds an affirmed match of each `document-has` / `document-lacks` / `requires` phrase.
    struct Facts {
        var distinct: [ObjectIdentifier: [String]] = [:]
        var contains: [ObjectIdentifier: Bool] = [:]
    }

    static func key(_ regex: any CompiledRegex) -> ObjectIdentifier { ObjectIdentifier(regex as AnyObject) }

    /// The first pass's prefilter: the linter's analyses of just the patterns it searches, so
    /// a piece is not scanned for the literals of every rule twice (the literal scan and its
    /// windows were half of the first pass's cost). A pattern the linter's prefilter does not
    /// window is left out, and searched in full as it is in a whole check. Windows are sound
    /// for any set of targets (every match starts in one), so the matches are the same.
    static func firstPassPrefilter(of prefilter: Prefilter?, patterns: [any CompiledRegex]) -> Prefilter? {
        guard let prefilter else { return nil }
        let known = patterns.filter { prefilter.analysis(of: $0)?.requirement != nil }
        return Prefilter(patterns: known) { regex in
            prefilter.analysis(of: regex).map { LiteralRequirementResult(requirement: $0.requirement, failure: $0.failure) }
        }
    }

    /// Nil when a search failed (the document is then checked whole, where the failure is reported).
    /// `siblings`: for a required item's phrase, the same rule's other items (`RuleRunner.containsAffirmed`).
    func firstPass(distinct signals: [any CompiledRegex], contains phrases: [any CompiledRegex],
                   siblings: [ObjectIdentifier: [any CompiledRegex]] = [:]) -> Facts? {
        struct Scan { var seen: [String] = []; var resume = 0; var done = false }
        var scans: [ObjectIdentifier: Scan] = [:]
        var order: [(ObjectIdentifier, any CompiledRegex)] = []
        for regex in signals where scans[Self.key(regex)] == nil {
            scans[Self.key(regex)] = Scan()
            order.append((Self.key(regex), regex))
        }
        var found: [ObjectIdentifier: Bool] = [:]
        var asked: [(ObjectIdentifier, any CompiledRegex)] = []
        for regex in phrases where found[Self.key(regex)] == nil {
            found[Self.key(regex)] = false
            asked.append((Self.key(regex), regex))
        }
        guard let anyRule = linter.ruleSet.rules.first else { return Facts() }
        let prefilter = Self.firstPassPrefilter(of: linter.prefilter, patterns: signals + phrases)
        for index in pieces.indices {
            let piece = prepare(index, prefilter: prefilter)
            let segment = piece.segment
            for (key, regex) in order {
                var scan = scans[key]!
                guard !scan.done, scan.seen.count < SectorInference.maxEvidence,
                      ![segment].candidates(for: regex).isEmpty else { continue }
                var position = piece.resume(scan.resume)
                var search = SegmentSearch(regex, in: segment)
                while position < segment.buffer.count, scan.seen.count < SectorInference.maxEvidence {
                    let match: RegexMatch?
                    do { match = try search.firstMatch(from: position, scratch: scratch) } catch { scan.done = true; break }
                    guard let m = match else { break }
                    if m.range.isEmpty { scan.done = true; break }
                    if m.range.lowerBound >= piece.ownEnd { break }
                    let text = segment.text(m.range)
                    if !scan.seen.contains(text) { scan.seen.append(text) }
                    position = m.range.upperBound
                }
                scan.resume = piece.whole(position)
                scans[key] = scan
            }
            let probe = RuleRunner(rule: anyRule, segments: [segment], scratch: scratch, polarity: linter.ruleSet.polarity)
            for (key, regex) in asked where found[key] == false && ![segment].candidates(for: regex).isEmpty {
                do {
                    if try probe.containsAffirmed(regex, in: segment, from: piece.start, ownEnd: piece.ownEnd,
                                                  siblings: siblings[key] ?? []) { found[key] = true }
                } catch {
                    return nil
                }
            }
        }
        return Facts(distinct: scans.mapValues(\.seen), contains: found)
    }

    // MARK: - Checking

    func lint(options: LintOptions) -> DocumentResult? {
        let sectors = SectorChooser(catalog: linter.ruleSet.sectors)
        var ignored: [Diagnostic] = []
        let declared = sectors.declaredSectors(of: document, diagnostics: &ignored)
        var signals = ChannelChooser(catalog: linter.ruleSet.sectors).signals
            + DocumentKindChooser(catalog: linter.ruleSet.sectors).signals
        if sectors.infers(declared: declared, options: options) {
            signals += SectorInference(catalog: linter.ruleSet.sectors).signals()
        }
        var phrases: [any CompiledRegex] = []
        var siblings: [ObjectIdentifier: [any CompiledRegex]] = [:]
        // Every rule's: the rules a claim defers to run whatever the filter shows.
        for rule in linter.ruleSet.rules {
            if let regex = rule.exceptions.documentHas { phrases.append(regex) }
            if let regex = rule.exceptions.documentLacks { phrases.append(regex) }
            if case let .document(doc) = rule.pattern {
                phrases += doc.required.map(\.regex)
                for index in doc.required.indices { siblings[Self.key(doc.required[index].regex), default: []] += doc.siblings(of: index) }
            }
        }
        guard let facts = firstPass(distinct: signals, contains: phrases, siblings: siblings) else { return nil }
        let matches: DistinctMatcher = { regex in regex.flatMap { facts.distinct[Self.key($0)] } ?? [] }
        return linter.lint(document, options: options, matches: matches) { selected, _, diagnostics in
            run(selected, facts: facts, diagnostics: &diagnostics).map { ($0, []) }
        }
    }

    /// Keeps the first `room` findings of a piece by place (`Linter.keepFirst`'s order) and
    /// counts the rest in `leftOut`.
    private func keepFirst(_ raw: inout [RawFinding], room: Int, leftOut: inout Int, piece: Prepared) {
        guard raw.count > room else { return }
        leftOut += raw.count - room
        if room == 0 { raw.removeAll(); return }
        let order = raw.indices.map { (offset: piece.whole(raw[$0].range.lowerBound), rule: raw[$0].rule.id, index: $0) }
            .sorted { ($0.offset, $0.rule) < ($1.offset, $1.rule) }
        raw = order.prefix(room).map { raw[$0.index] }
    }

    /// What a rule carries from piece to piece.
    private struct RuleState {
        var found = 0
        var resume = 0
        var seconds = 0.0
        var error: RegexMatchError?
        var skipped = 0
        var truncated = false
        var done = false
    }

    /// The findings of `rules`, as `Linter.run` reports them for the whole text; nil when a
    /// piece cannot be exact (a match reaching the far end of its margin) or a rule needs
    /// the whole document.
    private func run(_ rules: [Rule], facts: Facts, diagnostics: inout [Diagnostic]) -> [Finding]? {
        if rules.contains(where: { $0.pattern.kind == .checklist }) { return nil }
        for rule in rules {
            let exceptions = rule.exceptions
            for regex in [exceptions.documentHas, exceptions.documentLacks].compactMap({ $0 })
            where facts.contains[Self.key(regex)] == nil { return nil }
            if case let .document(doc) = rule.pattern, doc.required.contains(where: { facts.contains[Self.key($0.regex)] == nil }) {
                return nil
            }
        }
        let seconds = RuleBudget.forDocument(bytes: segment.text.utf8.count).seconds
        var states = [RuleState](repeating: RuleState(), count: rules.count)
        var kept: [Finding] = []
        var leftOut = 0
        for index in pieces.indices {
            let piece = prepare(index, prefilter: linter.prefilter)
            var raw: [RawFinding] = []
            let room = Linter.maxFindingsPerFile - kept.count
            for (number, rule) in rules.enumerated() where !states[number].done {
                if case .structure = rule.pattern { continue } // facts only: a plain text has none
                var state = states[number]
                var runner = RuleRunner(rule: rule, segments: [piece.segment], scratch: scratch, polarity: linter.ruleSet.polarity)
                runner.budget = RuleBudget(seconds: seconds - state.seconds)
                runner.limit = Linter.maxFindingsPerRule - state.found
                runner.startPosition = piece.resume(state.resume)
                runner.ownEnd = piece.ownEnd
                if let regex = rule.exceptions.documentHas { runner.documentHasResult = facts.contains[Self.key(regex)] }
                if let regex = rule.exceptions.documentLacks { runner.documentLacksResult = facts.contains[Self.key(regex)].map { !$0 } }
                if case let .document(doc) = rule.pattern {
                    runner.requiredPresent = doc.required.map { facts.contains[Self.key($0.regex)] ?? false }
                }
                let before = RuleBudget.threadCPUTime()
                var accepted: [RawFinding]
                do {
                    accepted = try runner.run()
                } catch {
                    state.error = error
                    state.done = true
                    accepted = runner.accepted
                }
                state.seconds += RuleBudget.threadCPUTime() - before
                state.skipped += runner.skippedSentences
                if runner.truncated { state.truncated = true; state.done = true }
                if case .document = rule.pattern, runner.triggerFound { state.done = true }
                if let resume = runner.resumePosition { state.resume = piece.whole(resume) }
                state.found += accepted.count
                states[number] = state
                raw += accepted
                // Held within twice the room while rules run, as `Linter.run` holds them.
                if raw.count > 2 * room { keepFirst(&raw, room: room, leftOut: &leftOut, piece: piece) }
            }
            // A match that reaches the end of a margin may have been cut short there.
            if index < pieces.count - 1 && raw.contains(where: { $0.range.upperBound >= piece.segment.buffer.count }) { return nil }
            // The file's first findings by place, as `Linter.keepFirst` keeps them: a piece's
            // findings all come after the earlier pieces', so only the first of them that still
            // fit under the cap are built; the rest are counted.
            keepFirst(&raw, room: room, leftOut: &leftOut, piece: piece)
            if !raw.isEmpty {
                kept += FindingBuilder(document: document, segments: [piece.segment]).buildInInputOrder(raw)
            }
        }
        var stoppedEarly = false
        for (rule, state) in zip(rules, states) {
            if let error = state.error { diagnostics.append(.ruleStopped(rule, by: error, path: document.path)) }
            if state.skipped > 0 { diagnostics.append(.sentencesSkipped(rule, count: state.skipped, path: document.path)) }
            if state.truncated {
                stoppedEarly = true
                diagnostics.append(.ruleTruncated(rule, path: document.path))
            }
        }
        if leftOut > 0 { diagnostics.append(.findingsLeftOut(leftOut, stoppedEarly: stoppedEarly, path: document.path)) }
        return kept.inStableOrder()
    }
}
