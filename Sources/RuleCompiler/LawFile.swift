import Foundation
import LintCore
import Yams

/// The law registry and its fact table: `Rules/laws/<pcode>.yaml`, one law per file, or a
/// `laws.yaml` with the same entries in a `laws:` list.
///
///     name: 菸害防制法
///     pcode: L0070021
///     status: in-force
///     authority: 衛生福利部國民健康署；直轄市及縣（市）衛生局
///     verified: 2026-12-06
///     versions:
///       - promulgated: 2023-02-15
///         in-force: 2023-03-22
///         source: 全國法規資料庫 沿革
///     articles:
///       第12條:
///         since: 2023-02-15
///         duty: 菸品不得以媒體、網路、折扣、贈品、活動等方式促銷或廣告
///         binds: [manufacturer, agency, media, advertiser]
///         penalties:
///           - article: 第34條
///             who: [advertiser, seller]
///             fine: 100000-500000
///         source: 全國法規資料庫 L0070021 第12條、第34條
///
/// See docs/laws.md for every key.
enum LawFile {
    static let entryKeys = ["name", "pcode", "status", "repealed", "replaced-by", "url", "authority", "verified",
                            "no-rule", "note", "versions", "articles"]
    static let versionKeys = ["promulgated", "in-force", "note", "source"]
    static let articleKeys = ["since", "in-force", "cited-as", "new", "duty", "binds", "penalties", "penalty-via",
                              "no-penalty", "authority", "source", "note", "earlier", "amended"]
    static let penaltyKeys = ["article", "who", "label", "fine", "criminal", "sanction", "condition", "also"]

    /// A `penalty-via` as written, resolved once every law is loaded.
    struct PendingVia {
        var pcode: String
        var article: Provision
        var since: CalendarDate
        var text: Located<String>
        var file: String
    }

    /// `laws.yaml`: a `laws:` list.
    static func parseList(_ text: String, file: String) throws(RuleFileError) -> [(LawEntry, [PendingVia])] {
        let map = try YAMLMap(try YAMLDocument.parse(text, file: file), file: file, path: "")
        try map.rejectUnknownKeys(allowed: ["laws"])
        guard let sequence = map["laws"]?.sequence else {
            throw map.error(at: map["laws"], .wrongType(key: "laws", expected: "a list of laws"))
        }
        var out: [(LawEntry, [PendingVia])] = []
        for item in sequence { out.append(try entry(YAMLMap(item, file: file, path: "laws"))) }
        return out
    }

    /// `laws/<pcode>.yaml`: one law, whose pcode must be the file's name.
    static func parseOne(_ text: String, file: String, expectedPcode: String) throws(RuleFileError) -> (LawEntry, [PendingVia]) {
        let map = try YAMLMap(try YAMLDocument.parse(text, file: file), file: file, path: "")
        let parsed = try entry(map)
        guard parsed.0.pcode == expectedPcode else {
            let pcode = try map.requiredString("pcode")
            throw RuleFileError(file: file, line: pcode.line, column: pcode.column,
                                kind: .invalid("pcode `\(parsed.0.pcode)` does not match the file name (expected `\(expectedPcode)`)"))
        }
        return parsed
    }

