import Foundation
import LintCore

/// The law registry and fact tables as `adlaw laws` prints them.
struct LawCatalog {
    let ruleSet: RuleSet

    var table: LawTable { ruleSet.lawTable }

    /// Rule ids citing each law (by pcode) and each of its entries (by provision key),
    /// inactive rules included: what a rule cites does not depend on the day.
    var citingRules: [String: [String: [RuleID]]] {
        var out: [String: [String: [RuleID]]] = [:]
        for (id, cites) in ruleSet.citations {
            for cited in cites {
                guard let law = table[cited.pcode] else { continue }
                for provision in cited.provisions {
                    guard let entry = law.entry(covering: provision) else { continue }
                    var rules = out[cited.pcode, default: [:]][entry.provision.description, default: []]
                    if !rules.contains(id) { rules.append(id) }
                    out[cited.pcode, default: [:]][entry.provision.description] = rules.sorted()
                }
            }
        }
        return out
    }

    func rules(citing pcode: String) -> [RuleID] {
        Array(Set((citingRules[pcode] ?? [:]).values.flatMap { $0 })).sorted()
    }

    /// Laws in force that no rule cites and that give no reason.
    var lawsWithoutRule: [LawEntry] {
        ruleSet.laws.filter { $0.status == .inForce && $0.noRule == nil && rules(citing: $0.pcode).isEmpty }
    }

    /// Entries of cited laws that no rule cites and no other entry's `penalty-via` names.
    var uncitedEntries: [(LawEntry, ArticleEntry)] {
        let cited = citingRules
        var viaTargets = Set<String>()
        for law in ruleSet.laws {
            for entry in law.articles {
                for version in entry.versions {
                    for via in version.penaltyVia {
                        for provision in via.provisions {
                            if let target = table[via.pcode]?.entry(covering: provision) {
                                viaTargets.insert("\(via.pcode) \(target.provision)")
                            }
                        }
                    }
                }
            }
        }
        return ruleSet.laws.flatMap { law in
            law.articles.filter { entry in
                cited[law.pcode]?[entry.provision.description] == nil && !viaTargets.contains("\(law.pcode) \(entry.provision)")
            }.map { (law, $0) }
        }
    }

    // MARK: human output

    func list() -> String {
        let cited = citingRules
        var rows: [[String]] = [["pcode", "status", "articles", "rules", "verified", "law"]]
        for law in ruleSet.laws {
            let used = cited[law.pcode]?.count ?? 0
            let status = law.status == .repealed ? "repealed \(law.repealedOn ?? "")" : (law.versions.contains { $0.inForce == nil } ? "in-force*" : "in-force")
            let ruleCount = rules(citing: law.pcode).count
            rows.append([law.pcode, status, "\(used)/\(law.articles.count)", law.noRule != nil && ruleCount == 0 ? "- (no-rule)" : "\(ruleCount)",
                         law.verified.map { "\($0)" } ?? "-", law.name])
        }
        var out = Self.columns(rows)
        out += "\(ruleSet.laws.count) laws; articles = entries cited by rules / entries in the table; * = an amendment passed but not yet in force\n"
        if let day = ruleSet.lawsAsOf { out += "law as of \(day)\n" }
        return out
    }

