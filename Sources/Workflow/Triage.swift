import LintCore

/// What a team has decided about findings, applied after linting: reasoned suppressions in
/// the copy, claims legal approved with evidence, and the baseline of accepted findings.
/// Findings that remain open decide the exit code; the others are reported with the reason
/// they do not count. Problems with the decisions themselves (a suppression without a
/// reason, one that suppresses nothing) become findings of the built-in checks.
public struct Triage: Sendable {
    /// Every rule that exists: loaded pattern rules (whether selected or not).
    public var knownRules: [RuleID]
    /// The pattern rules that ran.
    public var selectedRules: Set<RuleID>
    /// Built-in checks turned off in the config.
    public var disabledChecks: Set<RuleID> = []
    public var severityOverrides: [RuleID: Severity] = [:]
    /// Findings below this are not reported (built-in checks included).
    public var minSeverity: Severity = .info
    public var claims: ClaimMatcher?
    /// Claims expiring within this many days get a warning.
    public var claimWarningDays = 30
    public var today: CalendarDate
    public var baseline: Baseline?

    public init(knownRules: [RuleID], selectedRules: Set<RuleID>, today: CalendarDate) {
        self.knownRules = knownRules
        self.selectedRules = selectedRules
        self.today = today
    }

    public struct Outcome: Sendable {
        /// Findings that count, in the stable order.
        public var open: [Finding]
        public var waived: [WaivedFinding]
        public var suppressions: [SuppressionRecord]
        public var claims: [ClaimRecord]
        public var expiredClaims: [ExpiredClaimMatch]
        public var baseline: BaselineSummary?
        /// Claims about to expire or expired.
        public var diagnostics: [Diagnostic]
    }

    /// - Parameters:
    ///   - checkedPaths: the files this run checked (for the baseline's "gone" count).
    ///   - claimsFile: where the claims are written, for diagnostics about them.
    public func apply(_ findings: [Finding], directives: [SuppressionDirective], checkedPaths: [String],
                      claimsFile: String? = nil) -> Outcome {
        let suppressor = Suppressor(knownRules: knownRules + BuiltInChecks.ids, selectedRules: selectedRules)
        let suppression = suppressor.apply(findings, directives: directives)
        var open = suppression.open
        var waived = suppression.suppressed
        for (check, directive, message) in suppression.problems {
            if let finding = checkFinding(check, directive: directive, message: message) { open.append(finding) }
        }

        var expired: [ExpiredClaimMatch] = []
        var claimMatches: [String: Int] = [:]
        if let claims {
            let scratch = claims.makeScratch()
            var stillOpen: [Finding] = []
            for finding in open {
                guard !BuiltInChecks.ids.contains(finding.ruleID), let claim = claims.match(finding, scratch: scratch) else {
                    stillOpen.append(finding)
                    continue
                }
                claimMatches[claim.id, default: 0] += 1
                if claim.isExpired(on: today) {
                    expired.append(ExpiredClaimMatch(finding: finding, claim: claim))
                    stillOpen.append(finding)
                } else {
                    waived.append(WaivedFinding(finding: finding, waiver: .substantiated(claim)))
                }
            }
            open = stillOpen
        }
        let records = (claims?.entries ?? []).map { entry in
            ClaimRecord(claim: entry.claim, matches: claimMatches[entry.claim.id] ?? 0, expired: entry.claim.isExpired(on: today),
                        daysLeft: today.days(until: entry.claim.expires))
        }

        var summary: BaselineSummary?
        if let baseline {
            let split = baseline.partition(open.inStableOrder(), checkedPaths: checkedPaths)
            open = split.new
            waived += split.known.map { WaivedFinding(finding: $0, waiver: .baselined(file: baseline.path)) }
            summary = split.summary
        }

        return Outcome(open: open.inStableOrder(),
                       waived: waived.sorted { Finding.stableOrder($0.finding, $1.finding) },
                       suppressions: suppression.records, claims: records, expiredClaims: expired, baseline: summary,
                       diagnostics: claimDiagnostics(records, file: claimsFile))
    }

    /// A finding of a built-in check about a directive, unless the check is off or below
    /// the reporting threshold.
    func checkFinding(_ check: RuleID, directive: SuppressionDirective, message: String) -> Finding? {
        guard !disabledChecks.contains(check), let descriptor = BuiltInChecks.descriptor(check) else { return nil }
        let severity = severityOverrides[check] ?? descriptor.severity
        guard severity >= minSeverity else { return nil }
        return Finding(
            ruleID: check, ruleName: descriptor.name, severity: severity, message: message, references: [],
            suggestion: descriptor.suggestion, path: directive.writtenIn,
            byteRange: directive.sourceRange ?? 0..<0, start: directive.start, end: directive.end,
            matchedText: directive.snippet.highlighted, zone: .comment, logicalLocation: nil,
            snippet: directive.snippet, segmentIndex: 0)
    }

    func claimDiagnostics(_ records: [ClaimRecord], file: String?) -> [Diagnostic] {
        records.compactMap { record in
            let claim = record.claim
            if record.expired {
                return Diagnostic(code: .claimExpired, level: .warning, path: file ?? claim.origin.file, line: claim.origin.line,
                                  column: claim.origin.column,
                                  message: "claim `\(claim.id)` expired on \(claim.expires); findings on it fail again until legal renews the approval (update `expires:`) or the copy changes")
            }
            if record.daysLeft <= claimWarningDays {
                return Diagnostic(code: .claimExpiring, level: .warning, path: file ?? claim.origin.file, line: claim.origin.line,
                                  column: claim.origin.column,
                                  message: "claim `\(claim.id)` expires on \(claim.expires) (in \(record.daysLeft) day\(record.daysLeft == 1 ? "" : "s")); ask \(claim.approvedBy) to renew it")
            }
            return nil
        }
    }
}