    static func entry(_ map: YAMLMap) throws(RuleFileError) -> (LawEntry, [PendingVia]) {
        try map.rejectUnknownKeys(allowed: entryKeys)
        let pcode = try map.requiredString("pcode")
        guard pcode.value.range(of: #"^[A-Z][0-9]{7}$"#, options: .regularExpression) != nil else {
            throw RuleFileError(file: map.file, line: pcode.line, column: pcode.column,
                                kind: .invalidValue(key: map.keyPath("pcode"), value: pcode.value,
                                                    allowed: ["a national law database code such as L0040001"]))
        }
        let status = try map.requiredString("status")
        guard let parsedStatus = LawEntry.Status(rawValue: status.value) else {
            throw RuleFileError(file: map.file, line: status.line, column: status.column,
                                kind: .invalidValue(key: map.keyPath("status"), value: status.value, allowed: ["in-force", "repealed"]))
        }
        var law = LawEntry(pcode: pcode.value, name: try map.requiredString("name").value, status: parsedStatus,
                           repealedOn: try map.string("repealed")?.value,
                           replacedBy: try map.stringList("replaced-by")?.map(\.value) ?? [],
                           url: try map.string("url")?.value, authority: try map.string("authority")?.value,
                           verified: try date(map, "verified"), noRule: try map.string("no-rule")?.value,
                           note: try map.string("note")?.value, file: map.file)
        if let node = map["versions"] {
            guard let sequence = node.sequence, !sequence.isEmpty else {
                throw map.error(at: node, .wrongType(key: map.keyPath("versions"), expected: "a list of versions with `promulgated` and `in-force`"))
            }
            for item in sequence {
                let version = try YAMLMap(item, file: map.file, path: map.keyPath("versions"))
                try version.rejectUnknownKeys(allowed: versionKeys)
                guard let promulgated = try date(version, "promulgated") else { throw version.error(at: nil, .missingKey(version.keyPath("promulgated"))) }
                let effective = try version.requiredString("in-force")
                var inForce: CalendarDate?
                if effective.value != "pending" {
                    guard let day = CalendarDate(effective.value), day >= promulgated else {
                        throw RuleFileError(file: map.file, line: effective.line, column: effective.column,
                                            kind: .invalidValue(key: version.keyPath("in-force"), value: effective.value,
                                                                allowed: ["a YYYY-MM-DD date on or after `promulgated`", "pending (passed, effective date not yet set)"]))
                    }
                    inForce = day
                }
                if let last = law.versions.last, last.promulgated >= promulgated {
                    throw version.error(at: version["promulgated"], .invalid("versions go oldest first, each promulgated on its own day"))
                }
                law.versions.append(LawVersion(promulgated: promulgated, inForce: inForce,
                                               note: try version.string("note")?.value, source: try version.string("source")?.value))
            }
        }
        var vias: [PendingVia] = []
        if let node = map["articles"] {
            guard let mapping = node.mapping else {
                throw map.error(at: node, .wrongType(key: map.keyPath("articles"), expected: "a mapping of provision (`第12條`) to its facts"))
            }
            for (key, value) in mapping {
                guard let keyText = key.string else { throw map.error(at: key, .wrongType(key: map.keyPath("articles"), expected: "provision keys such as 第12條")) }
                let provision: Provision
                do { provision = try Provision.parse(keyText) } catch {
                    throw map.error(at: key, .invalid("`\(keyText)` is not a provision: \(error.reason)"))
                }
                if law.articles.contains(where: { $0.provision == provision }) {
                    throw map.error(at: key, .invalid("`\(provision)` is described twice"))
                }
                let article = try YAMLMap(value, file: map.file, path: map.keyPath("articles.\(keyText)"))
                try article.rejectUnknownKeys(allowed: articleKeys)
                var versions = [try articleVersion(article, law: law, provision: provision, vias: &vias)]
                for (listKey, older) in [("earlier", true), ("amended", false)] {
                    guard let list = article[listKey] else { continue }
                    guard let sequence = list.sequence, !sequence.isEmpty else {
                        throw article.error(at: list, .wrongType(key: article.keyPath(listKey), expected: "a list of versions"))
                    }
                    for item in sequence {
                        let other = try YAMLMap(item, file: map.file, path: article.keyPath(listKey))
                        try other.rejectUnknownKeys(allowed: articleKeys.filter { $0 != "earlier" && $0 != "amended" })
                        let version = try articleVersion(other, law: law, provision: provision, vias: &vias)
                        guard older ? version.since < versions[0].since : version.since > versions[0].since else {
                            throw other.error(at: other["since"], .invalid(older ? "an `earlier` version must be older than the current one"
                                                                          : "an `amended` version must be newer than the current one"))
                        }
                        if !older, law.inForce(version) != nil && law.inForce(version)! <= (law.inForce(versions[0]) ?? version.since) {
                            throw other.error(at: other["since"], .invalid("an `amended` version takes effect after the current one"))
                        }
                        versions.append(version)
                    }
                }
                versions.sort { $0.since < $1.since }
                for (a, b) in zip(versions, versions.dropFirst()) where a.since == b.since {
                    throw article.error(at: nil, .invalid("`\(provision)` has two versions since \(a.since)"))
                }
                if versions.dropFirst().contains(where: \.isNew) {
                    throw article.error(at: nil, .invalid("only the oldest version of `\(provision)` may say `new: true`"))
                }
                law.articles.append(ArticleEntry(provision: provision, versions: versions, line: key.mark?.line ?? 1))
            }
            law.articles.sort { $0.provision < $1.provision }
        }
        return (law, vias)
    }

