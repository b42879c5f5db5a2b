import LintCore

/// Turns lint results into an audit: a verdict per file and for the campaign. A campaign
/// may be published only when everything was checked and nothing is open:
///
/// - block: an error finding (forbidden outright), baselined or not;
/// - needs review: a warning finding, a finding known only from the baseline (a developer's
///   record, not a legal approval), an open checklist item, a file that could not be read,
///   a file skipped (a format adlaw does not read), a file whose sector is unknown while
///   sector rules exist, or no readable file at all;
/// - publish: nothing above (info findings are listed for the reviewer, but do not hold the
///   campaign).
public enum CampaignAudit {
    /// The audit of a run: `results` give each file's checklists and sectors; `open` are the
    /// findings that count after suppressions, claims and the baseline; `known` those the
    /// baseline accepted (they count in an audit, shown as known, not approved); `skipped`
    /// every input left out. `rules` describes every rule that may appear (pattern rules and
    /// built-in checks).
    public static func build(title: String, generatedAt: String, toolVersion: String, ruleSet: RuleSet,
                             rules: [RuleDescriptor], results: [DocumentResult], open: [Finding],
                             diagnostics: [Diagnostic], known: [Finding] = [], skipped: [SkippedInput] = []) -> AuditReport {
        build(title: title, generatedAt: generatedAt, toolVersion: toolVersion, ruleSet: ruleSet,
              index: RuleIndex(ruleSet: ruleSet, rules: rules), results: results, open: open,
              diagnostics: diagnostics, known: known, skipped: skipped)
    }

    /// What an audit needs to know of the rules, worked out once per rule set and selection:
    /// a run that audits many small documents (`--jsonl`, the server) must not walk every
    /// rule for each of them.
    public struct RuleIndex: Sendable {
        /// Every rule's descriptor; `rules` (with the config's severities) override the pack's.
        let descriptors: [RuleID: RuleDescriptor]
        /// Checklist rules report through their checklists, not as findings.
        let checklistIDs: Set<RuleID>
        let sectorRulesExist: Bool

        public init(ruleSet: RuleSet, rules: [RuleDescriptor]) {
            var descriptors = Dictionary(uniqueKeysWithValues: ruleSet.rules.map { ($0.id, $0.descriptor) })
            for rule in rules { descriptors[rule.id] = rule }
            self.descriptors = descriptors
            checklistIDs = Set(ruleSet.rules.filter { $0.pattern.kind == .checklist }.map(\.id))
            sectorRulesExist = ruleSet.rules.contains { !$0.appliesToAllSectors }
        }
    }

