import Foundation
import LintCore

/// The required-literal prefilter of a rule set.
///
/// Every pattern that is searched across a whole segment (a rule's phrase pattern, a
/// `requires` trigger and its required items, `document-has`, sector signals) is a
/// *target*. Each target's PCRE2 source is analysed for the literals every match must
/// contain (`LiteralAnalysis`); one `LiteralScanner` finds all of them in a segment in a
/// single pass; a target is then only run where its literals occur, in windows of
/// possible match starts (`SegmentCandidates`). Targets without a required literal are
/// searched in full, as before.
///
/// The search results are the same as searching the whole segment: each window search
/// is an ordinary PCRE2 search over the whole buffer that merely stops trying new start
/// positions past the window, and every match starts inside some window.
public final class Prefilter: Sendable {
    /// A searched pattern and what it requires.
    public struct Target: Sendable {
        public let regex: any CompiledRegex
        public let requirement: LiteralRequirement?
        /// Why there is no requirement, when there is none.
        public let failure: LiteralAnalysisFailure?
    }

    /// Each target's pattern and analysis. A prefilter made from the rule-set cache's tables
    /// decodes the analyses only when this is first read (`rules patterns`, benchmarks): a
    /// check needs only `targetCount` and which targets are windowed.
    public var targets: [Target] { targetList.targets }
    /// How many targets there are (the count of `targets`, known without reading them).
    public let targetCount: Int
    private let targetList: TargetList
    /// How many patterns were analysed here rather than taken from `known`.
    public let newlyAnalysed: Int

    /// What the prefilter searches with (built here, or read from the rule-set cache):
    /// - for each scanner literal, the targets that require it: literal `l`'s are
    ///   `rawHits[rawStarts[l]..<rawStarts[l + 1]]` (one array, not an array per literal);
    ///   the same for the literals searched in the separator-stripped view (loose phrases);
    /// - `pairKeys`: the terms of requirements by branch (`LiteralRequirement.terms`) that
    ///   have a second set: their windows are collected under two slots past the targets
    ///   and intersected; each pair of slots once, with the targets it gives windows to
    ///   (patterns of one grammar share their slots: each intersection is made once);
    /// - `slots`: targets plus those slots; `slotReach`: for each slot (from
    ///   `targets.count` on), the most characters before a literal hit its windows reach
    ///   back (-1: no bound): how far back a slot's later windows may start.
    public let tables: Tables
    let scanner: LiteralScanner
    /// The scanner of the stripped view's literals, if there are any.
    let strippedScanner: LiteralScanner?
    private let index: [ObjectIdentifier: Int]
    /// Whether each target has a requirement (searched in windows): asked for every rule and
    /// segment, where reading `targets[t].requirement` copied the requirement out (a retain
    /// and a release each time).
    private let windowed: [Bool]

    /// The pairs of slots whose windows are intersected (see `tables`).
    var pairKeys: [PairKey] { tables.pairKeys }

    /// Builds the prefilter for every whole-segment pattern of `ruleSet`.
    /// - Parameter known: a pattern's analysis from an earlier run (the rule-set cache
    ///   keeps them), or nil; patterns without one are analysed now.
    public convenience init(ruleSet: RuleSet, known: (any CompiledRegex) -> LiteralRequirementResult? = { _ in nil }) {
        self.init(patterns: Self.searchedPatterns(of: ruleSet), known: known)
    }

    public convenience init(patterns: [any CompiledRegex], known: (any CompiledRegex) -> LiteralRequirementResult? = { _ in nil }) {
        var analysed = 0
        // Patterns analysed here, by source: one pattern compiled twice is analysed once.
        var fresh: [String: LiteralRequirementResult] = [:]
        let (targets, index) = Self.targets(of: patterns) { regex in
            if let known = known(regex) ?? fresh[regex.pattern] { return known }
            let result = LiteralRequirementResult(LiteralAnalysis.requirement(pattern: regex.pattern, caseless: true))
            fresh[regex.pattern] = result
            analysed += 1
            return result
        }
        self.init(targets: targets, index: index, newlyAnalysed: analysed, tables: Self.tables(of: targets))
    }

    /// The prefilter of `patterns` with tables built earlier for the same patterns with the
    /// same analyses (`tables`, from the rule-set cache), or nil unless every pattern has
    /// an analysis in `known` and the tables fit the targets.
    public convenience init?(patterns: [any CompiledRegex], known: (any CompiledRegex) -> LiteralRequirementResult?, tables: Tables) {
        var complete = true
        let (targets, index) = Self.targets(of: patterns) { regex in
            if let result = known(regex) { return result }
            complete = false
            return LiteralRequirementResult(requirement: nil, failure: nil)
        }
        guard complete, tables.fits(targets: targets.count) else { return nil }
        self.init(targets: targets, index: index, newlyAnalysed: 0, tables: tables)
    }

