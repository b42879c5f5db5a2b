import LintCore
import PatternSearch

/// The distinct texts (at most `SectorInference.maxEvidence`) a regex matches in a
/// document, in document order; nothing for `nil`.
typealias DistinctMatcher = ((any CompiledRegex)?) -> [String]

/// Infers what a document sells from signal words (`Rules/sectors.yaml`): one strong
/// signal (膠囊, 精華液) or two different weak ones infer a sector.
struct SectorInference {
    let catalog: SectorCatalog
    static let maxEvidence = 5

    /// What the copy says about each sector: the sectors inferred with their words, those of them
    /// inferred from weak signals only (a guess), and the sectors one weak signal hints at but
    /// cannot infer (the copy may sell one, and its rules did not run).
    struct Evidence {
        var inferred: [Sector: [String]] = [:]
        var weakOnly: Set<Sector> = []
        var hints: [Sector: [String]] = [:]
    }

    func infer(_ segments: [PreparedSegment], scratch: any RegexScratch) -> Evidence {
        infer { Self.distinctMatches($0, in: segments, scratch: scratch) }
    }

    /// The same, with the document's distinct matches of a regex found by `matches`.
    func infer(matches: DistinctMatcher) -> Evidence {
        var result = Evidence()
        for definition in catalog.definitions {
            let strong = matches(definition.strongSignals)
            let weak = matches(definition.weakSignals)
            if strong.count >= 1 || weak.count >= 2 {
                result.inferred[definition.id] = Array((strong + weak.filter { !strong.contains($0) }).prefix(Self.maxEvidence))
                if strong.isEmpty { result.weakOnly.insert(definition.id) }
            } else if weak.count == 1 {
                result.hints[definition.id] = weak
            }
        }
        return result
    }

    /// The regexes `infer` asks `matches` about.
    func signals() -> [any CompiledRegex] {
        catalog.definitions.flatMap { [$0.strongSignals, $0.weakSignals].compactMap { $0 } }
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
