import LintCore
import PatternSearch

/// The distinct texts (at most `SectorInference.maxEvidence`) a regex matches in a
/// document, in document order; nothing for `nil`.
typealias DistinctMatcher = ((any CompiledRegex)?) -> [String]

/// Infers what a document sells from signal words (`Rules/sectors.yaml`): one strong
/// signal (膠囊, 精華液) or two different weak ones infer a sector; a decisive one (a drug
/// licence number, a pet product named) infers its sector and keeps the sectors it
/// `outranks` from being inferred.
struct SectorInference {
    let catalog: SectorCatalog
    static let maxEvidence = 5

    /// What the copy says about each sector: the sectors inferred with their words, those of them
    /// inferred from weak signals only (a guess), the sectors one weak signal hints at but
    /// cannot infer (the copy may sell one, and its rules did not run), and the sectors whose
    /// signals matched but which a decisive signal of another sector outranks.
    struct Evidence {
        var inferred: [Sector: [String]] = [:]
        var weakOnly: Set<Sector> = []
        var hints: [Sector: [String]] = [:]
        /// Sectors inferred from a `decisive` signal, with its words.
        var decisive: [Sector: [String]] = [:]
        /// Outranked sectors: their words, and the decisive sectors that outrank them.
        var outranked: [Sector: (words: [String], by: [Sector])] = [:]
    }

    func infer(_ segments: [PreparedSegment], scratch: any RegexScratch) -> Evidence {
        infer { Self.distinctMatches($0, in: segments, scratch: scratch) }
    }

    /// The same, with the document's distinct matches of a regex found by `matches`.
    ///
    /// A decisive signal infers its sector like a strong one. Then each sector a decisive
    /// sector `outranks` is taken out (from the inferred sectors and the hints alike) unless a
    /// decisive signal of its own matched: the copy is the decisive sector's own product, and
    /// the words that suggested the other sector are its wording too (a licensed drug's B群,
    /// 醫療級; a pet supplement's 魚油).
    func infer(matches: DistinctMatcher) -> Evidence {
        var result = Evidence()
        for definition in catalog.definitions {
            let decisive = matches(definition.decisiveSignals)
            let strong = decisive + matches(definition.strongSignals).filter { !decisive.contains($0) }
            let weak = matches(definition.weakSignals)
            if !decisive.isEmpty { result.decisive[definition.id] = Array(decisive.prefix(Self.maxEvidence)) }
            if strong.count >= 1 || weak.count >= 2 {
                result.inferred[definition.id] = Array((strong + weak.filter { !strong.contains($0) }).prefix(Self.maxEvidence))
                if strong.isEmpty { result.weakOnly.insert(definition.id) }
            } else if weak.count == 1 {
                result.hints[definition.id] = weak
            }
        }
        for sector in result.decisive.keys.sorted() {
            guard let definition = catalog.definition(sector) else { continue }
            for other in definition.outranks where result.decisive[other] == nil {
                guard let words = result.inferred[other] ?? result.hints[other] ?? result.outranked[other]?.words else { continue }
                result.inferred[other] = nil
                result.hints[other] = nil
                result.weakOnly.remove(other)
                result.outranked[other] = (words, (result.outranked[other]?.by ?? []) + [sector])
            }
        }
        return result
    }

    /// The regexes `infer` asks `matches` about.
    func signals() -> [any CompiledRegex] {
        catalog.definitions.flatMap(\.signals)
    }

    static func distinctMatches(_ regex: (any CompiledRegex)?, in segments: [PreparedSegment],
                                scratch: any RegexScratch) -> [String] {
        guard let regex else { return [] }
        var seen: [String] = []
        for segment in segments.candidates(for: regex) {
            var position = 0
            var search = SegmentSearch(regex, in: segment)
            while position < segment.buffer.count, seen.count < Self.maxEvidence {
                guard let m = try? search.firstMatch(from: position, scratch: scratch),
                      !m.range.isEmpty else { break }
                let text = segment.text(m.range)
                if !seen.contains(text) { seen.append(text) }
                position = m.range.upperBound
            }
        }
        return seen
    }
}
