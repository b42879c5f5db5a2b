import LintCore
import PatternSearch

/// Runs compiled rules over extracted documents and returns typed findings in a stable
/// order. No I/O and no printing: the CLI reads files and reporters print.
public struct Linter: Sendable {
    public let ruleSet: RuleSet
    public let normalizer: TextNormalizer
    /// The required-literal prefilter; `nil` runs every pattern over the whole text (the
    /// reference behaviour the prefilter is tested against).
    public let prefilter: Prefilter?

    /// - Parameter usePrefilter: build the required-literal prefilter (same findings,
    ///   much faster on large inputs).
    public init(ruleSet: RuleSet, normalizer: TextNormalizer = TextNormalizer(), usePrefilter: Bool = true) {
        self.ruleSet = ruleSet
        self.normalizer = normalizer
        prefilter = usePrefilter ? Prefilter(ruleSet: ruleSet) : nil
    }

    /// A linter sharing an already built prefilter (built for this rule set or a superset).
    public init(ruleSet: RuleSet, normalizer: TextNormalizer = TextNormalizer(), prefilter: Prefilter?) {
        self.ruleSet = ruleSet
        self.normalizer = normalizer
        self.prefilter = prefilter
    }

    /// Lints a document with the rules that apply to its sectors.
    public func lint(_ document: ExtractedDocument, options: LintOptions = LintOptions(),
                     scratch: any RegexScratch) -> DocumentResult {
        let document = Self.copy(of: document)
        // A large plain text is checked a piece at a time (same findings, bounded memory).
        if let pieces = PieceChecker(linter: self, document: document, options: options, scratch: scratch),
           let result = pieces.lint(options: options) {
            return result
        }
        let prepared = prepare(document)
        return lint(document, options: options, matches: { SectorInference.distinctMatches($0, in: prepared, scratch: scratch) }) {
            selected, pool, diagnostics in
            self.run(selected, dependenciesFrom: pool, on: document, prepared: prepared, scratch: scratch, diagnostics: &diagnostics)
        }!
    }

    /// The decisions and the rules of `lint`, with the copy read through `matches` (distinct
    /// matches of a regex: sector, channel and article signals) and the rules run by `run`;
    /// nil when `run` gives up (a piece-wise check that cannot be exact).
    func lint(_ document: ExtractedDocument, options: LintOptions, matches: DistinctMatcher,
              run: ([Rule], () -> [Rule], inout [Diagnostic]) -> ([Finding], [ChecklistResult])?) -> DocumentResult? {
        let chooser = SectorChooser(catalog: ruleSet.sectors, hasSectorRules: ruleSet.rules.contains { !$0.appliesToAllSectors })
        var diagnostics: [Diagnostic] = []
        let declared = chooser.declaredSectors(of: document, diagnostics: &diagnostics)
        diagnostics += document.notes
        let decision = chooser.decide(document, declared: declared, options: options, diagnostics: &diagnostics, matches: matches)
        let channels = ChannelChooser(catalog: ruleSet.sectors)
            .decide(document, options: options, diagnostics: &diagnostics, matches: matches)
        let publisher = PublisherChooser().decide(document, options: options, diagnostics: &diagnostics)
        let kindChooser = DocumentKindChooser(catalog: ruleSet.sectors)
        let declaredKind = kindChooser.declared(document, options: options, diagnostics: &diagnostics)
        let active = Set(decision.sectors)
        let applies = { (rule: Rule) in
            rule.applies(toSectors: active) && rule.applies(toChannels: channels.channels)
                && (options.includeChecklists || rule.pattern.kind != .checklist)
        }
        // One pass, and the applicable rules only when a checklist needs them: a `Rule`
        // is a large value, and copying every rule twice per document showed in profiles.
        let selected = ruleSet.rules.filter { applies($0) && options.filter.includes($0) }.map { rule in
            rule.publisherVariants.isEmpty ? rule : rule.worded(for: publisher.publisher, format: document.format)
        }
        // Claims first: the rules of the sectors a cross-sector claim rule defers to decide
        // where they see the same claim, whether or not they are reported (`--min-severity`,
        // `--disable`), so a finding does not depend on which rules are shown.
        let deciders = Self.deciders(for: selected, active: active, from: ruleSet.rules, applies: applies)
        guard let ran = run(selected + deciders, { ruleSet.rules.filter(applies) }, &diagnostics) else { return nil }
        var (findings, checklists) = ran
        ClaimsFirst(catalog: ruleSet.sectors).apply(&findings, rules: selected + deciders, active: active)
        if !deciders.isEmpty {
            let hidden = Set(deciders.map(\.id))
            findings.removeAll { hidden.contains($0.ruleID) }
        }
        if channels.source == .assumed, let note = ChannelChooser(catalog: ruleSet.sectors).assumptionNote(channels) {
            let restricted = Set(selected.filter { !$0.channels.isEmpty }.map(\.id))
            for index in findings.indices where restricted.contains(findings[index].ruleID) {
                findings[index].notes.append(note)
            }
        }
        if publisher.source == .assumed {
            let worded = Set(selected.filter { !$0.publisherVariants.isEmpty }.map(\.id))
            for index in findings.indices where worded.contains(findings[index].ruleID) {
                findings[index].notes.append(PublisherChooser.assumptionNote)
            }
        }
        // The article signals are searched only when a finding could be downgraded.
        var kind = declaredKind
            ?? (kindChooser.matters(for: findings) ? kindChooser.infer(matches: matches) : .assumedAd)
        DocumentKindChooser.downgrade(&findings, decision: &kind, catalog: ruleSet.sectors, document: document,
                                      diagnostics: &diagnostics)
        var result = DocumentResult(path: document.path, format: document.format, findings: findings,
                                    diagnostics: diagnostics, sectors: decision, channels: channels, checklists: checklists)
        result.publisher = publisher
        result.kind = kind
        return result
    }

