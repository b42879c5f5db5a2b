import LintCore

/// Claims first (issue 13; docs/rules.md "Claims first"): the sector decides which law a
/// finding cites and its severity, never whether the claim is seen.
///
/// A cross-sector rule with `defers-to:` or `may-be-lawful-in:` runs on every document.
/// On a document of one of those sectors (the deciding sectors), after every rule has run:
/// 1. its finding is dropped where a finding of a rule of a deciding sector (a rule that
///    names the sector in `sectors:`, not `all`, and finds spans: a `requires` rule's
///    trigger or a checklist does not count) overlaps its span:
///    that finding stands, with the sector's citation and severity;
/// 2. otherwise it stays, with a note naming each deciding sector's law (`claims-law:` in
///    `Rules/sectors.yaml`); where every deciding sector is `may-be-lawful-in`, it is
///    lowered to info, since a licence or an officially allowed phrase may make the claim
///    lawful there ("check the licence").
/// The step looks only at findings, in their stable order, so it is deterministic.
struct ClaimsFirst {
    let catalog: SectorCatalog

    /// What a finding lowered on such a sector's document says.
    static func licenceNote(_ names: [String]) -> String {
        "本文件屬\(names.joined(separator: "、"))：此宣稱在許可證、核准範圍或主管機關公告得使用之詞句內可能合法，故列為提示；請核對許可證、核准內容或公告詞句，超出者仍屬違規。"
    }

    func apply(_ findings: inout [Finding], rules: [Rule], active: Set<Sector>) {
        guard !active.isEmpty, rules.contains(where: { !$0.deference.isEmpty }) else { return }
        var byID: [RuleID: Rule] = [:]
        for rule in rules { byID[rule.id] = rule }
        // Findings of sector rules by segment, each with the sectors of its rule that are active.
        var sectorSpans: [Int: [(range: Range<Int>, sectors: [Sector])]] = [:]
        for finding in findings {
            guard let rule = byID[finding.ruleID], !rule.appliesToAllSectors, case .span = rule.pattern else { continue }
            let sectors = rule.sectors.filter { active.contains($0) }
            guard !sectors.isEmpty else { continue }
            sectorSpans[finding.segmentIndex, default: []].append((finding.byteRange, sectors))
        }
        var kept: [Finding] = []
        kept.reserveCapacity(findings.count)
        for var finding in findings {
            guard let rule = byID[finding.ruleID], !rule.deference.isEmpty else {
                kept.append(finding)
                continue
            }
            let deciding = rule.deference.sectors.filter { active.contains($0) }.sorted()
            guard !deciding.isEmpty else {
                kept.append(finding)
                continue
            }
            let seen = sectorSpans[finding.segmentIndex, default: []].contains { span in
                Self.overlap(span.range, finding.byteRange) && span.sectors.contains { deciding.contains($0) }
            }
            if seen { continue }
            for sector in deciding {
                guard let definition = catalog.definition(sector), let law = definition.claimsLaw else { continue }
                finding.notes.append("\(definition.name)：\(law)")
            }
            let licensed = deciding.filter { rule.deference.mayBeLawfulIn.contains($0) }
            if licensed.count == deciding.count, finding.severity > .info {
                finding.severity = .info
                finding.notes.append(Self.licenceNote(licensed.map { catalog.definition($0)?.name ?? $0.rawValue }))
            }
            kept.append(finding)
        }
        findings = kept
    }

    /// Whether two spans share a byte; an empty span overlaps a span it lies inside.
    static func overlap(_ a: Range<Int>, _ b: Range<Int>) -> Bool {
        if a.isEmpty || b.isEmpty {
            return a.lowerBound >= b.lowerBound && a.lowerBound <= b.upperBound || b.lowerBound >= a.lowerBound && b.lowerBound <= a.upperBound
        }
        return a.overlaps(b)
    }
}
