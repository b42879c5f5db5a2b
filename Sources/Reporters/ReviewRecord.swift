import LintCore

/// The audit trail of a run in the reviewer's words: each finding that does not count and
/// why, each suppression directive and each configured claim. Shared by the HTML and
/// Markdown audit reports.
struct ReviewRecord {
    struct Row {
        /// `suppressed`, `substantiated` or `baselined` (a CSS class in HTML).
        var kind: String
        var location: String
        var rule: String
        var text: String
        var label: String
        var detail: String
    }

    var rows: [Row] = []
    var directives: [String] = []
    var claims: [String] = []

    var isEmpty: Bool { rows.isEmpty && directives.isEmpty && claims.isEmpty }

    init(_ report: AuditReport) {
        for waived in report.waived {
            let finding = waived.finding
            let location = "\(finding.path):\(finding.location?.description ?? "\(finding.start.line)")"
            switch waived.waiver {
            case let .suppressed(directive):
                rows.append(Row(kind: "suppressed", location: location, rule: finding.ruleID.rawValue, text: finding.matchedText,
                                label: "以註解抑制",
                                detail: "\(directive.reason ?? "（未附理由）")（\(directive.writtenIn) 第\(directive.start.line)行）"))
            case let .substantiated(claim):
                var detail = "宣稱「\(claim.id)」；佐證：\(claim.evidence)；核可人：\(claim.approvedBy)"
                if let approvedOn = claim.approvedOn { detail += "；核可日：\(approvedOn)" }
                detail += "；期限：\(claim.expires)"
                rows.append(Row(kind: "substantiated", location: location, rule: finding.ruleID.rawValue, text: finding.matchedText,
                                label: "已佐證", detail: detail))
            case let .baselined(file):
                rows.append(Row(kind: "baselined", location: location, rule: finding.ruleID.rawValue, text: finding.matchedText,
                                label: "基準線既有", detail: "列於 \(file)"))
            }
        }
        for record in report.suppressions {
            let directive = record.directive
            let status: String = switch record.status {
            case .applied: "已套用（\(record.suppressed) 項）"
            case .unused: "未抑制任何發現"
            case .rejected: "無效：\(record.problem ?? "格式錯誤")"
            case .idle: "所指規則本次未執行"
            }
            directives.append("\(directive.writtenIn) 第\(directive.start.line)行 adlaw-\(directive.kind.rawValue) \(directive.rules.joined(separator: ", "))：\(status)；理由：\(directive.reason ?? "（未附理由）")")
        }
        for record in report.claims {
            let claim = record.claim
            let state = record.expired ? "已於 \(claim.expires) 到期，相關發現重新計入" : "有效至 \(claim.expires)（尚餘 \(record.daysLeft) 天）"
            claims.append("「\(claim.id)」：佐證 \(claim.evidence)；核可人 \(claim.approvedBy)；\(state)；本次符合 \(record.matches) 處")
        }
        for expired in report.expiredClaims {
            claims.append("到期宣稱「\(expired.claim.id)」之發現：\(expired.finding.path) 第\(expired.finding.start.line)行「\(expired.finding.matchedText)」（\(expired.finding.ruleID)）")
        }
    }
}