    /// Rules of the sectors that `selected` rules defer to (`defers-to:`, `may-be-lawful-in:`)
    /// that apply to the document but are not selected: they run so that `ClaimsFirst` sees
    /// them, and their findings are not reported.
    static func deciders(for selected: [Rule], active: Set<Sector>, from rules: [Rule], applies: (Rule) -> Bool) -> [Rule] {
        let deciding = Set(selected.flatMap(\.deference.sectors)).intersection(active)
        guard !deciding.isEmpty else { return [] }
        let chosen = Set(selected.map(\.id))
        return rules.filter { rule in
            guard case .span = rule.pattern else { return false }
            return !chosen.contains(rule.id) && !rule.appliesToAllSectors && rule.sectors.contains(where: deciding.contains) && applies(rule)
        }
    }

    /// Lints a document with exactly `rules`, whatever their sectors (rule examples), but
    /// only those of its sales channel. Rules that a checklist among them depends on also
    /// run, but only findings of `rules` are returned.
    public func lint(_ document: ExtractedDocument, only rules: [Rule], scratch: any RegexScratch) -> DocumentResult {
        let document = Self.copy(of: document)
        let prepared = prepare(document)
        var diagnostics = document.notes
        let channels = ChannelChooser(catalog: ruleSet.sectors)
            .decide(document, options: LintOptions(), diagnostics: &diagnostics) {
                SectorInference.distinctMatches($0, in: prepared, scratch: scratch)
            }
        let (findings, checklists) = run(rules.filter { $0.applies(toChannels: channels.channels) },
                                         dependenciesFrom: { ruleSet.rules }, on: document, prepared: prepared,
                                         scratch: scratch, diagnostics: &diagnostics)
        return DocumentResult(path: document.path, format: document.format, findings: findings, diagnostics: diagnostics,
                              sectors: SectorDecision(sectors: [], source: .none), channels: channels, checklists: checklists)
    }

    /// Runs `selected` and the rules their checklists depend on (taken from `pool`), and
    /// keeps only the findings and checklists of `selected`.
    func run(_ selected: [Rule], dependenciesFrom pool: () -> [Rule], on document: ExtractedDocument,
                     prepared: [PreparedSegment], scratch: any RegexScratch,
                     diagnostics: inout [Diagnostic]) -> ([Finding], [ChecklistResult]) {
        let wanted = Set(selected.map(\.id))
        let selectors = selected.flatMap { rule -> [String] in
            if case let .checklist(list) = rule.pattern { return list.dependencies } else { return [] }
        }
        guard !selectors.isEmpty else {
            return run(selected, on: document, prepared: prepared, scratch: scratch, diagnostics: &diagnostics)
        }
        let dependencies = pool().filter { rule in !wanted.contains(rule.id) && selectors.contains { rule.id.matches(selector: $0) } }
        let (findings, checklists) = run(dependencies + selected, on: document, prepared: prepared, scratch: scratch,
                                         diagnostics: &diagnostics)
        return (findings.filter { wanted.contains($0.ruleID) }, checklists.filter { wanted.contains($0.ruleID) })
    }

    /// The part of a document that is copy: reviewers' comments (Word, PowerPoint and cell
    /// comments, zone `comment`) are not, so a lawyer's note quoting a risky phrase never
    /// blocks the document. They are still read for suppression directives.
    static func copy(of document: ExtractedDocument) -> ExtractedDocument {
        guard document.segments.contains(where: { $0.zone == .comment }) else { return document }
        var copy = document
        copy.segments = document.segments.filter { $0.zone != .comment }
        return copy
    }

