/// What a compiled pattern requires of any text it matches: every match contains one of
/// `literals`, starting at most `maxBefore` characters after the match starts.
///
/// Literals are UTF-8 bytes of normalized text with ASCII letters in lower case (the
/// scanner folds ASCII case, so a case-sensitive rule only gets extra candidates).
public struct LiteralRequirement: Sendable, Hashable {
    public var literals: [[UInt8]]
    /// Characters a match can consume before the literal, not counting separators and
    /// numerals (`LooseSeparators.isUncounted`); `nil`: no bound (the largest of
    /// `literalMaxBefore`).
    public var maxBefore: Int?
    /// For each of `literals`, the characters a match can consume before that literal
    /// (a literal of one branch of an alternation gets that branch's bound).
    public var literalMaxBefore: [Int?]
    /// Which text the literals are searched in.
    public var view: View = .raw
    /// The requirement branch by branch, for a pattern (in the raw view) of which some
    /// branches need two sets from different parts of the branch, such as a symptom and,
    /// within a few characters after it, an outcome (empty: none; `literals` is then what
    /// the prefilter scans for). A match is a match of one branch, so it starts in a window
    /// of some term's `first` literals that is also, when the term has `second` literals,
    /// in a window of one of those: the symptom-outcome grammars are verified only where
    /// both parts occur close enough, not at every symptom. `literals` then holds every
    /// term's `first` literals with the weakest bound of each.
    public var terms: [Term] = []

    /// One branch, or the branches without a second set, of a `terms` requirement.
    public struct Term: Sendable, Hashable {
        /// Indices into `literals`, and this term's bound for each.
        public var first: [Int]
        public var firstMaxBefore: [Int?]
        /// A second set every match of the term contains (empty: none), with their bounds.
        public var second: [[UInt8]]
        public var secondMaxBefore: [Int?]

        public init(first: [Int], firstMaxBefore: [Int?], second: [[UInt8]], secondMaxBefore: [Int?]) {
            self.first = first
            self.firstMaxBefore = firstMaxBefore
            self.second = second
            self.secondMaxBefore = secondMaxBefore
        }
    }

    public enum View: Sendable, Hashable {
        /// The normalized text.
        case raw
        /// The normalized text without `LooseSeparators` (so `治 療` reads `治療`).
        case stripped
    }

    public init(literals: [[UInt8]], maxBefore: Int?, literalMaxBefore: [Int?], view: View = .raw, terms: [Term] = []) {
        self.literals = literals
        self.maxBefore = maxBefore
        self.literalMaxBefore = literalMaxBefore
        self.view = view
        self.terms = terms
    }

    /// The weakest literal's length in bytes: how selective the requirement is.
    public var shortestLiteral: Int { literals.map(\.count).min() ?? 0 }
}

/// Computes a `LiteralRequirement` from PCRE2 source, in the manner of trigram-index
/// query planning: for each node the exact strings it can match (when few), the prefixes
/// and suffixes every match has, and the best set of literals every match contains.
/// Cross products are capped, so a lexicon alternation stays a set of its terms.
public enum LiteralAnalysis {
    /// Most strings kept in an exact, prefix or suffix set, and in a cross product.
    static let maxSetSize = 4096
    static let maxProduct = 64
    /// Longest string (in bytes) kept when sets are combined; longer ones are cut.
    static let maxLiteralBytes = 48