    func show(_ law: LawEntry) -> String {
        var out = "\(law.name) (\(law.pcode))  \(law.status.rawValue)\(law.repealedOn.map { " \($0)" } ?? "")\n"
        out += "  url:        \(law.lawURL)\n"
        if let authority = law.authority { out += "  authority:  \(authority)\n" }
        if let verified = law.verified { out += "  verified:   \(verified)\n" }
        if let note = law.note { out += "  note:       \(note)\n" }
        if let reason = law.noRule { out += "  no rule:    \(reason)\n" }
        if !law.replacedBy.isEmpty { out += "  replaced by: \(law.replacedBy.joined(separator: ", "))\n" }
        if !law.versions.isEmpty {
            out += "  versions:\n"
            for version in law.versions {
                let effective = version.inForce.map { "in force \($0)" } ?? "passed, not yet in force"
                out += "    - promulgated \(version.promulgated), \(effective)\(version.note.map { "：\($0)" } ?? "")\n"
            }
        }
        if let day = ruleSet.lawsAsOf { out += "  as of:      \(day)\n" }
        let cited = citingRules[law.pcode] ?? [:]
        for entry in law.articles {
            out += "\n  \(entry.provision)\n"
            if let reference = table.reference(for: CitedProvisions(pcode: law.pcode, provisions: [entry.provision]), asOf: ruleSet.lawsAsOf) {
                if reference.article != entry.provision.description { out += "    cited as:  \(reference.article)\n" }
                out += "    duty:      \(reference.duty ?? "")\n"
                out += "    penalty:   \(reference.penalty ?? "-")\n"
                out += "    version:   \(reference.version ?? "-")\n"
                if let note = reference.note { out += "    note:      \(note)\n" }
            } else {
                out += "    not yet in force on \(ruleSet.lawsAsOf.map { "\($0)" } ?? "the day checked")\n"
            }
            let (current, _, _) = table.resolve(entry, in: law, asOf: ruleSet.lawsAsOf)
            out += "    binds:     \(current.binds.map(\.label).joined(separator: "、"))\n"
            out += "    source:    \(current.source)\n"
            if entry.versions.count > 1 {
                out += "    versions:\n"
                for version in entry.versions {
                    let effective = law.inForce(version).map { "in force \($0)" } ?? "not yet in force"
                    let number = version.citedAs.map { " as \($0)" } ?? ""
                    out += "      - since \(version.since)\(number), \(effective)\(version.isNew ? " (added then)" : "")\n"
                }
            }
            let rules = cited[entry.provision.description] ?? []
            out += "    rules:     \(rules.isEmpty ? "-" : rules.map(\.rawValue).joined(separator: ", "))\n"
        }
        return out
    }

    static func columns(_ rows: [[String]]) -> String {
        guard let first = rows.first else { return "" }
        var widths = Array(repeating: 0, count: first.count)
        for row in rows { for (i, cell) in row.enumerated() where i < row.count - 1 { widths[i] = max(widths[i], DisplayWidth.width(of: cell)) } }
        var out = ""
        for row in rows {
            var line = ""
            for (i, cell) in row.enumerated() {
                line += cell
                if i < row.count - 1 { line += String(repeating: " ", count: widths[i] - DisplayWidth.width(of: cell) + 2) }
            }
            out += line + "\n"
        }
        return out
    }

    // MARK: JSON output

    struct LawJSON: Encodable {
        var pcode: String
        var name: String
        var status: String
        var repealed: String?
        var url: String
        var authority: String?
        var verified: String?
        var noRule: String?
        var note: String?
        var versions: [LawVersion]
        var articles: [ArticleJSON]
        var rules: [String]
    }

    struct ArticleJSON: Encodable {
        var provision: String
        var reference: LegalReference?
        var binds: [Addressee]
        var versions: [ArticleVersion]
        var rules: [String]
    }

    func json(_ laws: [LawEntry], includeArticles: Bool) -> String {
        let cited = citingRules
        let entries = laws.map { law in
            LawJSON(pcode: law.pcode, name: law.name, status: law.status.rawValue, repealed: law.repealedOn, url: law.lawURL,
                    authority: law.authority, verified: law.verified.map { "\($0)" }, noRule: law.noRule, note: law.note,
                    versions: law.versions,
                    articles: includeArticles ? law.articles.map { entry in
                        ArticleJSON(provision: entry.provision.description,
                                    reference: table.reference(for: CitedProvisions(pcode: law.pcode, provisions: [entry.provision]), asOf: ruleSet.lawsAsOf),
                                    binds: table.resolve(entry, in: law, asOf: ruleSet.lawsAsOf).version.binds,
                                    versions: entry.versions, rules: (cited[law.pcode]?[entry.provision.description] ?? []).map(\.rawValue))
                    } : [],
                    rules: rules(citing: law.pcode).map(\.rawValue))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(entries)) ?? Data("[]".utf8), as: UTF8.self) + "\n"
    }
}
