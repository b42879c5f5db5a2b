import AdlawConfiguration
import LintCore
import Linting
import Workflow

/// What one run produced: every document's result, every diagnostic, and the findings
/// split by the team's decisions (suppressions, claims, the baseline). Reports are built
/// from it whole (`report`, `audit`); the CLI, the server and the batch mode only render
/// them.
public struct CheckResult: Sendable {
    /// One per document read, in input order: its findings (before triage), the sectors it
    /// was checked for and why, its checklists and diagnostics.
    public var documents: [DocumentResult]
    /// Every diagnostic of the run: walking and reading, linting, then triage.
    public var diagnostics: [Diagnostic]
    /// The findings that count (`open`, in stable order) and those that do not, with why.
    public var triage: Triage.Outcome
    /// The rules the run reported, and the built-in checks that were on.
    public var selection: RuleSelection
    /// Every loaded rule (selected or not), for audit reports and the rule-pack version.
    public var ruleSet: RuleSet
    /// An input could not be read (damaged, past a limit, missing): the run is incomplete.
    public var inputFailed: Bool
    /// Every input the run left out, and why (walking, `exclude:`, files adlaw wrote, binary).
    public var skipped: [SkippedInput] = []

    /// Findings that count, in stable order.
    public var open: [Finding] { triage.open }

    /// Whether a finding that counts is at or above `threshold`.
    public func fails(at threshold: FailThreshold) -> Bool {
        triage.open.contains { threshold.fails($0.severity) }
    }

    /// Per-file summaries: format, sectors and why, number of findings.
    public var fileReports: [FileReport] {
        documents.map {
            FileReport(path: $0.path, format: $0.format, sectors: $0.sectors.sectors, sectorSource: $0.sectors.source.rawValue,
                       inferredFrom: $0.sectors.evidence, findingCount: $0.findings.count)
        }
    }

    /// The verdict for the run as a whole, decided as in an audit: 不得刊登 for an error
    /// finding; 需法務審閱 for a warning, a baselined finding, an open checklist item, an
    /// input not read or not checked for its sector; 可刊登 only when all was checked and
    /// nothing is open (`CampaignAudit`).
    public var verdict: Verdict {
        audit(title: "", generatedAt: "", toolVersion: "").verdict
    }

    /// The report every `check` output format renders.
    /// - Parameter durationSeconds: nil leaves timings out (reproducible output).
    public func report(toolVersion: String, durationSeconds: Double?) -> LintReport {
        var report = LintReport(toolVersion: toolVersion, files: fileReports, findings: triage.open, diagnostics: diagnostics,
                                rulesLoaded: selection.reported.count, durationSeconds: durationSeconds, rules: selection.described)
        report.waived = triage.waived
        report.suppressions = triage.suppressions
        report.claims = triage.claims
        report.expiredClaims = triage.expiredClaims
        report.baseline = triage.baseline
        return report
    }

    /// The audit of the run: verdicts per file and for the campaign, checklists, and every
    /// finding that counts or was waived.
    public func audit(title: String, generatedAt: String, toolVersion: String) -> AuditReport {
        // A baseline is a developer's record, not a legal approval: in an audit its findings
        // count (known, not approved); only suppressions and claims waive a finding.
        let known = triage.waived.compactMap { waived -> Finding? in
            if case .baselined = waived.waiver { return waived.finding } else { return nil }
        }
        var report = CampaignAudit.build(title: title, generatedAt: generatedAt, toolVersion: toolVersion, ruleSet: ruleSet,
                                         index: selection.auditIndex, results: documents, open: triage.open,
                                         diagnostics: diagnostics, known: known, skipped: skipped)
        report.waived = triage.waived.filter { if case .baselined = $0.waiver { false } else { true } }
        report.suppressions = triage.suppressions
        report.claims = triage.claims
        report.expiredClaims = triage.expiredClaims
        return report
    }
}