    /// The prefilter of `patterns` with tables built earlier for the same patterns (the
    /// rule-set cache), when all a check needs is known: whether each pattern has a required
    /// literal (`windowed`, nil when it has no analysis). `analysis` gives the analyses
    /// themselves, asked only when `targets` is first read. Nil unless `windowed` knows
    /// every pattern and the tables fit the targets.
    public convenience init?(patterns: [any CompiledRegex], windowed: (any CompiledRegex) -> Bool?,
                             analysis: @escaping @Sendable (any CompiledRegex) -> LiteralRequirementResult?, tables: Tables) {
        var regexes: [any CompiledRegex] = [], flags: [Bool] = []
        var index: [ObjectIdentifier: Int] = [:]
        regexes.reserveCapacity(patterns.count)
        for regex in patterns {
            guard let id = Self.identity(of: regex), index[id] == nil else { continue }
            guard let isWindowed = windowed(regex) else { return nil }
            index[id] = regexes.count
            regexes.append(regex)
            flags.append(isWindowed)
        }
        guard tables.fits(targets: regexes.count) else { return nil }
        let searched = regexes
        let list = TargetList {
            searched.map { regex in
                // Should the stored analysis not be readable, the target says so (it is still
                // searched as `windowed` said).
                let result = analysis(regex) ?? LiteralRequirementResult(requirement: nil, failure: LiteralAnalysisFailure(reason: "the cached analysis could not be read"))
                return Target(regex: regex, requirement: result.requirement, failure: result.failure)
            }
        }
        self.init(targetList: list, count: regexes.count, index: index, windowed: flags, newlyAnalysed: 0, tables: tables)
    }

    private convenience init(targets: [Target], index: [ObjectIdentifier: Int], newlyAnalysed: Int, tables: Tables) {
        self.init(targetList: TargetList(targets), count: targets.count, index: index, windowed: targets.map { $0.requirement != nil },
                  newlyAnalysed: newlyAnalysed, tables: tables)
    }

    private init(targetList: TargetList, count: Int, index: [ObjectIdentifier: Int], windowed: [Bool], newlyAnalysed: Int, tables: Tables) {
        self.targetList = targetList
        targetCount = count
        self.index = index
        self.windowed = windowed
        self.newlyAnalysed = newlyAnalysed
        self.tables = tables
        scanner = LiteralScanner(literals: tables.raw)
        strippedScanner = tables.stripped.isEmpty ? nil : LiteralScanner(literals: tables.stripped)
    }

    /// The targets of `patterns` (each compiled pattern once), with `analysis` of each.
    private static func targets(of patterns: [any CompiledRegex], analysis: (any CompiledRegex) -> LiteralRequirementResult)
        -> ([Target], [ObjectIdentifier: Int]) {
        var targets: [Target] = []
        var index: [ObjectIdentifier: Int] = [:]
        targets.reserveCapacity(patterns.count)
        for regex in patterns {
            // A pattern without an identity cannot be found again: it is searched in full.
            guard let id = Self.identity(of: regex), index[id] == nil else { continue }
            let result = analysis(regex)
            index[id] = targets.count
            targets.append(Target(regex: regex, requirement: result.requirement, failure: result.failure))
        }
        return (targets, index)
    }

