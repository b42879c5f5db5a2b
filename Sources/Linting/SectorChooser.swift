import LintCore

/// Decides which sectors a document is checked for, and says why: the one place where
/// sectors are decided. In order: sectors forced for the run (`--sector`), the document's
/// front matter, the config's `sectors:` globs for its path, else what the copy sells
/// (`SectorInference`), else none (only rules for every sector run).
struct SectorChooser {
    let catalog: SectorCatalog
    /// Whether some rule runs only for some sectors (else there is nothing to say when none is found).
    var hasSectorRules = true

    /// The front matter's sectors, each written as an id, a name or an alias (`食品`). An
    /// unknown one is an error for the file (exit 2), with a "did you mean": a typo must
    /// never switch sector rules off in silence.
    func declaredSectors(of document: ExtractedDocument, diagnostics: inout [Diagnostic]) -> [Sector] {
        var out: [Sector] = []
        for written in document.declaredSectors {
            if let sector = catalog.resolve(written.rawValue) {
                if !out.contains(sector) { out.append(sector) }
                continue
            }
            diagnostics.append(Diagnostic(code: .unknownSector, level: .error, path: document.path,
                                          line: document.metadataLine("sector") ?? document.metadataLine("sectors") ?? 1, column: 1,
                                          message: catalog.unknownSectorMessage(written.rawValue, in: "in the front matter")
                                              + ". Fix the front matter: this file was checked without it"))
        }
        return out
    }

    /// Whether `decide` reads the copy (no sector forced, declared or configured).
    func infers(declared: [Sector], options: LintOptions) -> Bool {
        options.sectors.isEmpty && declared.isEmpty && options.pathSectors.isEmpty && options.inferSectors
    }

    func decide(_ document: ExtractedDocument, declared: [Sector], options: LintOptions,
                diagnostics: inout [Diagnostic], matches: DistinctMatcher) -> SectorDecision {
        // `none` declares that the copy sells nothing of a regulated sector.
        func declaredOnly(_ sectors: [Sector]) -> [Sector] { sectors.filter { $0 != .none } }
        if !options.sectors.isEmpty { return SectorDecision(sectors: declaredOnly(options.sectors), source: .option) }
        if !declared.isEmpty { return SectorDecision(sectors: declaredOnly(declared), source: .frontMatter) }
        if !options.pathSectors.isEmpty { return SectorDecision(sectors: declaredOnly(options.pathSectors), source: .config) }
        guard options.inferSectors else { return SectorDecision(sectors: [], source: .none) }
        let found = SectorInference(catalog: catalog).infer(matches: matches)
        let evidence = found.inferred
        // Never a false all-clear: a sector that one weak signal hints at, or that only weak
        // signals inferred, is a guess, and the note says so.
        let hinted = found.hints.keys.sorted().map { "\($0.rawValue)（\(found.hints[$0]!.joined(separator: "、"))）" }
        let hintNote = hinted.isEmpty ? "" : "; one weak signal hinted at \(hinted.joined(separator: "、")), too little to infer a sector, so whether the copy sells it is a guess and its rules did not run"
        let outrankNote = Self.outrankNote(found, catalog: catalog)
        guard !evidence.isEmpty else {
            if hasSectorRules && !document.segments.isEmpty {
                diagnostics.append(Diagnostic(code: .sectorsNone, level: .note, path: document.path,
                                              message: "no product sector found in the copy: rules for every product and the cross-sector claim rules ran, the sector rules (\(catalog.definitions.map(\.id.rawValue).joined(separator: ", "))) did not\(hintNote); declare `sector:` in front matter or pass --sector if the copy sells one of these"))
            }
            return SectorDecision(sectors: [], source: .none)
        }
        let sectors = evidence.keys.sorted()
        let described = sectors.map { "\($0.rawValue)（\(evidence[$0]!.joined(separator: "、"))）" }.joined(separator: "、")
        let guessed = sectors.filter { found.weakOnly.contains($0) }.map(\.rawValue)
        let guessNote = guessed.isEmpty ? "" : "; \(guessed.joined(separator: ", ")) inferred from weak signals only: a guess"
        diagnostics.append(Diagnostic(code: .sectorsInferred, level: .note, path: document.path,
                                      message: "sectors inferred from the copy: \(described)\(guessNote)\(outrankNote)\(hintNote); declare `sector:` in front matter or pass --sector to override"))
        return SectorDecision(sectors: sectors, source: .inferred, evidence: evidence)
    }

    /// What the note says of outranked sectors: their words, who outranks them and why,
    /// and that their rules did not run (never a silent all-clear).
    static func outrankNote(_ found: SectorInference.Evidence, catalog: SectorCatalog) -> String {
        guard !found.outranked.isEmpty else { return "" }
        var byDecider: [[Sector]: [Sector]] = [:]
        for (sector, entry) in found.outranked { byDecider[entry.by.sorted(), default: []].append(sector) }
        return byDecider.keys.sorted { $0.map(\.rawValue).joined() < $1.map(\.rawValue).joined() }.map { deciders in
            let outranked = byDecider[deciders]!.sorted()
            let words = outranked.map { "\($0.rawValue)（\(found.outranked[$0]!.words.joined(separator: "、"))）" }.joined(separator: "、")
            let deciding = deciders.map { catalog.definition($0)?.name ?? $0.rawValue }.joined(separator: "、")
            return "; \(words) also matched but \(outranked.count == 1 ? "was" : "were") not used: the decisive signals of \(deciders.map(\.rawValue).joined(separator: ", ")) mark the copy as a product of \(deciding), whose wording this is too, so \(outranked.count == 1 ? "its" : "their") rules did not run"
        }.joined()
    }
}