    func prepare(_ document: ExtractedDocument) -> [PreparedSegment] {
        let prepared = document.segments.enumerated().map {
            PreparedSegment(index: $0.offset, segment: $0.element, normalizer: normalizer, prefilter: prefilter)
        }
        if let prefilter {
            let index = DocumentCandidates(prefilter: prefilter, segments: prepared.map(\.candidates))
            for segment in prepared { segment.documentCandidates = index }
        }
        return prepared
    }

    /// Findings one rule reports on one file, and all rules together: copy dense with
    /// matches (a 64 MiB file of risky phrases made millions of findings and 6 GB of memory)
    /// is reported up to these, with a warning saying the rest was left out.
    static let maxFindingsPerRule = 1_000
    static let maxFindingsPerFile = 10_000

    /// Keeps the first `maxFindingsPerFile` findings in the file, whichever rule found them,
    /// and returns how many were dropped.
    private static func keepFirst(_ raw: inout [RawFinding]) -> Int {
        guard raw.count > maxFindingsPerFile else { return 0 }
        raw.sort { ($0.segment, $0.range.lowerBound, $0.rule.id) < ($1.segment, $1.range.lowerBound, $1.rule.id) }
        let dropped = raw.count - maxFindingsPerFile
        raw.removeLast(dropped)
        return dropped
    }

    private func run(_ rules: [Rule], on document: ExtractedDocument, prepared: [PreparedSegment],
                     scratch: any RegexScratch, diagnostics: inout [Diagnostic]) -> ([Finding], [ChecklistResult]) {
        var raw: [RawFinding] = []
        var leftOut = 0
        // Whether a rule stopped at its own limit: then more findings exist than were counted.
        var stoppedEarly = false
        var checklistRules: [(Rule, ChecklistPattern)] = []
        let bytes = document.segments.reduce(0) { $0 + $1.text.utf8.count }
        var factMatches: [StructureRunner.Match] = []
        for rule in rules {
            if case let .checklist(list) = rule.pattern {
                checklistRules.append((rule, list))
                continue
            }
            if case let .structure(pattern) = rule.pattern {
                // Facts only: a document without any (plain text) costs nothing here.
                guard !document.facts.isEmpty else { continue }
                do {
                    factMatches += try StructureRunner(normalizer: normalizer, scratch: scratch).run(rule, pattern, on: document)
                } catch {
                    diagnostics.append(.ruleStopped(rule, by: error, path: document.path, code: .matchLimit))
                }
                continue
            }
            var runner = RuleRunner(rule: rule, segments: prepared, scratch: scratch, polarity: ruleSet.polarity)
            runner.budget = RuleBudget.forDocument(bytes: bytes)
            runner.limit = Self.maxFindingsPerRule
            do {
                raw += try runner.run()
            } catch {
                diagnostics.append(.ruleStopped(rule, by: error, path: document.path))
                raw += runner.accepted
            }
            if runner.skippedSentences > 0 {
                diagnostics.append(.sentencesSkipped(rule, count: runner.skippedSentences, path: document.path))
            }
            if runner.truncated {
                stoppedEarly = true
                diagnostics.append(.ruleTruncated(rule, path: document.path))
            }
            // Kept within twice the file's cap while rules run: hundreds of rules of 1,000
            // findings each would otherwise all be held before the cut.
            if raw.count > 2 * Self.maxFindingsPerFile { leftOut += Self.keepFirst(&raw) }
        }
        leftOut += Self.keepFirst(&raw)
        if leftOut > 0 {
            diagnostics.append(.findingsLeftOut(leftOut, stoppedEarly: stoppedEarly, path: document.path))
        }
        // Checklists run last: their items ask whether other rules fired.
        var checklists: [RawChecklist] = []
        for (rule, list) in checklistRules {
            do {
                if let result = try ChecklistRunner(rule: rule, list: list, segments: prepared, scratch: scratch).run(after: raw) {
                    checklists.append(result)
                }
            } catch {
                diagnostics.append(.ruleStopped(rule, by: error, path: document.path, code: .matchLimit))
            }
        }
        raw += checklists.compactMap(\.finding)
        let builder = FindingBuilder(document: document, segments: prepared)
        let findings = builder.build(raw)
        return (factMatches.isEmpty ? findings : (findings + builder.build(facts: factMatches)).inStableOrder(), builder.build(checklists))
    }
}

/// A match that passed every check, before it is located in the source.
struct RawFinding {
    let rule: Rule
    let segment: Int
    /// Normalized byte range.
    var range: Range<Int>
    var groups: [Range<Int>?]
    var missing: [String]
}