    /// The literal tables of `targets`' requirements.
    private static func tables(of targets: [Target]) -> Tables {
        var raw = LiteralTable(), stripped = LiteralTable()
        var byBranch: [(Int32, LiteralRequirement)] = []
        for (t, target) in targets.enumerated() {
            let targetID = Int32(t)
            guard let requirement = target.requirement else { continue }
            if !requirement.terms.isEmpty {
                byBranch.append((targetID, requirement))
                continue
            }
            for (literal, maxBefore) in zip(requirement.literals, requirement.literalMaxBefore) {
                let hit = Hit(target: targetID, maxBefore: maxBefore.map(Int32.init) ?? -1)
                if requirement.view == .stripped { stripped.add(literal, hit) } else { raw.add(literal, hit) }
            }
        }
        // Requirements by branch: a term without a second set adds windows to its target as
        // above; a term with one collects each set's windows in a slot of its own.
        // Patterns made from one lexicon grammar have the same terms, and one set serves
        // several terms: each set gets one slot, however many terms use it, with the weakest
        // bound any of them gives each literal (a wider window only adds start positions).
        // Sets are found again by their size and three of their literals (hashing every
        // literal of every term at each start would cost what `LiteralTable` saves), then
        // compared whole.
        // (One hash of the three literals: `[UInt8]`'s own hashing feeds `Hasher` a byte at a
        // time, 1.6% of the CPU time of checking ten small files.)
        struct SlotKey: Hashable {
            var count: Int
            var hash: Int
            init(_ literals: [[UInt8]]) {
                count = literals.count
                let first = literals.first.map(Prefilter.hash) ?? 0
                let middle = literals.isEmpty ? 0 : Prefilter.hash(literals[literals.count / 2])
                let last = literals.last.map(Prefilter.hash) ?? 0
                hash = first ^ (middle &* 31) ^ (last &* 961)
            }
        }
        var slotOf: [SlotKey: [Int32]] = [:]
        var slotBounds: [[Int?]] = []
        var slotLiterals: [[[UInt8]]] = []
        func slotID(for literals: [[UInt8]], bounds: [Int?]) -> Int32 {
            let key = SlotKey(literals)
            for known in slotOf[key] ?? [] where slotLiterals[Int(known) - targets.count] == literals {
                let i = Int(known) - targets.count
                slotBounds[i] = zip(slotBounds[i], bounds).map { old, new in old.flatMap { o in new.map { max(o, $0) } } }
                return known
            }
            let id = Int32(targets.count + slotLiterals.count)
            slotOf[key, default: []].append(id)
            slotLiterals.append(literals)
            slotBounds.append(bounds)
            return id
        }
        var pairs: [Pair] = []
        var seen = Set<Pair>()
        for (target, requirement) in byBranch {
            for term in requirement.terms {
                let firsts = term.first.map { requirement.literals[$0] }
                guard !term.second.isEmpty else {
                    for (literal, maxBefore) in zip(firsts, term.firstMaxBefore) {
                        raw.add(literal, Hit(target: target, maxBefore: maxBefore.map(Int32.init) ?? -1))
                    }
                    continue
                }
                let pair = Pair(target: target, first: slotID(for: firsts, bounds: term.firstMaxBefore),
                                second: slotID(for: term.second, bounds: term.secondMaxBefore))
                if seen.insert(pair).inserted { pairs.append(pair) }
            }
        }
        for (i, literals) in slotLiterals.enumerated() {
            for (literal, maxBefore) in zip(literals, slotBounds[i]) {
                raw.add(literal, Hit(target: Int32(targets.count + i), maxBefore: maxBefore.map(Int32.init) ?? -1))
            }
        }
        // The farthest back any literal of a slot reaches (-1: no bound).
        let slotReach = slotBounds.map { bounds in
            bounds.contains { $0 == nil } ? -1 : Int32(bounds.lazy.compactMap { $0 }.max() ?? 0)
        }
        // Each literal's hits by bound, then target (see `candidates(in:)`).
        for i in raw.targets.indices { raw.targets[i].sort { ($0.maxBefore, $0.target) < ($1.maxBefore, $1.target) } }
        func flat(_ lists: [[Hit]]) -> ([Hit], [Int32]) {
            var hits: [Hit] = [], starts: [Int32] = [0]
            hits.reserveCapacity(lists.reduce(0) { $0 + $1.count })
            starts.reserveCapacity(lists.count + 1)
            for list in lists {
                hits += list
                starts.append(Int32(hits.count))
            }
            return (hits, starts)
        }
        let (rawHits, rawStarts) = flat(raw.targets), (strippedHits, strippedStarts) = flat(stripped.targets)
        return Tables(targets: targets.count, slots: targets.count + slotLiterals.count, slotReach: slotReach,
                      pairKeys: PairKey.keys(of: pairs), raw: raw.literals, rawHits: rawHits, rawStarts: rawStarts,
                      stripped: stripped.literals, strippedHits: strippedHits, strippedStarts: strippedStarts)
    }

    /// A target whose windows include those where a term's two sets both have windows.
    struct Pair: Hashable {
        var target: Int32
        var first: Int32
        var second: Int32
    }

    /// Two slots and the targets that get the intersection of their windows.
    struct PairKey: Equatable {
        var first: Int32
        var second: Int32
        var targets: [Int32]

        /// Each pair of slots of `pairs` once, in order of first use. `pairs` holds no pair
        /// twice (the initializer keeps each once), so a key's targets are distinct as added.
        static func keys(of pairs: [Pair]) -> [PairKey] {
            var index: [Int64: Int] = [:]
            var keys: [PairKey] = []
            for pair in pairs {
                let key = Int64(pair.first) << 32 | Int64(pair.second)
                if let known = index[key] {
                    keys[known].targets.append(pair.target)
                } else {
                    index[key] = keys.count
                    keys.append(PairKey(first: pair.first, second: pair.second, targets: [pair.target]))
                }
            }
            return keys
        }
    }