    /// The requirement of a pattern, or why it has none. When the literals of the
    /// separator-stripped view (`LooseSeparators` left out of text and literals alike) are
    /// much more selective, as for `loose: true` phrases, those are used instead.
    public static func requirement(pattern: String, caseless: Bool) -> Result<LiteralRequirement, LiteralAnalysisFailure> {
        let parsed: (RegexNode, caseless: Bool)
        do { parsed = try RegexSyntaxParser.parse(pattern, caseless: caseless) } catch {
            return .failure(LiteralAnalysisFailure(reason: "the pattern uses \(error.reason), which the prefilter does not analyse"))
        }
        // A top-level alternation is analysed branch by branch (nested ones flattened), so
        // the branches' facts serve `termRequirement` as well.
        let leaves = branches(parsed.0)
        let leafInfos = leaves.count > 1 ? leaves.map { analyse($0, stripped: false) } : nil
        let raw = leafInfos.map { alternation($0).memoized() } ?? analyse(parsed.0, stripped: false)
        var chosen = raw.best.flatMap { $0.isUsable ? $0 : nil }
        var view = LiteralRequirement.View.raw
        // The stripped view differs only where the pattern can match a separator.
        if mentionsSeparators(parsed.0), let stripped = analyse(parsed.0, stripped: true).best, stripped.isUsable,
           case let strippedChoice = Info.Candidate(set: stripped.set, maxBefore: raw.maxLength),
           chosen.map({ cheaper(strippedChoice, than: $0, by: 0.25) }) ?? true {
            // A hit in the stripped view maps back to a character inside the match, at
            // most the pattern's length from its start.
            chosen = strippedChoice
            view = .stripped
        }
        guard let best = chosen else {
            return .failure(LiteralAnalysisFailure(reason: "no literal text is common to every match (e.g. a pattern made only of classes, `.` or optional parts)"))
        }
        if view == .raw, let terms = termRequirement(leafInfos ?? [raw]) { return .success(terms) }
        let literals = best.set.sorted { $0.lexicographicallyPrecedes($1) }
        return .success(LiteralRequirement(literals: literals, maxBefore: best.maxBefore,
                                           literalMaxBefore: literals.map(best.bound(of:)), view: view))
    }

    /// The branches of a pattern's top-level alternation (nested alternations flattened).
    static func branches(_ node: RegexNode) -> [RegexNode] {
        switch node {
        case let .alternation(items): return items.flatMap(branches)
        case let .concat(items) where items.count == 1: return branches(items[0])
        default: return [node]
        }
    }

    /// The requirement by branch (`LiteralRequirement.terms`; `branches`: the facts of each
    /// top-level branch), when at least one branch has a second set worth confirming its
    /// first with; the other branches make one term.
    static func termRequirement(_ branches: [Info]) -> LiteralRequirement? {
        var paired: [(Info.Candidate, Info.Candidate)] = []
        var rest: Info.Candidate?
        for info in branches {
            guard let best = info.best, best.isUsable else { return nil }
            if let second = info.second, second.isUsable, worthConfirming(best, with: second) {
                paired.append((best, second))
            } else if rest == nil {
                rest = best
            } else {
                rest?.formUnion(best)
            }
        }
        guard !paired.isEmpty else { return nil }
        var all = rest ?? paired[0].0
        for (first, _) in paired { all.formUnion(first) }
        let literals = all.set.sorted { $0.lexicographicallyPrecedes($1) }
        var index: [[UInt8]: Int] = [:]
        for (i, literal) in literals.enumerated() { index[literal] = i }
        func term(_ first: Info.Candidate, _ second: Info.Candidate?) -> LiteralRequirement.Term {
            let firsts = first.set.sorted { $0.lexicographicallyPrecedes($1) }
            let seconds = second.map { $0.set.sorted { $0.lexicographicallyPrecedes($1) } } ?? []
            return LiteralRequirement.Term(first: firsts.map { index[$0]! }, firstMaxBefore: firsts.map(first.bound(of:)),
                                           second: seconds, secondMaxBefore: second.map { s in seconds.map(s.bound(of:)) } ?? [])
        }
        var terms = paired.map { term($0.0, $0.1) }
        if let rest { terms.append(term(rest, nil)) }
        return LiteralRequirement(literals: literals, maxBefore: all.maxBefore, literalMaxBefore: literals.map(all.bound(of:)),
                                  view: .raw, terms: terms)
    }

