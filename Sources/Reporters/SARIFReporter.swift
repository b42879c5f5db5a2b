import Foundation
import LintCore

/// SARIF 2.1.0 for GitHub code scanning and other SARIF viewers. Columns are UTF-16 code
/// units (`columnKind` is always written), end columns are exclusive, every rule that ran
/// is described with its citations and help, and each result carries a stable
/// `partialFingerprints` key so alerts survive edits elsewhere in the file.
public struct SARIFReporter: Reporter {
    public static let fingerprintKey = "adlawMatch/v\(FindingFingerprint.version)"

    private let fingerprints: FindingFingerprint

    public init(fingerprints: FindingFingerprint = FindingFingerprint()) { self.fingerprints = fingerprints }

    public func render(_ report: LintReport) -> String {
        let descriptors = Self.descriptors(for: report)
        let index = Dictionary(uniqueKeysWithValues: descriptors.enumerated().map { ($0.element.id, $0.offset) })
        // Open and waived findings together, so that waiving one of two identical sentences
        // does not renumber the other's fingerprint.
        let compared = report.baseline != nil
        var entries: [(finding: Finding, suppressions: [SARIF.Suppression]?, baselineState: String?)] =
            report.findings.map { ($0, nil, compared ? "new" : nil) }
        for waived in report.waived {
            switch waived.waiver {
            case let .suppressed(directive):
                entries.append((waived.finding, [SARIF.Suppression(kind: "inSource", justification: directive.reason ?? "")], nil))
            case let .substantiated(claim):
                let justification = "claim \(claim.id): \(claim.evidence); approved by \(claim.approvedBy); valid until \(claim.expires)"
                entries.append((waived.finding, [SARIF.Suppression(kind: "external", justification: justification)], nil))
            case .baselined:
                entries.append((waived.finding, nil, "unchanged"))
            }
        }
        entries.sort { Finding.stableOrder($0.finding, $1.finding) }
        let keys = fingerprints.occurrenceKeys(of: entries.map(\.finding))
        let results = zip(entries, keys).map { entry, key in
            result(entry.finding, key: key, ruleIndex: index[entry.finding.ruleID], suppressions: entry.suppressions,
                   baselineState: entry.baselineState)
        }
        let run = SARIF.Run(
            tool: SARIF.Tool(driver: SARIF.Driver(name: report.toolName, version: report.toolVersion,
                                                   semanticVersion: report.toolVersion,
                                                   rules: descriptors.map(Self.describe))),
            results: results,
            invocations: [SARIF.Invocation(
                executionSuccessful: !report.diagnostics.contains { $0.level == .error },
                toolExecutionNotifications: report.diagnostics.map(Self.notification))])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(SARIF.Log(runs: [run])) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// The rules of the run, plus any rule a finding names that the run did not describe.
    static func descriptors(for report: LintReport) -> [RuleDescriptor] {
        var byID: [RuleID: RuleDescriptor] = [:]
        for rule in report.rules { byID[rule.id] = rule }
        for finding in report.findings + report.waived.map(\.finding) where byID[finding.ruleID] == nil {
            byID[finding.ruleID] = RuleDescriptor(id: finding.ruleID, name: finding.ruleName, severity: finding.severity,
                                                  rationale: finding.ruleName, references: finding.references,
                                                  suggestion: finding.suggestion)
        }
        return byID.values.sorted { $0.id < $1.id }
    }

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .info: "note"
        }
    }

    static func describe(_ rule: RuleDescriptor) -> SARIF.ReportingDescriptor {
        let rationale = rule.rationale.trimmingCharacters(in: .whitespacesAndNewlines)
        var text = rationale + "\n"
        var markdown = "**\(rule.name)**\n\n\(rationale)\n"
        if !rule.references.isEmpty {
            text += "\n"
            markdown += "\n"
            for reference in rule.references {
                var line = "\(reference.citation)（\(reference.pcode)）"
                if let penalty = reference.penalty { line += "：\(penalty)" }
                text += "- \(line)\n"
                markdown += "- " + (reference.url.map { "[\(reference.citation)](\($0))（\(reference.pcode)）" } ?? "\(reference.citation)（\(reference.pcode)）")
                markdown += reference.penalty.map { "：\($0)" } ?? ""
                markdown += "\n"
            }
        }
        if let suggestion = rule.suggestion {
            text += "\n建議：\(suggestion)\n"
            markdown += "\n**建議**：\(suggestion)\n"
        }
        return SARIF.ReportingDescriptor(
            id: rule.id.rawValue, name: rule.name,
            shortDescription: SARIF.Message(text: rule.name),
            fullDescription: SARIF.Message(text: rationale),
            help: SARIF.MultiformatMessage(text: text, markdown: markdown),
            helpUri: rule.helpURL,
            defaultConfiguration: SARIF.Configuration(level: level(rule.severity)),
            properties: SARIF.RuleProperties(
                // SARIF requires unique tags; rule files often repeat their area as a tag.
                tags: (["compliance", rule.id.area] + rule.tags).reduce(into: [String]()) { tags, tag in
                    if !tags.contains(tag) { tags.append(tag) }
                },
                references: rule.references,
                sectors: rule.sectors.map(\.rawValue)))
    }

    func result(_ finding: Finding, key: String, ruleIndex: Int?,
                suppressions: [SARIF.Suppression]? = nil, baselineState: String? = nil) -> SARIF.Result {
        SARIF.Result(
            ruleId: finding.ruleID.rawValue, ruleIndex: ruleIndex, level: Self.level(finding.severity),
            message: SARIF.Message(text: ([finding.message] + finding.notes).joined(separator: "\n")),
            locations: [Self.location(finding)],
            partialFingerprints: [Self.fingerprintKey: key],
            suppressions: suppressions, baselineState: baselineState,
            properties: SARIF.ResultProperties(matchedText: finding.matchedText, suggestion: finding.suggestion,
                                               notes: finding.notes.isEmpty ? nil : finding.notes, zone: finding.zone.rawValue))
    }

    static func location(_ finding: Finding) -> SARIF.Location {
        let region = SARIF.Region(startLine: finding.start.line, startColumn: finding.start.utf16Column,
                                  endLine: finding.end.line, endColumn: finding.end.utf16Column,
                                  snippet: SARIF.Message(text: finding.matchedText))
        return SARIF.Location(
            physicalLocation: SARIF.PhysicalLocation(artifactLocation: artifact(finding.path), region: region),
            logicalLocations: finding.logicalLocation.map { [SARIF.LogicalLocation(fullyQualifiedName: $0)] })
    }

    static func artifact(_ path: String) -> SARIF.ArtifactLocation {
        SARIF.ArtifactLocation(uri: ArtifactURI.encode(path: path),
                               uriBaseId: ArtifactURI.isRelative(path) ? "%SRCROOT%" : nil)
    }

    static func notification(_ diagnostic: Diagnostic) -> SARIF.Notification {
        let level = switch diagnostic.level {
        case .error: "error"
        case .warning: "warning"
        case .note: "note"
        }
        // Diagnostic columns count characters, not UTF-16 units, so only the line is given.
        let location = SARIF.Location(
            physicalLocation: SARIF.PhysicalLocation(
                artifactLocation: artifact(diagnostic.path),
                region: diagnostic.line.map { SARIF.Region(startLine: $0) }),
            logicalLocations: nil)
        return SARIF.Notification(level: level, message: SARIF.Message(text: diagnostic.message),
                                  descriptor: SARIF.DescriptorReference(id: diagnostic.code.rawValue),
                                  locations: diagnostic.path.isEmpty ? nil : [location])
    }
}