    /// A target (or a slot of a `Pair`) that requires a literal, and how many characters
    /// before the literal its matches may start (-1: no bound).
    struct Hit: Equatable {
        var target: Int32
        var maxBefore: Int32
    }

    /// Literals of one view and the targets that require each.
    ///
    /// The literals are found again by an open-addressing table of their indices, keyed by
    /// a hash of their bytes taken once: a `[[UInt8]: Int32]` dictionary, hashing each key
    /// byte by byte and comparing whole keys at every probe, was 7% of the CPU time of
    /// checking ten small files (the shipped rules add some 31,000 literals at every start).
    private struct LiteralTable {
        var literals: [[UInt8]] = []
        var targets: [[Hit]] = []
        /// The hash of each literal.
        private var hashes: [Int] = []
        /// Indices into `literals`, -1 where free; at most half full.
        private var slots = [Int32](repeating: -1, count: 1 << 12)

        mutating func add(_ literal: [UInt8], _ hit: Hit) {
            // Most literals are CJK and have nothing to fold: they are kept as they are.
            let folded = literal.contains { $0 >= 0x41 && $0 <= 0x5A } ? literal.map(LiteralScanner.foldByte) : literal
            let hash = Prefilter.hash(folded)
            var slot = hash & (slots.count - 1)
            while slots[slot] >= 0 {
                let i = Int(slots[slot])
                if hashes[i] == hash && literals[i] == folded {
                    if let last = targets[i].last, last.target == hit.target {
                        // Two literals that fold alike: the weaker bound holds.
                        let bound = last.maxBefore < 0 || hit.maxBefore < 0 ? -1 : max(last.maxBefore, hit.maxBefore)
                        targets[i][targets[i].count - 1].maxBefore = bound
                    } else {
                        targets[i].append(hit)
                    }
                    return
                }
                slot = (slot + 1) & (slots.count - 1)
            }
            slots[slot] = Int32(literals.count)
            hashes.append(hash)
            literals.append(folded)
            targets.append([hit])
            if 2 * literals.count > slots.count { grow() }
        }

        private mutating func grow() {
            slots = [Int32](repeating: -1, count: 2 * slots.count)
            for (i, hash) in hashes.enumerated() {
                var slot = hash & (slots.count - 1)
                while slots[slot] >= 0 { slot = (slot + 1) & (slots.count - 1) }
                slots[slot] = Int32(i)
            }
        }
    }

    /// A hash of a literal's bytes for the tables built at start (not `Hasher`: SipHash over
    /// the 62,800 literals the shipped rules add at every start was 3% of the CPU time of
    /// checking ten small files). The literals come from the rules, not from the text
    /// checked, so a hash an adversary could flood is no concern; the low bits index tables.
    static func hash(_ bytes: [UInt8]) -> Int {
        bytes.withUnsafeBytes { raw in
            let k: UInt64 = 0x9E37_79B9_7F4A_7C15
            var h = UInt64(raw.count) &* k
            var i = 0
            while i + 8 <= raw.count {
                h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* k
                h ^= h >> 29
                i += 8
            }
            var tail: UInt64 = 0, shift: UInt64 = 0
            while i < raw.count {
                tail |= UInt64(raw[i]) << shift
                shift += 8
                i += 1
            }
            // murmur3's final mix, so every input bit reaches the low bits.
            h = (h ^ tail) &* k
            h ^= h >> 33
            h = h &* 0xFF51_AFD7_ED55_8CCD
            h ^= h >> 33
            return Int(truncatingIfNeeded: h)
        }
    }

    /// The patterns of a rule set that are searched across whole segments.
    public static func searchedPatterns(of ruleSet: RuleSet) -> [any CompiledRegex] {
        var out = ruleSet.sectors.definitions.flatMap(\.signals)
        for rule in ruleSet.rules { out += searchedPatterns(of: rule).map(\.regex) }
        return out
    }

    /// A rule's whole-segment patterns, labelled as in `Rule.compiledPatterns`.
    public static func searchedPatterns(of rule: Rule) -> [(label: String, regex: any CompiledRegex)] {
        var out: [(String, any CompiledRegex)] = []
        switch rule.pattern {
        case let .span(span): out.append(("match", span.regex))
        case let .document(doc):
            out.append(("trigger", doc.trigger.regex))
            for item in doc.required { out.append(("requires \(item.label)", item.regex)) }
        case .checklist:
            break // checklists are evaluated by ChecklistRunner over the whole text
        case .structure:
            break // structure rules read facts, not text
        }
        if let document = rule.exceptions.documentHas { out.append(("unless document-has", document)) }
        if let lacks = rule.exceptions.documentLacks { out.append(("unless document-lacks", lacks)) }
        return out
    }

