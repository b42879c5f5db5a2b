import LintCore

extension RuleSetLoader {
    /// Adds a law read from a later folder: its fields replace the earlier entry's, its
    /// articles replace those with the same provision and add the rest.
    static func merge(_ entry: LawEntry, _ newVias: [LawFile.PendingVia], into laws: inout [String: LawEntry],
                      _ vias: inout [LawFile.PendingVia]) {
        var merged = entry
        if let earlier = laws[entry.pcode] {
            let replaced = Set(entry.articles.map(\.provision))
            vias.removeAll { $0.pcode == entry.pcode && replaced.contains($0.article) }
            merged.articles = (earlier.articles.filter { !replaced.contains($0.provision) } + entry.articles)
                .sorted { $0.provision < $1.provision }
            let dates = Set(entry.versions.map(\.promulgated))
            merged.versions = (earlier.versions.filter { !dates.contains($0.promulgated) } + entry.versions)
                .sorted { $0.promulgated < $1.promulgated }
        }
        laws[entry.pcode] = merged
        vias += newVias
    }

    /// Resolves every `penalty-via` once all laws are known: the provisions must be in the
    /// table, and following them must never lead back to where it started.
    static func resolveVias(_ vias: [LawFile.PendingVia], in laws: inout [String: LawEntry]) -> [RuleFileError] {
        var errors: [RuleFileError] = []
        let table = LawTable(Array(laws.values))
        for via in vias {
            do {
                let cited = try CitationSyntax.parse(via.text, table: table, file: via.file, key: "penalty-via")
                guard var law = laws[via.pcode],
                      let a = law.articles.firstIndex(where: { $0.provision == via.article }),
                      let v = law.articles[a].versions.firstIndex(where: { $0.since == via.since }) else { continue }
                law.articles[a].versions[v].penaltyVia.append(cited)
                laws[via.pcode] = law
            } catch {
                errors.append(error)
            }
        }
        // Cycles: follow every edge from every article, a bounded number of steps.
        let resolved = LawTable(Array(laws.values))
        for via in vias {
            var frontier = [(via.pcode, via.article)]
            for _ in 0..<6 {
                var next: [(String, Provision)] = []
                for (pcode, provision) in frontier {
                    guard let law = resolved[pcode], let entry = law.entry(covering: provision) else { continue }
                    for version in entry.versions {
                        for target in version.penaltyVia {
                            for p in target.provisions { next.append((target.pcode, resolved[target.pcode]?.entry(covering: p)?.provision ?? p)) }
                        }
                    }
                }
                if next.contains(where: { $0.0 == via.pcode && $0.1 == via.article }) {
                    errors.append(RuleFileError(file: via.file, line: via.text.line, column: via.text.column,
                                                kind: .invalid("`penalty-via` leads back to \(via.article): name the penalty article itself")))
                    break
                }
                frontier = next
            }
        }
        return errors
    }
}
