import Foundation
import LintCore

/// `adlaw explain RULE`: a rule explained for the copywriter who met it: why the phrase is
/// risky, which articles it breaks and what they cost, what is and is not flagged, what to
/// write instead, and how to record an approved exception.
public struct RuleExplainer: Sendable {
    public enum Style: String, Sendable, CaseIterable {
        case text, markdown
    }

    public var style: Style

    public init(style: Style = .text) { self.style = style }

    /// - Parameters:
    ///   - configuredSeverity: the severity after a config override, when it differs.
    public func render(_ rule: RuleDescriptor, examples: [RuleExample], configuredSeverity: Severity? = nil) -> String {
        var sections: [(String, [String])] = []
        sections.append(("Why", [ProseText.tidy(rule.rationale)]))
        if !rule.references.isEmpty {
            sections.append(("Law", rule.references.map(reference)))
        }
        let flagged = examples.filter { $0.expectation == .match }.map { "✗ " + marked($0) }
        let clean = examples.filter { $0.expectation == .noMatch }.map { "✓ " + oneLine($0.text) }
        if !flagged.isEmpty { sections.append(("Flagged", flagged)) }
        if !clean.isEmpty { sections.append(("Not flagged", clean)) }
        if let suggestion = rule.suggestion { sections.append(("Write instead", [ProseText.tidy(suggestion)])) }
        if !rule.references.isEmpty { sections.append(("If legal has approved it", [
            "Substantiated claim: add it under `claims:` in .adlaw.yml with its evidence, approver and expiry date.",
            "One-off exception: a comment on the line before, with the reason:",
            "<!-- adlaw-disable-next-line \(rule.id) -- <reason> -->",
        ])) }

        var severity = rule.severity.rawValue
        if let configuredSeverity, configuredSeverity != rule.severity {
            severity = "\(configuredSeverity.rawValue) (set in .adlaw.yml; the rule says \(rule.severity.rawValue))"
        }
        let sectors = rule.sectors.map(\.rawValue).joined(separator: ", ")
        switch style {
        case .text:
            var out = "\(rule.id)  \(rule.name)\nseverity: \(severity) · sectors: \(sectors)\n"
            for (title, lines) in sections {
                out += "\n\(title)\n"
                let bulleted = title == "Law"
                for item in lines {
                    for (index, line) in item.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                        out += bulleted ? (index == 0 ? "  - \(line)\n" : "    \(line)\n") : "  \(line)\n"
                    }
                }
            }
            return out
        case .markdown:
            var out = "## \(rule.id): \(rule.name)\n\n*severity:* \(severity) · *sectors:* \(sectors)\n"
            for (title, lines) in sections {
                out += "\n### \(title)\n\n"
                if title == "Why" || title == "Write instead" {
                    out += lines.joined(separator: "\n") + "\n"
                } else if title == "If legal has approved it" {
                    out += lines[0] + "\n\n" + lines[1] + "\n\n```html\n" + lines[2] + "\n```\n"
                } else {
                    out += lines.map { "- " + $0.replacingOccurrences(of: "\n", with: "\n  ") }.joined(separator: "\n") + "\n"
                }
            }
            return out
        }
    }

    private func reference(_ reference: LegalReference) -> String {
        var line = "\(reference.citation)（\(reference.pcode)）"
        if let penalty = reference.penalty { line += "\npenalty: \(penalty)" }
        if let authority = reference.authority { line += "\nauthority: \(authority)" }
        if let url = reference.url { line += "\n\(url)" }
        return line
    }

    /// The example with each reported span marked ⟦like this⟧.
    private func marked(_ example: RuleExample) -> String {
        var bytes = Array(example.text.utf8)
        for span in example.spans.sorted(by: { $0.lowerBound > $1.lowerBound }) where span.upperBound <= bytes.count {
            bytes.insert(contentsOf: Array("⟧".utf8), at: span.upperBound)
            bytes.insert(contentsOf: Array("⟦".utf8), at: span.lowerBound)
        }
        return oneLine(String(decoding: bytes, as: UTF8.self))
    }

    private func oneLine(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\n", with: "⏎").replacingOccurrences(of: "\n", with: "⏎")
    }
}