    /// The identity by which the prefilter knows a compiled pattern (nil: a pattern it
    /// cannot find again, searched in full), e.g. to hand it cached analyses.
    public static func identity(of regex: any CompiledRegex) -> ObjectIdentifier? { WindowSearch.identity(of: regex) }

    /// The target of a pattern, if it was given to the prefilter.
    func target(of regex: any CompiledRegex) -> Int? {
        guard let id = Self.identity(of: regex) else { return nil }
        return index[id]
    }

    /// The target of a pattern searched in windows: given to the prefilter, with a requirement.
    func windowedTarget(of regex: any CompiledRegex) -> Int? {
        guard let target = target(of: regex), windowed[target] else { return nil }
        return target
    }

    /// The analysis of a pattern given to the prefilter.
    public func analysis(of regex: any CompiledRegex) -> Target? { target(of: regex).map { targets[$0] } }

    /// For benchmarks: the literal hits in an already normalized segment, in both views,
    /// with no windows made: the cost of the literal scan alone.
    public func literalHits(in buffer: UTF8Buffer) -> Int {
        let text = UnsafeBufferPointer(start: buffer.baseAddress, count: buffer.count)
        var hits = 0
        scanner.scan(text) { _, _ in hits += 1 }
        if let strippedScanner { StrippedView.scan(text, with: strippedScanner) { _, _ in hits += 1 } }
        return hits
    }

    /// For benchmarks: how many windows each target gets in `text`, and how many start
    /// positions (bytes) they span, after merging.
    public func windowStatistics(_ text: String) -> [(target: Int, windows: Int, bytes: Int)] {
        let buffer = UTF8Buffer(text)
        let normalized = TextNormalizer().normalize(buffer: buffer).buffer
        var out: [Int: (Int, Int)] = [:]
        for run in candidates(in: normalized).allRuns {
            out[Int(run.target)] = (run.windows.count, run.windows.reduce(0) { $0 + $1.high - $1.low + 1 })
        }
        return out.map { ($0.key, $0.value.0, $0.value.1) }.sorted { $0.windows > $1.windows }
    }

    /// Scans a segment's normalized text once and records, for each target, the windows
    /// in which a match may start.
    ///
    /// Windows are bounded by the segment's size (`maxWindows`): when a segment dense with
    /// literal hits passes it, the close windows of each target are joined, with a gap that
    /// doubles until few enough are left (the same matches: a window only adds start
    /// positions to try).
    public func candidates(in buffer: UTF8Buffer) -> SegmentCandidates {
        guard buffer.count < Int(UInt32.max) else {
            // Offsets past 32 bits: every target is searched in full.
            return SegmentCandidates(prefilter: self, windows: [], runs: [], whole: true)
        }
        let tables = tables
        var collector = WindowCollector(targets: tables.slots, cap: Self.maxWindows(bytes: buffer.count), firstSlot: targetCount,
                                        pairKeys: tables.pairKeys)
        let text = UnsafeBufferPointer(start: buffer.baseAddress, count: buffer.count)
        let firstSlot = targetCount
        func record(_ hits: ArraySlice<Hit>, at offset: Int) {
            defer {
                if collector.slotCount >= collector.nextFlush {
                    // Later hits are at or after `offset`: a slot's later windows start no
                    // earlier than its reach back from here.
                    collector.flushSlots { slot in
                        let reach = tables.slotReach[Int(slot) - firstSlot]
                        return reach < 0 ? 0 : LooseSeparators.windowStart(in: text, before: offset, solid: Int(reach))
                    }
                }
            }
            // A literal's raw hits are ordered by bound (`init`): one walk back serves them
            // all, each larger bound going on from where the last stopped.
            var bound: Int32 = -2, low = 0
            for hit in hits {
                if hit.maxBefore != bound {
                    if hit.maxBefore < 0 {
                        low = 0
                    } else if bound >= 0 && hit.maxBefore > bound {
                        low = LooseSeparators.windowStart(in: text, before: low, solid: Int(hit.maxBefore - bound))
                    } else {
                        low = LooseSeparators.windowStart(in: text, before: offset, solid: Int(hit.maxBefore))
                    }
                    bound = hit.maxBefore
                }
                collector.add(target: hit.target, low: low, high: offset)
            }
        }
        scanner.scan(text) { literal, offset in
            record(tables.rawHits[Int(tables.rawStarts[Int(literal)])..<Int(tables.rawStarts[Int(literal) + 1])], at: offset)
        }
        if let strippedScanner {
            // In pieces: a stripped copy of a whole large segment was 25 MB of a 20 MB file's peak.
            StrippedView.scan(text, with: strippedScanner) { literal, offset in
                record(tables.strippedHits[Int(tables.strippedStarts[Int(literal)])..<Int(tables.strippedStarts[Int(literal) + 1])],
                       at: offset)
            }
        }
        let flushes = collector.flushes
        let (windows, runs) = collector.finish(targets: targetCount)
        return SegmentCandidates(prefilter: self, windows: windows, runs: runs, slotFlushes: flushes)
    }

