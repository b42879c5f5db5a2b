import Foundation
import LintCore

/// Machine-readable output, versioned (`version` is the schema version; see docs/usage.md, "json").
public struct JSONReporter: Reporter {
    public static let schemaVersion = 1

    /// Indented, for people (the default); false: the document on one line, as the batch
    /// mode and the server write it.
    public var pretty: Bool

    public init(pretty: Bool = true) { self.pretty = pretty }

    struct Document: Encodable {
        var version: Int
        var tool: Tool
        var findings: [FindingDTO]
        /// Findings that do not count, each with its reason (see docs/usage.md: Suppressions, Claims, Baselines).
        var suppressed: [FindingDTO]
        var substantiated: [FindingDTO]
        var baselined: [FindingDTO]
        var suppressions: [SuppressionDTO]
        var claims: [ClaimDTO]
        var files: [FileDTO]
        var diagnostics: [DiagnosticDTO]
        var summary: Summary
    }

    struct Tool: Encodable {
        var name: String
        var version: String
    }

    struct FindingDTO: Encodable {
        var ruleId: String
        var ruleName: String
        var severity: String
        var message: String
        var references: [LegalReference]
        var path: String
        var line: Int
        var column: Int
        var endLine: Int
        var endColumn: Int
        var byteOffset: Int
        var byteLength: Int
        var matchedText: String
        var suggestion: String?
        /// What the finding assumed that the copy did not say (omitted when nothing).
        var notes: [String]?
        var zone: String
        var logicalLocation: String?
        /// Where the finding is, in the file's own terms (see docs/usage.md, "json": `location`).
        var location: SourceLocation
        /// Stable identity (rule, normalised text and context; see docs/usage.md: Baselines).
        var fingerprint: String
        /// For a suppressed finding: the directive.
        var suppression: DirectiveDTO?
        /// For a substantiated finding, or an open one whose claim expired: the claim.
        var claim: ClaimDTO?
    }

    struct DirectiveDTO: Encodable {
        var writtenIn: String
        var line: Int
        var column: Int
        var kind: String
        var rules: [String]
        var reason: String?
    }

    struct SuppressionDTO: Encodable {
        var path: String
        var writtenIn: String
        var line: Int
        var column: Int
        var kind: String
        var rules: [String]
        var reason: String?
        /// `applied`, `unused`, `rejected` or `idle` (its rules did not run).
        var status: String
        var suppressed: Int
        var problem: String?
    }

    struct ClaimDTO: Encodable {
        var id: String
        var text: String?
        var pattern: String?
        var rules: [String]
        var paths: [String]
        var evidence: String
        var approvedBy: String
        var approvedOn: String?
        var expires: String
        var expired: Bool
        var file: String
        var line: Int
        /// In the `claims` list only: findings matched in this run, and days to expiry.
        var matches: Int?
        var daysLeft: Int?
    }

    struct BaselineDTO: Encodable {
        var file: String
        var known: Int
        var new: Int
        var gone: Int
    }

    struct FileDTO: Encodable {
        var path: String
        var format: String
        var sectors: [String]
        var sectorSource: String
        var inferredFrom: [String: [String]]
        var findings: Int
    }

    struct DiagnosticDTO: Encodable {
        var code: String
        var level: String
        var path: String
        var line: Int?
        var column: Int?
        var message: String
        var ruleId: String?
    }

    struct Summary: Encodable {
        var files: Int
        var findings: Int
        var findingsBySeverity: [String: Int]
        var rulesLoaded: Int
        var durationSeconds: Double
        var suppressed: Int
        var substantiated: Int
        var baselined: Int
        var baseline: BaselineDTO?
    }

    /// The finding's logical location, or for text files its line and column.
    static func location(of finding: Finding) -> SourceLocation {
        if let location = finding.location { return location }
        if let logical = finding.logicalLocation { return SourceLocation(kind: .text, description: logical) }
        return SourceLocation(kind: .text, description: "line \(finding.start.line), column \(finding.start.column)",
                              column: finding.start.column, line: finding.start.line)
    }

    static func finding(_ f: Finding, fingerprint: String, suppression: SuppressionDirective? = nil,
                        claim: SubstantiatedClaim? = nil, claimExpired: Bool = false) -> FindingDTO {
        FindingDTO(ruleId: f.ruleID.rawValue, ruleName: f.ruleName, severity: f.severity.rawValue, message: f.message,
                   references: f.references,
                   path: f.path, line: f.start.line, column: f.start.column, endLine: f.end.line,
                   endColumn: f.end.column, byteOffset: f.byteRange.lowerBound, byteLength: f.byteRange.count,
                   matchedText: f.matchedText, suggestion: f.suggestion, notes: f.notes.isEmpty ? nil : f.notes,
                   zone: f.zone.rawValue,
                   logicalLocation: f.logicalLocation, location: Self.location(of: f), fingerprint: fingerprint,
                   suppression: suppression.map {
                       DirectiveDTO(writtenIn: $0.writtenIn, line: $0.start.line, column: $0.start.column, kind: $0.kind.rawValue,
                                    rules: $0.rules, reason: $0.reason)
                   },
                   claim: claim.map { Self.claim($0, expired: claimExpired) })
    }