    /// The audit of a run, with the rules' index worked out beforehand (`RuleIndex`).
    public static func build(title: String, generatedAt: String, toolVersion: String, ruleSet: RuleSet,
                             index: RuleIndex, results: [DocumentResult], open: [Finding],
                             diagnostics: [Diagnostic], known: [Finding] = [], skipped: [SkippedInput] = []) -> AuditReport {
        let descriptors = index.descriptors
        let counted = (open + known).filter { !index.checklistIDs.contains($0.ruleID) }
        let knownSet = Set(known)
        let byPath = Dictionary(grouping: counted, by: \.path)
        let sectorRulesExist = index.sectorRulesExist
        var files: [AuditFile] = results.map { result in
            let findings = byPath[result.path] ?? []
            // Checklists belong to the campaign (one document may answer what another raises):
            // they decide the campaign's verdict, not a file's.
            var verdict = verdict(findings: findings, checklists: [], rules: descriptors, known: knownSet)
            let sectorUnknown = sectorRulesExist && result.sectors.source == .none
            if sectorUnknown, verdict.level == .publish {
                verdict = Verdict(level: .needsReview, ruleID: nil, reason: Self.sectorUnknownReason)
            }
            if result.kind.downgraded > 0, verdict.level == .publish {
                verdict = Verdict(level: .needsReview, ruleID: nil, reason: Self.readAsArticleReason)
            }
            var file = AuditFile(path: result.path, format: result.format, sectors: result.sectors.sectors,
                                 sectorSource: result.sectors.source.rawValue, verdict: verdict,
                                 findingCount: findings.count, readable: true)
            file.channels = result.channels.channels
            file.channelSource = result.channels.source.rawValue
            file.knownCount = findings.filter { knownSet.contains($0) }.count
            file.sectorUnknown = sectorUnknown
            file.readAsArticle = result.kind.downgraded
            return file
        }
        let unreadable = diagnostics.filter { $0.level == .error && $0.code.isReadFailure }
        for diagnostic in unreadable where !files.contains(where: { $0.path == diagnostic.path }) {
            files.append(AuditFile(path: diagnostic.path, format: "-", sectors: [], sectorSource: "none",
                                   verdict: Verdict(level: .needsReview, ruleID: nil, reason: "無法讀取，未經檢查：\(diagnostic.message)"),
                                   findingCount: 0, readable: false))
        }
        // A file that was read but not as written (an unknown sector in its front matter).
        let readPaths = Set(files.map(\.path))
        let inputErrors = diagnostics.filter { $0.level == .error && !$0.code.isReadFailure && readPaths.contains($0.path) }
        for diagnostic in inputErrors {
            guard let index = files.firstIndex(where: { $0.path == diagnostic.path }), files[index].verdict.level == .publish else { continue }
            files[index].verdict = Verdict(level: .needsReview, ruleID: nil, reason: "檔案設定有誤：\(diagnostic.message)")
        }
        files.sort { $0.path < $1.path }
        let checklists = campaignChecklists(results.flatMap(\.checklists))
        let campaign = campaignVerdict(files: files, skipped: skipped, checklists: checklists)
        let findings = counted.sorted(by: Finding.stableOrder)
        let used = Set(findings.map(\.ruleID) + checklists.map(\.ruleID))
        var report = AuditReport(title: title, generatedAt: generatedAt, toolVersion: toolVersion, rulePackVersion: ruleSet.version,
                                 rulesLoaded: ruleSet.rules.count, verdict: campaign, files: files, findings: findings,
                                 checklists: checklists, rules: Dictionary(uniqueKeysWithValues: used.compactMap { id in descriptors[id].map { (id, $0) } }),
                                 unreadable: unreadable)
        report.lawsAsOf = ruleSet.lawsAsOf
        report.inactiveRules = ruleSet.inactiveRules
        report.known = knownSet
        report.skipped = skipped
        report.sectorRulesExist = sectorRulesExist
        report.sectorNames = Dictionary(uniqueKeysWithValues: ruleSet.sectors.definitions.map { ($0.id, $0.name) })
        return report
    }

    static let readAsArticleReason = "本文讀來為衛教或報導文章，非銷售文案，健康宣稱僅列為提示；請確認本文未用於廣告、銷售頁或導購（無價格、購買連結、自家產品），否則各宣稱即屬違規；若為廣告，請於文件開頭宣告 kind: ad（或以 --kind ad 指定）後重新審閱。"

    static let sectorUnknownReason = "未能判定行業別，食品、化粧品、藥品等行業規則未執行；請於文件開頭宣告 sector（或以 --sector 指定；無受管制商品者宣告 sector: none）後重新審閱。"

    /// The campaign's verdict: the worst file decides; then the campaign's checklists (an
    /// item open or not shown by the text); files not checked at all (skipped, or none read)
    /// hold a campaign that would otherwise be published.
    static func campaignVerdict(files: [AuditFile], skipped: [SkippedInput], checklists: [ChecklistResult] = []) -> Verdict {
        let worst = files.max { a, b in a.verdict.level < b.verdict.level || (a.verdict.level == b.verdict.level && a.path > b.path) }
        if let worst, worst.verdict.level > .publish {
            return Verdict(level: worst.verdict.level, ruleID: worst.verdict.ruleID, reason: "\(worst.path)：\(worst.verdict.reason)")
        }
        if let verdict = checklistVerdict(checklists) { return verdict }
        if !files.contains(where: \.readable) {
            return Verdict(level: .needsReview, ruleID: nil, reason: "沒有讀取到任何可檢查的檔案，本次未檢查任何文案。")
        }
        let unchecked = skipped.filter { !$0.reason.isDeliberate }
        if !unchecked.isEmpty {
            let names = unchecked.prefix(5).map(\.path).joined(separator: "、") + (unchecked.count > 5 ? "等" : "")
            return Verdict(level: .needsReview, ruleID: nil,
                           reason: "有\(unchecked.count)個檔案未經檢查（\(names)）：圖片、影片與不支援的格式須由審閱者自行確認。")
        }
        return Verdict(level: .publish, ruleID: nil, reason: "所有檔案均已檢查，未發現須修改或審閱之事項。")
    }