    /// The most windows a segment of `bytes` bytes keeps (8 bytes each, while they are
    /// collected at most twice as many): an ordinary paragraph has tens; 2 MB of one-line
    /// generated copy had more than a sixteenth of a window per byte, and joining them cost
    /// 1.5 CPU s more than keeping them (4 MB of dense copy: 96 -> 102 MB).
    public static func maxWindows(bytes: Int) -> Int { max(4_096, bytes / 8) }

    /// Collects a segment's windows, merged as they come, within a cap (see
    /// `candidates(in:)`).
    ///
    /// The literal scans report hits in text order and each target is found in one view, so
    /// a target's windows arrive in order of their last start: each is merged at once with
    /// the windows before it that it overlaps (a stack), and a target's list stays sorted
    /// and disjoint with no sort and no second copy of the windows. (Windows were collected
    /// for all targets in one list, sorted and merged at the end: on a 20 MB one-line file
    /// that list, its reserve and its sorted copy were 109 MB of a 226 MB heap peak.)
    struct WindowCollector {
        /// For each target (and slot), the index of its list in `lists`, -1 until its first
        /// window. One array of integers per segment: an array of every target's list was
        /// made and released for each segment, and on pages of a few paragraphs that (about
        /// 3,600 lists a segment, each retained and released) was 7% of the CPU time.
        private var listOf: [Int32]
        /// The window lists of the targets with windows, in the order they got their first.
        private var lists: [[SegmentCandidates.Window]] = []
        /// The target of each list in `lists`.
        private var touched: [Int32] = []
        /// Targets that got a window before one they already had (not expected: then their
        /// list is sorted and joined at the end).
        private var disordered: [Int32] = []
        private(set) var count = 0
        let cap: Int
        /// Lists from here on are pairs' slots: they have a cap of their own (`slotCount`, four
        /// times the targets'), so that many slot windows do not join the targets' windows.
        /// Joined slot windows make large intersections: at twice the cap, 2 MB of generated
        /// copy (577,000 slot windows) spent 200 ms more in PCRE2; at four times it stays
        /// below the cap, with about 2 bytes of slot windows per byte of such copy.
        let firstSlot: Int
        private(set) var slotCount = 0
        /// The gap (bytes) up to which the windows of one target are joined; 0 until the cap
        /// is passed.
        private(set) var gap = 0
        /// The same for the slots (joined slot windows only make a pair's windows larger).
        private(set) var slotGap = 0

        /// Each pair of slots once, with the targets it gives windows to.
        private let pairKeys: [PairKey]
        /// How many times `flushSlots` ran (for tests and benchmarks).
        private(set) var flushes = 0
        /// The slot windows held at which `flushSlots` is next due.
        private(set) var nextFlush = Self.flushEvery
        /// Slot windows held between flushes: 64 K windows, 512 KB. Held for the whole text,
        /// a 20 MB one-line file of dense copy had most of its 94 MB of windows in slots.
        static let flushEvery = 1 << 16

        init(targets: Int, cap: Int, firstSlot: Int = Int.max, pairKeys: [PairKey] = []) {
            listOf = [Int32](repeating: -1, count: targets)
            self.cap = cap
            self.firstSlot = firstSlot
            self.pairKeys = pairKeys
        }

        mutating func add(target: Int32, low: Int, high: Int) {
            let t = Int(target)
            var window = SegmentCandidates.Window(low: low, high: high)
            let isSlot = t >= firstSlot
            let joinGap = isSlot ? slotGap : gap
            var removed = 0
            let l = list(of: target)
            if let last = lists[l].last {
                if high < last.high { disordered.append(target) }
                // Merge with every window before it that it overlaps or nearly touches.
                while let top = lists[l].last, window.low <= top.high + 1 + joinGap, top.low <= window.high + 1 + joinGap {
                    window = window.union(top)
                    lists[l].removeLast()
                    removed += 1
                }
            }
            lists[l].append(window)
            if isSlot {
                slotCount += 1 - removed
                if slotCount >= 4 * cap { compact(slots: true) }
            } else {
                count += 1 - removed
                if count >= 2 * cap { compact(slots: false) }
            }
        }