    /// Whether a second set is worth scanning for beside `first`: it must have a bound (an
    /// unbounded window reaches back to the segment start and confirms nearly everything),
    /// not be found inside every literal of `first` (不再咳嗽 then 咳嗽: every hit would
    /// confirm itself), and not be expected to cover most of the text with its windows
    /// (`score`: hits per character times the window; rough, so the limit is generous: `?`
    /// after a symptom is rare even where `?` is not).
    static func worthConfirming(_ first: Info.Candidate, with second: Info.Candidate) -> Bool {
        guard second.maxBefore != nil, score(second) < 8 else { return false }
        let seconds = Array(second.set)
        return !first.set.allSatisfy { literal in seconds.contains { contains(literal, $0) } }
    }

    /// Whether `needle` occurs in `haystack`.
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard needle.count <= haystack.count else { return false }
        guard !needle.isEmpty else { return true }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if haystack[start..<(start + needle.count)].elementsEqual(needle) { return true }
        }
        return false
    }

    /// Facts about the strings a node can match. Sets are of byte strings; `nil` means
    /// unknown (no useful set). No set in `prefix`, `suffix` or `required` holds "".
    struct Info {
        var minLength: Int
        /// Most characters that are not `LooseSeparators.isUncounted` (`nil`: unbounded).
        /// Separators and numerals count for nothing, so `\s*` and `[0-9]+` add 0: windows
        /// walk back over them for free (`LooseSeparators.windowStart`), and every bound
        /// below is in these units.
        var maxLength: Int?
        /// Every string the node can match (possibly more), when few.
        var exact: Set<[UInt8]>?
        var prefix: Set<[UInt8]>?
        var suffix: Set<[UInt8]>?
        /// Every match contains one of `set`, starting at most `maxBefore` characters in.
        var required: Candidate?
        /// Another set every match contains, from a part of the node other than `required`'s
        /// where there is one (see `LiteralRequirement.terms`).
        var second: Candidate?

        /// Every match contains one of the literals, each at most its bound of characters
        /// after the match start (`nil`: no bound). Most candidates have one bound for all
        /// literals; only unions of alternation branches keep a bound per literal.
        struct Candidate {
            var set: Set<[UInt8]>
            /// The weakest bound (the bound of every literal not in `bounds`).
            var maxBefore: Int?
            /// Literals whose bound is tighter than `maxBefore`; `nil` when none is.
            var bounds: [[UInt8]: Int?]?

            init(set: Set<[UInt8]>, maxBefore: Int?) {
                self.set = set
                self.maxBefore = maxBefore
            }

            var isUsable: Bool { !set.isEmpty && !set.contains([]) }

            func bound(of literal: [UInt8]) -> Int? {
                if let bounds, let bound = bounds[literal] { return bound }
                return maxBefore
            }

            /// The same literals, `n` more characters from the match start.
            func shifted(by n: Int?) -> Candidate {
                var out = Candidate(set: set, maxBefore: LiteralAnalysis.add(maxBefore, n))
                out.bounds = bounds?.mapValues { LiteralAnalysis.add($0, n) }
                return out
            }

            /// Either this or `other` (a literal in both keeps the weaker bound).
            mutating func formUnion(_ other: Candidate) {
                if bounds == nil && other.bounds == nil && maxBefore == other.maxBefore {
                    set.formUnion(other.set)
                    return
                }
                var all: [[UInt8]: Int?] = [:]
                all.reserveCapacity(set.count + other.set.count)
                for literal in set { all[literal] = .some(bound(of: literal)) }
                for literal in other.set {
                    let theirs = other.bound(of: literal)
                    // `.some`: assigning a `nil` bound must keep the literal, not remove it.
                    if let mine = all[literal] {
                        all[literal] = .some(mine.flatMap { m in theirs.map { max(m, $0) } })
                    } else {
                        all[literal] = .some(theirs)
                    }
                }
                set.formUnion(other.set)
                var worst: Int? = 0
                for bound in all.values {
                    guard let w = worst, let bound else { worst = nil; break }
                    worst = max(w, bound)
                }
                maxBefore = worst
                bounds = all
            }
        }

        static let anything = Info(minLength: 0, maxLength: nil, exact: nil, prefix: nil, suffix: nil, required: nil, second: nil)

        /// `best`, once computed (every concatenation asks both sides again).
        var memo: Candidate?? = nil

        /// The most selective of the sets that every match satisfies.
        var best: Candidate? { memo ?? computeBest() }

        /// This with `best` computed once and kept.
        func memoized() -> Info {
            var out = self
            out.memo = .some(computeBest())
            return out
        }

        private func computeBest() -> Candidate? {
            var candidates: [Candidate] = []
            if let required { candidates.append(required) }
            if let exact, !exact.contains([]) { candidates.append(Candidate(set: exact, maxBefore: 0)) }
            if let prefix { candidates.append(Candidate(set: prefix, maxBefore: 0)) }
            if let suffix { candidates.append(Candidate(set: suffix, maxBefore: maxLength)) }
            return LiteralAnalysis.choose(candidates)
        }
    }

    /// The expected number of literal hits per character of copy if the set is scanned for:
    /// lower is better. A CJK character is taken to occur with probability 1/500, an ASCII
    /// letter 1/26, a digit 1/10 and punctuation or a space 1/5 (rough, but enough to prefer
    /// 感冒 over 防 and 預防感冒 over either).
    static func expectedHits(_ literal: [UInt8]) -> Double {
        var p = 1.0
        for b in literal where b & 0xC0 != 0x80 {
            if b >= 0x80 { p *= 1.0 / 500 } else if (b >= 0x61 && b <= 0x7A) { p *= 1.0 / 26 } else if b >= 0x30 && b <= 0x39 { p *= 0.1 } else { p *= 0.2 }
        }
        return p
    }

    static func cost(_ c: Info.Candidate) -> Double {
        c.set.reduce(0) { $0 + expectedHits($1) }
    }

    /// Characters a verification costs beyond its window (the call into PCRE2), and the
    /// window assumed for an unbounded one in `score`.
    static let verificationOverhead = 16.0
    static let unboundedWindow = 200

    /// The expected verification work per character of copy: hits times the characters
    /// PCRE2 tries per hit. It ranks candidates of one kind only: see `cheaper`.
    static func score(_ c: Info.Candidate) -> Double {
        func work(_ bound: Int?) -> Double { verificationOverhead + Double(min(bound ?? unboundedWindow, unboundedWindow)) }
        guard let bounds = c.bounds else { return cost(c) * work(c.maxBefore) }
        return bounds.reduce(0) { $0 + expectedHits($1.key) * work($1.value) }
    }

    /// What a search of the whole segment costs in `score`'s units: one start position tried
    /// per character.
    static let fullSearch = 1.0

    /// Whether `a` costs less than `factor` times `b`. An unbounded window reaches back to
    /// the segment start and one target's windows merge, so in a long segment (a file of
    /// one-line copy is a single segment) one hit anywhere means searching nearly all of
    /// it: a candidate with an unbounded literal, however rare, costs a full search more
    /// than `score` says when it is weighed against one whose literals all have a bound
    /// (2 MB of generated copy spent three quarters of its time in the few claim patterns
    /// whose rare literals after a number had no bound, where the diseases before them
    /// had). Candidates of one kind are weighed by `score` alone.
    static func cheaper(_ a: Info.Candidate, than b: Info.Candidate, by factor: Double = 1) -> Bool {
        func cost(_ c: Info.Candidate, against other: Info.Candidate) -> Double {
            score(c) + (c.maxBefore == nil && other.maxBefore != nil ? fullSearch : 0)
        }
        return cost(a, against: b) < cost(b, against: a) * factor
    }

    static func choose(_ candidates: [Info.Candidate]) -> Info.Candidate? {
        chooseIndex(candidates).map { candidates[$0] }
    }

    static func chooseIndex(_ candidates: [Info.Candidate]) -> Int? {
        var best: Int?
        for (i, c) in candidates.enumerated() where c.isUsable {
            if let bi = best {
                let b = candidates[bi]
                // Within 1%, prefer the tighter window.
                if !cheaper(c, than: b, by: 1.01) { continue }
                if !cheaper(c, than: b, by: 0.99) && (c.maxBefore ?? Int.max) >= (b.maxBefore ?? Int.max) { continue }
            }
            best = i
        }
        return best
    }

    static func mentionsSeparators(_ node: RegexNode) -> Bool {
        switch node {
        case let .chars(scalars): return scalars.contains(where: LooseSeparators.contains)
        case .separator: return true
        case .any, .digit, .assertion: return false
        case let .concat(items), let .alternation(items): return items.contains(where: mentionsSeparators)
        case let .repeated(inner, _, _): return mentionsSeparators(inner)
        }
    }

    /// Facts about a node; with `stripped`, about its matches with every `LooseSeparators`
    /// character left out (lengths stay those of the raw text).
    static func analyse(_ node: RegexNode, stripped: Bool) -> Info {
        analyseNode(node, stripped: stripped).memoized()
    }

    private static func analyseNode(_ node: RegexNode, stripped: Bool) -> Info {
        switch node {
        case let .chars(scalars):
            if stripped && scalars.contains(where: LooseSeparators.contains) {
                var set = Set(scalars.filter { !LooseSeparators.contains($0) }.map { Array(String($0).utf8) })
                set.insert([])
                let solid = scalars.allSatisfy(LooseSeparators.isUncounted) ? 0 : 1
                return Info(minLength: 1, maxLength: solid, exact: set, prefix: nil, suffix: nil, required: nil, second: nil)
            }
            let set = Set(scalars.map { Array(String($0).utf8) })
            let solid = scalars.allSatisfy(LooseSeparators.isUncounted) ? 0 : 1
            return Info(minLength: 1, maxLength: solid, exact: set, prefix: set, suffix: set, required: nil, second: nil)
        case .separator:
            return Info(minLength: 1, maxLength: 0, exact: stripped ? [[]] : nil, prefix: nil, suffix: nil, required: nil, second: nil)
        case .digit:
            // One character that counts for nothing in a window (a digit of any script).
            return Info(minLength: 1, maxLength: 0, exact: nil, prefix: nil, suffix: nil, required: nil, second: nil)
        case let .any(min, max):
            return Info(minLength: min, maxLength: max, exact: nil, prefix: nil, suffix: nil, required: nil, second: nil)
        case .assertion:
            return Info(minLength: 0, maxLength: 0, exact: [[]], prefix: nil, suffix: nil, required: nil, second: nil)
        case let .concat(items):
            var info = Info(minLength: 0, maxLength: 0, exact: [[]], prefix: nil, suffix: nil, required: nil, second: nil)
            for item in items { info = concat(info, analyse(item, stripped: stripped)).memoized() }
            return info
        case let .alternation(branches):
            return alternation(branches.map { analyse($0, stripped: stripped) })
        case let .repeated(inner, min, max):
            return repeated(analyse(inner, stripped: stripped), min: min, max: max)
        }
    }

    enum Trim { case exact, keepStart, keepEnd }

    /// Every concatenation of a string of `a` with one of `b`, when there are few. Long
    /// results keep their start (prefix sets) or their end (suffix sets); an exact set
    /// cannot be cut, so it is given up instead.
    static func product(_ a: Set<[UInt8]>, _ b: Set<[UInt8]>, trim: Trim = .keepStart) -> Set<[UInt8]>? {
        guard a.count * b.count <= maxProduct || (a.count <= 1 || b.count <= 1) && a.count * b.count <= maxSetSize else { return nil }
        var out = Set<[UInt8]>()
        for x in a {
            for y in b {
                let joined = x + y
                switch trim {
                case .exact:
                    if joined.count > maxLiteralBytes { return nil }
                    out.insert(joined)
                case .keepStart: out.insert(trimmed(joined))
                case .keepEnd: out.insert(suffixTrimmed(joined))
                }
            }
        }
        return out
    }

    /// Cuts an over-long string at a character boundary (a prefix of a literal is still required).
    static func trimmed(_ s: [UInt8]) -> [UInt8] {
        guard s.count > maxLiteralBytes else { return s }
        var end = maxLiteralBytes
        while end > 0 && s[end] & 0xC0 == 0x80 { end -= 1 }
        return Array(s[..<end])
    }

    static func suffixTrimmed(_ s: [UInt8]) -> [UInt8] {
        guard s.count > maxLiteralBytes else { return s }
        var start = s.count - maxLiteralBytes
        while start < s.count && s[start] & 0xC0 == 0x80 { start += 1 }
        return Array(s[start...])
    }

    static func nonEmpty(_ set: Set<[UInt8]>?) -> Set<[UInt8]>? {
        guard let set, !set.isEmpty, !set.contains([]), set.count <= maxSetSize else { return nil }
        return set
    }

    static func add(_ a: Int?, _ b: Int?) -> Int? {
        guard let a, let b else { return nil }
        return a + b
    }

    static func concat(_ a: Info, _ b: Info) -> Info {
        var out = Info.anything
        out.minLength = a.minLength + b.minLength
        out.maxLength = add(a.maxLength, b.maxLength)
        if let ea = a.exact, let eb = b.exact { out.exact = product(ea, eb, trim: .exact) }
        // Prefixes: what every match starts with.
        if let ea = a.exact {
            if let pb = b.prefix ?? (b.exact.flatMap(nonEmpty)), let p = product(ea, pb) {
                out.prefix = nonEmpty(p)
            } else if !ea.contains([]) {
                out.prefix = nonEmpty(ea)
            } else if let pb = b.prefix {
                out.prefix = nonEmpty(ea.filter { !$0.isEmpty }.union(pb))
            }
        } else {
            out.prefix = a.prefix
        }
        // Suffixes: what every match ends with.
        if let eb = b.exact {
            if let sa = a.suffix ?? (a.exact.flatMap(nonEmpty)), let s = product(sa, eb, trim: .keepEnd) {
                out.suffix = nonEmpty(s)
            } else if !eb.contains([]) {
                out.suffix = nonEmpty(eb)
            } else if let sa = a.suffix {
                out.suffix = nonEmpty(eb.filter { !$0.isEmpty }.union(sa))
            }
        } else {
            out.suffix = b.suffix
        }
        var candidates: [Info.Candidate] = []
        let bestA = a.best, bestB = b.best?.shifted(by: a.maxLength)
        if let bestA { candidates.append(bestA) }
        if let bestB { candidates.append(bestB) }
        let fromParts = candidates.count
        // Across the seam: a suffix of A followed by a prefix of B.
        if let sa = a.suffix ?? a.exact.flatMap(nonEmpty), let pb = b.prefix ?? b.exact.flatMap(nonEmpty),
           let seam = product(sa, pb) {
            candidates.append(Info.Candidate(set: seam, maxBefore: a.maxLength))
        }
        if let exact = out.exact, !exact.contains([]) { candidates.append(Info.Candidate(set: exact, maxBefore: 0)) }
        if let prefix = out.prefix { candidates.append(Info.Candidate(set: prefix, maxBefore: 0)) }
        let chosen = chooseIndex(candidates)
        out.required = chosen.map { candidates[$0] }
        // The second set comes from the other side of the concatenation than the chosen one
        // (each side's own second when the chosen set spans both): every match of A and of
        // B holds their sets, so any of them is required of the whole.
        let secondB = b.second?.shifted(by: a.maxLength)
        var others: [Info.Candidate?]
        switch chosen {
        case .some(0) where bestA != nil: others = [bestB, a.second]
        case .some(let i) where i < fromParts: others = [bestA, secondB]
        default: others = [choose([a.second, secondB].compactMap { $0 })]
        }
        // The other side's set first: a side's own second may be a branch's own set again
        // (see `alternation`), which confirms little; a set within the chosen one adds nothing.
        let chosenSet = out.required?.set ?? []
        out.second = others.lazy.compactMap { $0 }.first { $0.isUsable && !$0.set.isSubset(of: chosenSet) }
        return out
    }

    static func alternation(_ branches: [Info]) -> Info {
        var out = Info.anything
        out.minLength = branches.map(\.minLength).min() ?? 0
        out.maxLength = branches.reduce(Optional(0)) { acc, b in
            guard let acc, let m = b.maxLength else { return nil }
            return max(acc, m)
        }
        func union(_ sets: [Set<[UInt8]>?]) -> Set<[UInt8]>? {
            var all = Set<[UInt8]>()
            for set in sets {
                guard let set else { return nil }
                all.formUnion(set)
                if all.count > maxSetSize { return nil }
            }
            return all
        }
        out.exact = union(branches.map(\.exact))
        out.prefix = nonEmpty(union(branches.map { $0.prefix ?? $0.exact.flatMap(nonEmpty) }))
        out.suffix = nonEmpty(union(branches.map { $0.suffix ?? $0.exact.flatMap(nonEmpty) }))
        // Each branch contributes its own best set; the union is required of every match.
        var union: Info.Candidate?
        var complete = true
        for branch in branches {
            guard let best = branch.best else { complete = false; break }
            if union == nil { union = best } else { union?.formUnion(best) }
        }
        if complete, let union, union.set.count <= maxSetSize { out.required = union }
        // A second set only when every branch has one; a branch with a single set gives
        // that set (each of its matches holds it: a rare phrase then confirms itself).
        var seconds: Info.Candidate?
        for branch in branches {
            guard let second = branch.second ?? branch.best else { return out }
            if seconds == nil { seconds = second } else { seconds?.formUnion(second) }
        }
        if let seconds, seconds.set.count <= maxSetSize { out.second = seconds }
        return out
    }

    static func repeated(_ inner: Info, min: Int, max: Int?) -> Info {
        var out = Info.anything
        out.minLength = inner.minLength * min
        // Any number of separators is still no solid character.
        out.maxLength = inner.maxLength == 0 ? 0 : max.flatMap { m in inner.maxLength.map { $0 * m } }
        if max == 0 {
            out.exact = [[]]
            return out
        }
        // Small bounded repeats of an exact set expand (台{2} = 台台; x? = "" or x).
        if let e = inner.exact, let max, max <= 3 {
            var total: Set<[UInt8]> = min == 0 ? [[]] : []
            var power: Set<[UInt8]>? = [[]]
            for k in 1...max {
                power = power.flatMap { product($0, e, trim: .exact) }
                guard let p = power else { total = []; break }
                if k >= min { total.formUnion(p) }
            }
            if !total.isEmpty && total.count <= maxSetSize { out.exact = total }
        }
        guard min >= 1 else { return out }
        out.prefix = inner.prefix ?? inner.exact.flatMap(nonEmpty)
        out.suffix = inner.suffix ?? inner.exact.flatMap(nonEmpty)
        // The first repetition holds the inner requirements at the inner offsets.
        out.required = inner.best
        out.second = inner.second
        if let exact = out.exact, !exact.contains([]) {
            out.required = choose([out.required, Info.Candidate(set: exact, maxBefore: 0)].compactMap { $0 })
        }
        return out
    }
}

/// Why a pattern has no literal requirement (it then runs over the whole text).
public struct LiteralAnalysisFailure: Error, Sendable, Hashable {
    public var reason: String

    public init(reason: String) { self.reason = reason }
}