    /// The verdict of one file. Findings in `known` were accepted only by the baseline: they
    /// count, and the reason says they are known, not approved.
    public static func verdict(findings: [Finding], checklists: [ChecklistResult],
                               rules: [RuleID: RuleDescriptor], known: Set<Finding> = []) -> Verdict {
        // The rule id is shown beside the reason, so the reason names the rule in words.
        func name(_ id: RuleID) -> String { rules[id]?.name ?? id.rawValue }
        func note(_ finding: Finding) -> String { known.contains(finding) ? "（基準線既有，未經核可）" : "" }
        let ordered = findings.sorted(by: Finding.stableOrder)
        if let error = ordered.first(where: { $0.severity == .error }) {
            let count = ordered.filter { $0.severity == .error }.count
            return Verdict(level: .block, ruleID: error.ruleID,
                           reason: "\(name(error.ruleID))：第\(error.start.line)行「\(error.matchedText)」\(note(error))；共\(count)項禁止事項")
        }
        if let warning = ordered.first(where: { $0.severity == .warning }) {
            let count = ordered.filter { $0.severity == .warning }.count
            return Verdict(level: .needsReview, ruleID: warning.ruleID,
                           reason: "\(name(warning.ruleID))：第\(warning.start.line)行「\(warning.matchedText)」\(note(warning))；共\(count)項須佐證或揭露")
        }
        if let verdict = checklistVerdict(checklists) { return verdict }
        let infos = ordered.count
        return Verdict(level: .publish, ruleID: nil,
                       reason: infos == 0 ? "未發現須修改或審閱之事項。" : "僅有\(infos)項提醒（info），請審閱者參考。")
    }

    /// Needs review when a checklist item is open, or cannot be told from the text.
    static func checklistVerdict(_ checklists: [ChecklistResult]) -> Verdict? {
        if let open = checklists.first(where: { !$0.openItems.isEmpty }) {
            return Verdict(level: .needsReview, ruleID: open.ruleID,
                           reason: "\(open.element)檢核未完成：\(open.openItems.map(\.label).joined(separator: "；"))")
        }
        if let uncertain = checklists.first(where: { !$0.uncertainItems.isEmpty }) {
            let items = uncertain.uncertainItems
            return Verdict(level: .needsReview, ruleID: uncertain.ruleID,
                           reason: "\(uncertain.element)檢核有\(items.count)項無法由文案判斷，須由審閱者確認：\(items.map(\.label).joined(separator: "；"))")
        }
        return nil
    }

    /// The checklists of a campaign: each element once, over every document that mentions
    /// it. An item is open when a rule it names fired in any document; met when any
    /// document shows it (the evidence names the file when several hold the element);
    /// otherwise open when a phrase is missing everywhere, or not shown by the text.
    public static func campaignChecklists(_ lists: [ChecklistResult]) -> [ChecklistResult] {
        let sorted = lists.sorted { ($0.path, $0.line, $0.ruleID.rawValue) < ($1.path, $1.line, $1.ruleID.rawValue) }
        var order: [RuleID] = []
        var groups: [RuleID: [ChecklistResult]] = [:]
        for list in sorted {
            if groups[list.ruleID] == nil { order.append(list.ruleID) }
            groups[list.ruleID, default: []].append(list)
        }
        return order.map { id in
            let group = groups[id] ?? []
            var merged = group[0]
            merged.paths = group.map(\.path).reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
            let several = merged.paths.count > 1
            var labels: [String] = []
            var byLabel: [String: [(path: String, item: ChecklistItemResult)]] = [:]
            for list in group {
                for item in list.items {
                    if byLabel[item.label] == nil { labels.append(item.label) }
                    byLabel[item.label, default: []].append((list.path, item))
                }
            }
            merged.items = labels.map { label in
                let entries = byLabel[label] ?? []
                func quoted(_ pick: [(path: String, item: ChecklistItemResult)], _ key: KeyPath<ChecklistItemResult, [String]>) -> [String] {
                    pick.flatMap { entry in entry.item[keyPath: key].map { several ? "\(entry.path)：\($0)" : $0 } }
                        .reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
                }
                let first = entries[0].item
                let figures = quoted(entries, \.figures)
                let contradicted = entries.filter { $0.item.contradicted }
                if !contradicted.isEmpty {
                    return ChecklistItemResult(label: label, state: .open, evidence: quoted(contradicted, \.evidence), figures: figures,
                                               contradicted: true)
                }
                let met = entries.filter { $0.item.state == .met }
                if !met.isEmpty {
                    return ChecklistItemResult(label: label, state: .met, evidence: quoted(met, \.evidence), figures: figures)
                }
                if let uncertain = entries.first(where: { $0.item.state == .cannotTell }) {
                    return ChecklistItemResult(label: label, state: .cannotTell, evidence: [], figures: figures,
                                               confirm: uncertain.item.confirm)
                }
                return ChecklistItemResult(label: label, state: first.state, evidence: [], figures: figures)
            }
            return merged
        }
    }
}