        /// Puts a disordered target's list in order.
        private mutating func repair(_ t: Int) {
            let l = Int(listOf[t])
            let before = lists[l].count
            lists[l].sort { $0.low != $1.low ? $0.low < $1.low : $0.high < $1.high }
            SegmentCandidates.join(&lists[l], gap: t >= firstSlot ? slotGap : gap)
            if t >= firstSlot { slotCount -= before - lists[l].count } else { count -= before - lists[l].count }
        }

        /// The index in `lists` of a target's list, made empty on first use.
        private mutating func list(of target: Int32) -> Int {
            let t = Int(target)
            if listOf[t] >= 0 { return Int(listOf[t]) }
            listOf[t] = Int32(lists.count)
            lists.append([])
            touched.append(target)
            return lists.count - 1
        }

        /// A target's windows so far.
        private func windows(of target: Int32) -> [SegmentCandidates.Window] {
            let l = listOf[Int(target)]
            return l >= 0 ? lists[Int(l)] : []
        }

        /// Joins each target's windows that are at most `gap` bytes apart, doubling the gap
        /// until at most half the cap are left. The densest targets' windows join first and a
        /// sparse target's hardly change, so the text searched grows step by step. (Searching
        /// such targets in the whole segment instead made a 2 MB one-line file cost 0.7 s more:
        /// the claim rules' alternations then ran at every position.)
        private mutating func compact(slots: Bool) {
            for target in Set(disordered) { repair(Int(target)) }
            disordered = []
            let mine = lists.indices.filter { (Int(touched[$0]) >= firstSlot) == slots }
            var left = slots ? slotCount : count, joinGap = slots ? slotGap : gap
            while left > cap / 2 && joinGap < Int(UInt32.max) {
                joinGap = max(16, joinGap * 2)
                left = 0
                for l in mine {
                    SegmentCandidates.join(&lists[l], gap: joinGap)
                    left += lists[l].count
                }
            }
            if slots { slotCount = left; slotGap = joinGap } else { count = left; gap = joinGap }
        }

        /// Gives each pair's target the intersection of the slot windows held so far, and
        /// lets go of the slot windows no later window of a partner slot can reach:
        /// `lowBound(slot)` is the first offset at which a later window of `slot` may start.
        /// An intersection made here is part of the final one (windows only grow), so the
        /// targets get the same start positions as from one intersection at the end, and the
        /// slots hold only the windows near the scan, not those of the whole text.
        mutating func flushSlots(lowBound: (Int32) -> Int) {
            flushes += 1
            for target in Set(disordered) { repair(Int(target)) }
            disordered = []
            var bound: [Int32: Int] = [:]
            func low(_ slot: Int32) -> Int {
                if let known = bound[slot] { return known }
                let value = lowBound(slot)
                bound[slot] = value
                return value
            }
            var frontier: [Int32: Int] = [:]
            for key in pairKeys where listOf[Int(key.first)] >= 0 || listOf[Int(key.second)] >= 0 {
                if listOf[Int(key.first)] >= 0 && listOf[Int(key.second)] >= 0 {
                    let both = Self.intersection(windows(of: key.first), windows(of: key.second))
                    if !both.isEmpty { for target in key.targets { mergeIn(target, both) } }
                }
                frontier[key.first] = min(frontier[key.first] ?? Int.max, low(key.second))
                frontier[key.second] = min(frontier[key.second] ?? Int.max, low(key.first))
            }
            for (slot, limit) in frontier where listOf[Int(slot)] >= 0 {
                let l = Int(listOf[Int(slot)])
                // Sorted and disjoint: the windows ending before the frontier come first.
                var lo = 0, hi = lists[l].count
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if lists[l][mid].high < limit { lo = mid + 1 } else { hi = mid }
                }
                if lo > 0 {
                    lists[l].removeFirst(lo)
                    slotCount -= lo
                }
            }
            // Windows some partner may still reach stay: the next flush waits for as many new ones.
            nextFlush = max(Self.flushEvery, 2 * slotCount)
            if count >= 2 * cap { compact(slots: false) }
        }

        /// Adds sorted, disjoint windows (an intersection) to a target's sorted list: only
        /// the end of the list they reach is merged again.
        private mutating func mergeIn(_ target: Int32, _ windows: [SegmentCandidates.Window]) {
            guard let first = windows.first else { return }
            let l = list(of: target)
            var lo = 0, hi = lists[l].count
            while lo < hi {
                let mid = (lo + hi) / 2
                if lists[l][mid].high + 1 < first.low { lo = mid + 1 } else { hi = mid }
            }
            let tail = lo == lists[l].count ? windows : Self.union(Array(lists[l][lo...]), windows)
            count += tail.count - (lists[l].count - lo)
            lists[l].replaceSubrange(lo..., with: tail)
        }

