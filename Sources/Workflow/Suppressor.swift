import LintCore

/// Applies suppression directives to findings and reports the directives that cannot or
/// did not do anything. A directive takes effect only when it names at least one loaded
/// rule and gives a reason; one that suppresses nothing is reported as unused.
struct Suppressor {
    /// Every rule that exists (loaded pattern rules and built-in checks).
    let knownRules: [RuleID]
    /// The rules that ran in this run.
    let selectedRules: Set<RuleID>

    struct Result {
        var open: [Finding]
        var suppressed: [WaivedFinding]
        var records: [SuppressionRecord]
        /// Findings about the directives themselves (before built-in check settings).
        var problems: [(RuleID, SuppressionDirective, String)]
    }

    func apply(_ findings: [Finding], directives: [SuppressionDirective]) -> Result {
        let byPath = Dictionary(grouping: directives, by: \.path)
        var usage = [Int](repeating: 0, count: directives.count)
        let index = Dictionary(uniqueKeysWithValues: directives.enumerated().map { ($0.element, $0.offset) })
        var rejection: [SuppressionDirective: String] = [:]
        for directive in directives {
            if let reason = rejectionReason(directive) { rejection[directive] = reason }
        }

        var open: [Finding] = []
        var suppressed: [WaivedFinding] = []
        for finding in findings {
            let candidates = byPath[finding.path] ?? []
            // A finding inside a directive is about the directive's own words (its reason).
            if candidates.contains(where: { $0.sourceRange.map { $0.contains(finding.byteRange.lowerBound) } ?? false }) {
                continue
            }
            if let directive = candidates.first(where: { rejection[$0] == nil && $0.names(finding.ruleID) && $0.covers(finding) }) {
                suppressed.append(WaivedFinding(finding: finding, waiver: .suppressed(directive)))
                usage[index[directive]!] += 1
            } else {
                open.append(finding)
            }
        }

        var records: [SuppressionRecord] = []
        var problems: [(RuleID, SuppressionDirective, String)] = []
        for (offset, directive) in directives.enumerated() {
            if let reason = rejection[directive] {
                records.append(SuppressionRecord(directive: directive, status: .rejected, suppressed: 0, problem: reason))
                let check = directive.problem == .missingReason ? BuiltInChecks.missingReason : BuiltInChecks.invalid
                problems.append((check, directive, reason))
            } else if usage[offset] > 0 {
                records.append(SuppressionRecord(directive: directive, status: .applied, suppressed: usage[offset]))
            } else if selectedRules.contains(where: { directive.names($0) }) {
                let reason = "這則抑制沒有抑制任何發現：\(directive.rules.joined(separator: "、")) 在它涵蓋的範圍內沒有發現"
                records.append(SuppressionRecord(directive: directive, status: .unused, suppressed: 0, problem: reason))
                problems.append((BuiltInChecks.unused, directive, reason))
            } else {
                records.append(SuppressionRecord(directive: directive, status: .idle, suppressed: 0))
            }
        }
        return Result(open: open, suppressed: suppressed, records: records, problems: problems)
    }

    /// Why a directive cannot take effect, in the words of the finding that reports it.
    func rejectionReason(_ directive: SuppressionDirective) -> String? {
        switch directive.problem {
        case .missingReason?:
            return "抑制 \(directive.rules.joined(separator: "、")) 未寫理由，不生效：請在規則代號後加上「-- 理由」"
        case .missingRules?:
            return "抑制註解未指名規則，不生效：請寫出要抑制的規則代號"
        case let .unknownDirective(word)?:
            return "「\(word)」不是 adlaw 指令，不生效：請用 adlaw-disable-next-line、adlaw-disable-line 或 adlaw-disable … adlaw-enable"
        case .unclosedBlock?:
            return "adlaw-disable 區塊沒有對應的 adlaw-enable，不生效：請在區塊結尾加上 <!-- adlaw-enable \(directive.rules.joined(separator: ", ")) -->"
        case .unmatchedEnable?:
            return "adlaw-enable 前沒有對應的 adlaw-disable"
        case .nothingFollows?:
            return "adlaw-disable-next-line 之後沒有文字，不生效"
        case let .malformed(expected)?:
            return "無法讀取這行抑制設定：\(expected)"
        case nil:
            let unknown = directive.rules.filter { selector in !knownRules.contains { $0.matches(selector: selector) } }
            if !unknown.isEmpty {
                let near = unknown.compactMap { RuleID.suggestion(for: $0, among: knownRules) }
                let hint = near.isEmpty ? "" : "是否要寫 \(near.joined(separator: "、"))？"
                return "沒有規則「\(unknown.joined(separator: "、"))」，抑制不生效：\(hint)規則代號見 adlaw rules list"
            }
            return nil
        }
    }
}