    static func articleVersion(_ map: YAMLMap, law: LawEntry, provision: Provision,
                               vias: inout [PendingVia]) throws(RuleFileError) -> ArticleVersion {
        guard let since = try date(map, "since") else { throw map.error(at: nil, .missingKey(map.keyPath("since"))) }
        if !law.versions.isEmpty, law.version(promulgated: since) == nil {
            throw map.error(at: map["since"], .invalid("`since: \(since)` names no version in `versions` (\(law.versions.map { "\($0.promulgated)" }.joined(separator: ", ")))"))
        }
        if law.versions.isEmpty, try date(map, "in-force") == nil {
            throw map.error(at: map["since"], .invalid("give the law's `versions` (or this article's `in-force`) so the day it takes effect is known"))
        }
        var citedAs: Provision?
        if let text = try map.string("cited-as") {
            do { citedAs = try Provision.parse(text.value) } catch {
                throw RuleFileError(file: map.file, line: text.line, column: text.column, kind: .invalid("`cited-as`: \(error.reason)"))
            }
        }
        var binds: [Addressee] = []
        guard let bindItems = try map.stringList("binds"), !bindItems.isEmpty else { throw map.error(at: map["binds"], .missingKey(map.keyPath("binds"))) }
        for item in bindItems { binds.append(try addressee(item, key: map.keyPath("binds"), file: map.file)) }
        var penalties: [Penalty] = []
        if let node = map["penalties"] {
            guard let sequence = node.sequence, !sequence.isEmpty else {
                throw map.error(at: node, .wrongType(key: map.keyPath("penalties"), expected: "a list of penalties with `article`, `who` and `fine` or `criminal`"))
            }
            for item in sequence { penalties.append(try penalty(YAMLMap(item, file: map.file, path: map.keyPath("penalties")))) }
        }
        let viaTexts = try map.stringList("penalty-via") ?? []
        for text in viaTexts {
            // Checked once every law is loaded (it may name another law).
            vias.append(PendingVia(pcode: law.pcode, article: provision, since: since, text: text, file: map.file))
        }
        let noPenalty = try map.string("no-penalty")?.value
        if penalties.isEmpty && viaTexts.isEmpty && noPenalty == nil {
            throw map.error(at: nil, .invalid("`\(provision)` (since \(since)) needs `penalties`, `penalty-via` or `no-penalty` (why there is none)"))
        }
        return ArticleVersion(since: since, inForce: try date(map, "in-force"), citedAs: citedAs,
                              isNew: try map.bool("new") ?? false, duty: try map.requiredString("duty").value,
                              binds: binds, penalties: penalties, penaltyVia: [], noPenalty: noPenalty,
                              authority: try map.string("authority")?.value, source: try map.requiredString("source").value,
                              note: try map.string("note")?.value)
    }

    static func penalty(_ map: YAMLMap) throws(RuleFileError) -> Penalty {
        try map.rejectUnknownKeys(allowed: penaltyKeys)
        var who: [Addressee] = []
        guard let items = try map.stringList("who"), !items.isEmpty else { throw map.error(at: map["who"], .missingKey(map.keyPath("who"))) }
        for item in items { who.append(try addressee(item, key: map.keyPath("who"), file: map.file)) }
        var fine: ClosedRange<Int>?
        if let text = try map.string("fine") {
            let bounds = text.value.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "_", with: "")
                .split(separator: "-", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard bounds.count == 2, let low = bounds[0], let high = bounds[1], low >= 0, low <= high, high > 0 else {
                throw RuleFileError(file: map.file, line: text.line, column: text.column,
                                    kind: .invalidValue(key: map.keyPath("fine"), value: text.value,
                                                        allowed: ["NT$ `min-max`, e.g. 60000-300000 (0-300000 for \"up to\")"]))
            }
            fine = low...high
        }
        let criminal = try map.string("criminal")?.value
        let sanction = try map.string("sanction")?.value
        guard fine != nil || criminal != nil || sanction != nil else {
            throw map.error(at: nil, .invalid("a penalty needs `fine` (NT$ min-max), `criminal` or `sanction` (in the law's words)"))
        }
        return Penalty(article: try map.requiredString("article").value, who: who, label: try map.string("label")?.value,
                       fine: fine, criminal: criminal, sanction: sanction, condition: try map.string("condition")?.value,
                       also: try map.string("also")?.value)
    }

    static func addressee(_ item: Located<String>, key: String, file: String) throws(RuleFileError) -> Addressee {
        guard let value = Addressee(rawValue: item.value) else {
            throw RuleFileError(file: file, line: item.line, column: item.column,
                                kind: .invalidValue(key: key, value: item.value, allowed: Addressee.allCases.map(\.rawValue)))
        }
        return value
    }

    static func date(_ map: YAMLMap, _ key: String) throws(RuleFileError) -> CalendarDate? {
        guard let text = try map.string(key) else { return nil }
        guard let day = CalendarDate(text.value) else {
            throw RuleFileError(file: map.file, line: text.line, column: text.column,
                                kind: .invalidValue(key: map.keyPath(key), value: text.value, allowed: ["a YYYY-MM-DD date"]))
        }
        return day
    }
}
