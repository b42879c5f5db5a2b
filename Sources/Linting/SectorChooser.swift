import LintCore

/// Decides which sectors a document is checked for, and says why: the one place where
/// sectors are decided. In order: sectors forced for the run (`--sector`), the document's
/// front matter, the config's `sectors:` globs for its path, else what the copy sells
/// (`SectorInference`), else none (only rules for every sector run).
struct SectorChooser {
    let catalog: SectorCatalog
    /// Whether some rule runs only for some sectors (else there is nothing to say when none is found).
    var hasSectorRules = true

    /// The front matter's sectors that the rule pack knows; each unknown one is ignored
    /// with a warning.
    func declaredSectors(of document: ExtractedDocument, diagnostics: inout [Diagnostic]) -> [Sector] {
        document.declaredSectors.filter { sector in
            if catalog.isKnown(sector) && sector != .all { return true }
            diagnostics.append(Diagnostic(code: .unknownSector, level: .warning, path: document.path, line: 1, column: 1,
                                          message: "unknown sector `\(sector)` in the front matter was ignored"))
            return false
        }
    }

    func decide(_ document: ExtractedDocument, declared: [Sector], prepared: [PreparedSegment], options: LintOptions,
                scratch: any RegexScratch, diagnostics: inout [Diagnostic]) -> SectorDecision {
        if !options.sectors.isEmpty { return SectorDecision(sectors: options.sectors, source: .option) }
        if !declared.isEmpty { return SectorDecision(sectors: declared, source: .frontMatter) }
        if !options.pathSectors.isEmpty { return SectorDecision(sectors: options.pathSectors, source: .config) }
        guard options.inferSectors else { return SectorDecision(sectors: [], source: .none) }
        let evidence = SectorInference(catalog: catalog).infer(prepared, scratch: scratch)
        guard !evidence.isEmpty else {
            if hasSectorRules && !document.segments.isEmpty {
                diagnostics.append(Diagnostic(code: .sectorsNone, level: .note, path: document.path,
                                              message: "no product sector found in the copy: rules for every product and the cross-sector claim rules ran, the sector rules (\(catalog.definitions.map(\.id.rawValue).joined(separator: ", "))) did not; declare `sector:` in front matter or pass --sector if the copy sells one of these"))
            }
            return SectorDecision(sectors: [], source: .none)
        }
        let sectors = evidence.keys.sorted()
        let described = sectors.map { "\($0.rawValue)（\(evidence[$0]!.joined(separator: "、"))）" }.joined(separator: "、")
        diagnostics.append(Diagnostic(code: .sectorsInferred, level: .note, path: document.path,
                                      message: "sectors inferred from the copy: \(described); declare `sector:` in front matter or pass --sector to override"))
        return SectorDecision(sectors: sectors, source: .inferred, evidence: evidence)
    }
}