        /// The windows of every target, grouped by target in increasing order, and where each
        /// target's run is; each list is released once copied. Each pair's two slots are
        /// intersected into its target (slots are `targets` and up; none is in the result).
        mutating func finish(targets: Int = Int.max) -> ([SegmentCandidates.Window], [SegmentCandidates.Run]) {
            for target in Set(disordered) { repair(Int(target)) }
            // Most segments (a paragraph) touch few slots: a pair with an empty slot adds nothing.
            for key in pairKeys where listOf[Int(key.first)] >= 0 && listOf[Int(key.second)] >= 0 {
                let both = Self.intersection(windows(of: key.first), windows(of: key.second))
                guard !both.isEmpty else { continue }
                for target in key.targets {
                    let l = list(of: target)
                    lists[l] = lists[l].isEmpty ? both : Self.union(lists[l], both)
                }
            }
            // Each target has one list: sorted by target, the runs come in target order.
            let kept = lists.indices.filter { Int(touched[$0]) < targets && !lists[$0].isEmpty }.sorted { touched[$0] < touched[$1] }
            var windows: [SegmentCandidates.Window] = []
            windows.reserveCapacity(kept.reduce(0) { $0 + lists[$1].count })
            var runs: [SegmentCandidates.Run] = []
            runs.reserveCapacity(kept.count)
            for l in kept {
                let start = windows.count
                windows += lists[l]
                lists[l] = []
                runs.append(SegmentCandidates.Run(target: touched[l], start: start, end: windows.count))
            }
            return (windows, runs)
        }

        /// The start positions in a window of both sorted, disjoint lists.
        static func intersection(_ a: [SegmentCandidates.Window], _ b: [SegmentCandidates.Window]) -> [SegmentCandidates.Window] {
            var out: [SegmentCandidates.Window] = []
            // One list much shorter (a rare second set beside the symptoms): look each of its
            // windows up in the other.
            if a.count > 16 * b.count || b.count > 16 * a.count {
                let (short, long) = a.count < b.count ? (a, b) : (b, a)
                for window in short {
                    var lo = 0, hi = long.count
                    while lo < hi {
                        let mid = (lo + hi) / 2
                        if long[mid].high < window.low { lo = mid + 1 } else { hi = mid }
                    }
                    while lo < long.count && long[lo].low <= window.high {
                        let low = max(long[lo].low, window.low), high = min(long[lo].high, window.high)
                        if low <= high { out.append(SegmentCandidates.Window(low: low, high: high)) }
                        lo += 1
                    }
                }
                return out
            }
            var i = 0, j = 0
            while i < a.count && j < b.count {
                let low = max(a[i].low, b[j].low), high = min(a[i].high, b[j].high)
                if low <= high { out.append(SegmentCandidates.Window(low: low, high: high)) }
                if a[i].high < b[j].high { i += 1 } else { j += 1 }
            }
            return out
        }

        /// The start positions in a window of either sorted, disjoint list, sorted and joined.
        static func union(_ a: [SegmentCandidates.Window], _ b: [SegmentCandidates.Window]) -> [SegmentCandidates.Window] {
            var out: [SegmentCandidates.Window] = []
            out.reserveCapacity(a.count + b.count)
            var i = 0, j = 0
            while i < a.count || j < b.count {
                let next: SegmentCandidates.Window
                if j == b.count || i < a.count && a[i].low <= b[j].low { next = a[i]; i += 1 } else { next = b[j]; j += 1 }
                if let last = out.last, next.low <= last.high + 1 { out[out.count - 1] = last.union(next) } else { out.append(next) }
            }
            return out
        }
    }
}

/// The targets of a prefilter: given when it is made, or made the first time they are read
/// (by one thread; the others wait for it).
private final class TargetList: @unchecked Sendable {
    private let lock = NSLock()
    private var made: [Prefilter.Target]?
    private let make: (@Sendable () -> [Prefilter.Target])?

    init(_ targets: [Prefilter.Target]) {
        made = targets
        make = nil
    }

    init(make: @escaping @Sendable () -> [Prefilter.Target]) {
        made = nil
        self.make = make
    }

    var targets: [Prefilter.Target] {
        lock.withLock {
            if let made { return made }
            let targets = make?() ?? []
            made = targets
            return targets
        }
    }
}