    static func claim(_ c: SubstantiatedClaim, expired: Bool, matches: Int? = nil, daysLeft: Int? = nil) -> ClaimDTO {
        ClaimDTO(id: c.id, text: c.text, pattern: c.pattern, rules: c.rules, paths: c.paths, evidence: c.evidence,
                 approvedBy: c.approvedBy, approvedOn: c.approvedOn?.description, expires: c.expires.description,
                 expired: expired, file: c.origin.file, line: c.origin.line, matches: matches, daysLeft: daysLeft)
    }

    public func render(_ report: LintReport) -> String {
        encode(document(report))
    }

    /// The document with more top-level members: a batch record's `id`, a `verdict`.
    /// `extra` encodes as an object whose keys are not the document's own.
    public func render<Extra: Encodable>(_ report: LintReport, adding extra: Extra) -> String {
        encode(Merged(document: document(report), extra: extra))
    }

    /// Two objects encoded as one: both write into the same keyed container.
    private struct Merged<Extra: Encodable>: Encodable {
        var document: Document
        var extra: Extra

        func encode(to encoder: Encoder) throws {
            try document.encode(to: encoder)
            try extra.encode(to: encoder)
        }
    }

    private func encode(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    func document(_ report: LintReport) -> Document {
        let fingerprints = FindingFingerprint()
        let expired = Dictionary(report.expiredClaims.map { ($0.finding, $0.claim) }, uniquingKeysWith: { first, _ in first })
        var suppressed: [FindingDTO] = [], substantiated: [FindingDTO] = [], baselined: [FindingDTO] = []
        for waived in report.waived {
            let print = fingerprints.fingerprint(of: waived.finding)
            switch waived.waiver {
            case let .suppressed(directive): suppressed.append(Self.finding(waived.finding, fingerprint: print, suppression: directive))
            case let .substantiated(claim): substantiated.append(Self.finding(waived.finding, fingerprint: print, claim: claim))
            case .baselined: baselined.append(Self.finding(waived.finding, fingerprint: print))
            }
        }
        return Document(
            version: Self.schemaVersion,
            tool: Tool(name: report.toolName, version: report.toolVersion),
            findings: report.findings.map { f in
                Self.finding(f, fingerprint: fingerprints.fingerprint(of: f), claim: expired[f], claimExpired: expired[f] != nil)
            },
            suppressed: suppressed, substantiated: substantiated, baselined: baselined,
            suppressions: report.suppressions.map { record in
                let d = record.directive
                return SuppressionDTO(path: d.path, writtenIn: d.writtenIn, line: d.start.line, column: d.start.column,
                                      kind: d.kind.rawValue, rules: d.rules, reason: d.reason, status: record.status.rawValue,
                                      suppressed: record.suppressed, problem: record.problem)
            },
            claims: report.claims.map { Self.claim($0.claim, expired: $0.expired, matches: $0.matches, daysLeft: $0.daysLeft) },
            files: report.files.map {
                FileDTO(path: $0.path, format: $0.format, sectors: $0.sectors.map(\.rawValue), sectorSource: $0.sectorSource,
                        inferredFrom: Dictionary(uniqueKeysWithValues: $0.inferredFrom.map { ($0.key.rawValue, $0.value) }),
                        findings: $0.findingCount)
            },
            diagnostics: report.diagnostics.map {
                DiagnosticDTO(code: $0.code.rawValue, level: $0.level.rawValue, path: $0.path, line: $0.line, column: $0.column,
                              message: $0.message, ruleId: $0.ruleID?.rawValue)
            },
            summary: Summary(files: report.files.count, findings: report.findings.count,
                             findingsBySeverity: Dictionary(uniqueKeysWithValues: Severity.allCases.map { ($0.rawValue, report.count($0)) }),
                             rulesLoaded: report.rulesLoaded, durationSeconds: ((report.durationSeconds ?? 0) * 1000).rounded() / 1000,
                             suppressed: suppressed.count, substantiated: substantiated.count, baselined: baselined.count,
                             baseline: report.baseline.map { BaselineDTO(file: $0.file, known: $0.known, new: $0.new, gone: $0.gone) }))
    }
}
