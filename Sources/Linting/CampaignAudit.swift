import LintCore

/// Turns lint results into an audit: a verdict per file and for the campaign, decided by
/// the most serious finding or open checklist item.
///
/// - block: an error finding (forbidden outright);
/// - needs review: a warning finding, an open checklist item, or a file that could not be read;
/// - publish: nothing above (info findings are listed for the reviewer, but do not hold the campaign).
public enum CampaignAudit {
    /// The audit of a run: `results` give each file's checklists and sectors; `open` are the
    /// findings that count after suppressions, claims and the baseline; `waived` those that
    /// do not. `rules` describes every rule that may appear (pattern rules and built-in checks).
    public static func build(title: String, generatedAt: String, toolVersion: String, ruleSet: RuleSet,
                             rules: [RuleDescriptor], results: [DocumentResult], open: [Finding],
                             diagnostics: [Diagnostic]) -> AuditReport {
        var descriptors = Dictionary(uniqueKeysWithValues: ruleSet.rules.map { ($0.id, $0.descriptor) })
        for rule in rules { descriptors[rule.id] = rule }
        // Checklist rules report through their checklists, not as findings.
        let checklistIDs = Set(ruleSet.rules.filter { $0.pattern.kind == .checklist }.map(\.id))
        let counted = open.filter { !checklistIDs.contains($0.ruleID) }
        let byPath = Dictionary(grouping: counted, by: \.path)
        var files: [AuditFile] = results.map { result in
            let findings = byPath[result.path] ?? []
            return AuditFile(path: result.path, format: result.format, sectors: result.sectors.sectors,
                             sectorSource: result.sectors.source.rawValue,
                             verdict: verdict(findings: findings, checklists: result.checklists, rules: descriptors),
                             findingCount: findings.count, readable: true)
        }
        let unreadable = diagnostics.filter { $0.level == .error && $0.code.isReadFailure }
        for diagnostic in unreadable where !files.contains(where: { $0.path == diagnostic.path }) {
            files.append(AuditFile(path: diagnostic.path, format: "-", sectors: [], sectorSource: "none",
                                   verdict: Verdict(level: .needsReview, ruleID: nil, reason: "無法讀取，未經檢查：\(diagnostic.message)"),
                                   findingCount: 0, readable: false))
        }
        files.sort { $0.path < $1.path }
        let worst = files.max { a, b in a.verdict.level < b.verdict.level || (a.verdict.level == b.verdict.level && a.path > b.path) }
        var campaign = Verdict(level: .publish, ruleID: nil, reason: "未發現須修改或審閱之事項。")
        if let worst, worst.verdict.level > .publish {
            campaign = Verdict(level: worst.verdict.level, ruleID: worst.verdict.ruleID, reason: "\(worst.path)：\(worst.verdict.reason)")
        }
        let findings = counted.sorted(by: Finding.stableOrder)
        let checklists = results.flatMap(\.checklists).sorted {
            ($0.path, $0.line, $0.ruleID.rawValue) < ($1.path, $1.line, $1.ruleID.rawValue)
        }
        let used = Set(findings.map(\.ruleID) + checklists.map(\.ruleID))
        var report = AuditReport(title: title, generatedAt: generatedAt, toolVersion: toolVersion, rulePackVersion: ruleSet.version,
                                 rulesLoaded: ruleSet.rules.count, verdict: campaign, files: files, findings: findings,
                                 checklists: checklists, rules: descriptors.filter { used.contains($0.key) }, unreadable: unreadable)
        report.lawsAsOf = ruleSet.lawsAsOf
        report.inactiveRules = ruleSet.inactiveRules
        return report
    }

    /// The verdict of one file.
    public static func verdict(findings: [Finding], checklists: [ChecklistResult],
                               rules: [RuleID: RuleDescriptor]) -> Verdict {
        // The rule id is shown beside the reason, so the reason names the rule in words.
        func name(_ id: RuleID) -> String { rules[id]?.name ?? id.rawValue }
        let ordered = findings.sorted(by: Finding.stableOrder)
        if let error = ordered.first(where: { $0.severity == .error }) {
            let count = ordered.filter { $0.severity == .error }.count
            return Verdict(level: .block, ruleID: error.ruleID,
                           reason: "\(name(error.ruleID))：第\(error.start.line)行「\(error.matchedText)」；共\(count)項禁止事項")
        }
        if let warning = ordered.first(where: { $0.severity == .warning }) {
            let count = ordered.filter { $0.severity == .warning }.count
            return Verdict(level: .needsReview, ruleID: warning.ruleID,
                           reason: "\(name(warning.ruleID))：第\(warning.start.line)行「\(warning.matchedText)」；共\(count)項須佐證或揭露")
        }
        if let open = checklists.first(where: { !$0.isComplete }) {
            let items = open.items.filter { !$0.met }.map(\.label)
            return Verdict(level: .needsReview, ruleID: open.ruleID,
                           reason: "\(open.element)檢核未完成：\(items.joined(separator: "；"))")
        }
        let infos = ordered.count
        return Verdict(level: .publish, ruleID: nil,
                       reason: infos == 0 ? "未發現須修改或審閱之事項。" : "僅有\(infos)項提醒（info），請審閱者參考。")
    }
}
