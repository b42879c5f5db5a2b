import Foundation
import LintCore

/// `adlaw rules list --format json`: one object per rule.
enum RuleCatalogJSON {
    struct Entry: Encodable {
        var id: String
        var name: String
        var severity: String
        var sectors: [String]
        var zones: [String]
        var kind: String
        var references: [LegalReference]
        var suggestion: String?
        var tags: [String]
        var file: String
    }

    static func render(_ rules: [Rule]) -> String {
        let entries = rules.map { rule in
            Entry(id: rule.id.rawValue, name: rule.name, severity: rule.severity.rawValue,
                  sectors: rule.sectors.map(\.rawValue), zones: rule.zones.map(\.rawValue), kind: rule.pattern.kind.rawValue,
                  references: rule.references,
                  suggestion: rule.suggestion, tags: rule.tags, file: rule.origin.file)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(entries)) ?? Data("[]".utf8), as: UTF8.self) + "\n"
    }
}

/// Text views of rules for `rules list` and `rules show`.
enum RuleCatalogText {
    static func table(_ rules: [Rule], sectors: SectorCatalog) -> String {
        let idWidth = min(44, rules.map { $0.id.rawValue.count }.max() ?? 10)
        var out = ""
        for rule in rules {
            let id = rule.id.rawValue.padding(toLength: max(idWidth, rule.id.rawValue.count), withPad: " ", startingAt: 0)
            let severity = rule.severity.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0)
            let sectorList = rule.sectors.map(\.rawValue).joined(separator: ",")
            out += "\(id)  \(severity)  \(sectorList.padding(toLength: max(14, sectorList.count), withPad: " ", startingAt: 0))  \(rule.name)\n"
        }
        out += "\(rules.count) rule\(rules.count == 1 ? "" : "s")\n"
        return out
    }

    static func details(_ rule: Rule) -> String {
        var out = "\(rule.id)  \(rule.name)\n"
        out += "  severity:   \(rule.severity)\n"
        out += "  sectors:    \(rule.sectors.map(\.rawValue).joined(separator: ", "))\n"
        if !rule.zones.isEmpty { out += "  zones:      \(rule.zones.map(\.rawValue).joined(separator: ", "))\n" }
        out += "  pattern:    \(rule.pattern.kind.rawValue)\n"
        out += "  file:       \(rule.origin.formatted)\n"
        out += "  message:    \(rule.message.raw)\n"
        out += "  rationale:  \(rule.rationale.trimmingCharacters(in: .whitespacesAndNewlines))\n"
        out += "  citations:\n"
        for reference in rule.references {
            out += "    - \(reference.citation) (\(reference.pcode))\n"
            if let authority = reference.authority { out += "      authority: \(authority)\n" }
            if let penalty = reference.penalty { out += "      penalty:   \(penalty)\n" }
            if let url = reference.url { out += "      url:       \(url)\n" }
        }
        if let suggestion = rule.suggestion { out += "  suggestion: \(suggestion)\n" }
        if !rule.tags.isEmpty { out += "  tags:       \(rule.tags.joined(separator: ", "))\n" }
        let exceptions = rule.exceptions
        var unless: [String] = []
        if exceptions.inside != nil { unless.append("inside") }
        if let preceded = exceptions.precededBy { unless.append("preceded-by (within \(preceded.within))") }
        if exceptions.sentenceHas != nil { unless.append("sentence-has") }
        if exceptions.documentHas != nil { unless.append("document-has") }
        if exceptions.documentLacks != nil { unless.append("document-lacks") }
        if let followed = exceptions.followedBy { unless.append("followed-by (within \(followed.within))") }
        if !unless.isEmpty { out += "  unless:     \(unless.joined(separator: ", "))\n" }
        out += "  examples:\n"
        for example in rule.examples {
            var text = example.text
            if example.expectation == .match {
                var bytes = Array(text.utf8)
                for span in example.spans.reversed() {
                    bytes.insert(contentsOf: Array("⟧".utf8), at: span.upperBound)
                    bytes.insert(contentsOf: Array("⟦".utf8), at: span.lowerBound)
                }
                text = String(decoding: bytes, as: UTF8.self)
            }
            let label = example.expectation == .match ? "match   " : "no-match"
            out += "    \(label) \(text.replacingOccurrences(of: "\n", with: "⏎"))\n"
        }
        return out
    }
}
