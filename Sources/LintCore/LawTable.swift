/// The law registry with its fact tables, by pcode: turns what a rule cites into the
/// citation, penalty and link printed under a finding, for the law in force on a day.
public struct LawTable: Sendable {
    public var laws: [String: LawEntry]

    public init(_ entries: [LawEntry]) {
        var laws: [String: LawEntry] = [:]
        for entry in entries { laws[entry.pcode] = entry }
        self.laws = laws
    }

    public subscript(pcode: String) -> LawEntry? { laws[pcode] }

    public func entry(named name: String) -> LawEntry? { laws.values.first { $0.name == name } }

    /// How one cited provision stands on a day.
    public enum Standing: Sendable, Hashable {
        /// The version shown was in force that day.
        case inForce
        /// The day is before the first version the table describes: the first version is
        /// shown, with a note saying so.
        case notModelled
        /// The provision did not exist yet that day (a later amendment added it).
        case notYetInForce
    }

    /// One cited provision resolved for a day.
    public struct ResolvedProvision: Sendable {
        public var cited: Provision
        public var entry: ArticleEntry
        public var version: ArticleVersion
        public var standing: Standing
        /// Versions passed after the one shown that were not in force that day.
        public var pending: [ArticleVersion]
    }

    /// The version of `entry` in force on `day` (nil: the newest in force, leaving out
    /// amendments whose effective date is not set).
    public func resolve(_ entry: ArticleEntry, in law: LawEntry, asOf day: CalendarDate?) -> (version: ArticleVersion, standing: Standing, pending: [ArticleVersion]) {
        let dated = entry.versions.map { ($0, law.inForce($0)) }
        let effective = dated.filter { _, date in
            guard let date else { return false }
            return day.map { date <= $0 } ?? true
        }
        if let current = effective.last {
            let index = dated.lastIndex { $0.0 == current.0 } ?? dated.count - 1
            return (current.0, .inForce, dated.suffix(from: index + 1).map(\.0))
        }
        let first = entry.versions[0]
        // Before the first version with a date: either the provision did not exist yet,
        // or the table does not say what it said then.
        let standing: Standing = first.isNew && law.inForce(first) != nil ? .notYetInForce : .notModelled
        let shown = entry.versions.first { law.inForce($0) != nil } ?? first
        return (shown, standing, [])
    }

    /// The reference printed for `cited` on `day`: the law's name, the provisions as
    /// numbered that day, the duty, the penalties of every provision (and of the provisions
    /// they point to), the link and any note. Nil when no cited provision was in force.
    /// Every provision must be covered by an entry (the loader checks that first). A
    /// `penalty-via` target that the same rule also cites (`citedTogether`) is named
    /// (「依食品安全衛生管理法第28條第2項處罰」) instead of repeating its amounts.
    public func reference(for cited: CitedProvisions, asOf day: CalendarDate?,
                          citedTogether: [CitedProvisions] = []) -> LegalReference? {
        guard let law = laws[cited.pcode] else { return nil }
        var resolved: [ResolvedProvision] = []
        for provision in cited.provisions {
            guard let entry = law.entry(covering: provision) else { continue }
            let (version, standing, pending) = resolve(entry, in: law, asOf: day)
            guard standing != .notYetInForce else { continue }
            resolved.append(ResolvedProvision(cited: provision, entry: entry, version: version, standing: standing, pending: pending))
        }
        guard let first = resolved.first else { return nil }

        // As numbered that day: a renumbered entry is cited by its number then.
        var shown: [Provision] = []
        for item in resolved {
            let provision = item.version.citedAs ?? item.cited
            if !shown.contains(provision) { shown.append(provision) }
        }
        var duties: [String] = []
        var penalties: [Penalty] = []
        var withoutPenalty: [String] = []
        var authorities: [String] = []
        for item in resolved {
            if !duties.contains(item.version.duty) { duties.append(item.version.duty) }
            var version = item.version
            // Targets cited beside this reference carry their own penalty text.
            for via in version.penaltyVia {
                guard let target = laws[via.pcode] else { continue }
                let together = via.provisions.filter { provision in
                    citedTogether.contains { other in
                        other.pcode == via.pcode && other.provisions.contains { provision.covers($0) || $0.covers(provision) }
                    }
                }
                guard !together.isEmpty else { continue }
                let text = "依\(target.pcode == law.pcode ? "" : target.name)\(Provision.render(together))處罰"
                if !withoutPenalty.contains(text) { withoutPenalty.append(text) }
                version.penaltyVia.removeAll { $0 == via }
                if via.provisions.count > together.count {
                    version.penaltyVia.append(CitedProvisions(pcode: via.pcode, provisions: via.provisions.filter { !together.contains($0) }))
                }
            }
            for penalty in self.penalties(of: version, in: law, asOf: day, depth: 0) where !penalties.contains(penalty) {
                penalties.append(penalty)
            }
            if let none = item.version.noPenalty, !withoutPenalty.contains(none) { withoutPenalty.append(none) }
            if let authority = item.version.authority ?? law.authority, !authorities.contains(authority) { authorities.append(authority) }
        }
        let naming = penalties.count > 1 || penalties.contains { $0.who != [.advertiser] }
        let penaltyText = penalties.map { $0.rendered(naming: naming) } + withoutPenalty

        var notes: [String] = []
        if let early = resolved.first(where: { $0.standing == .notModelled }), let day {
            let from = law.inForce(early.version).map { "\($0)" } ?? "\(early.version.since)"
            notes.append("本表未收錄\(day)時之條文，依\(from)施行之條文標示")
        }
        for item in resolved {
            for version in item.pending {
                let when = law.inForce(version).map { "，\($0)施行" } ?? "，施行日期未定"
                let note = "\(item.entry.provision)已於\(version.since)修正公布\(when)"
                if !notes.contains(note) { notes.append(note) }
            }
        }
        var versionTexts: [String] = []
        for item in resolved.sorted(by: { $0.version.since < $1.version.since }) {
            let text = law.inForce(item.version).map { "\(item.version.since)公布，\($0)施行" } ?? "\(item.version.since)公布"
            if !versionTexts.contains(text) { versionTexts.append(text) }
        }
        let versionText = versionTexts.joined(separator: "；")

        return LegalReference(
            law: law.name, article: Provision.render(shown), pcode: law.pcode,
            authority: authorities.isEmpty ? nil : authorities.joined(separator: "；"),
            penalty: penaltyText.isEmpty ? nil : penaltyText.joined(separator: "；"),
            url: law.articleURL(first.version.citedAs ?? first.cited),
            duty: duties.joined(separator: "；"), version: versionText,
            note: notes.isEmpty ? nil : notes.joined(separator: "；"),
            provisions: resolved.map(\.entry.provision.description).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } })
    }

    /// A version's penalties, following `penalty-via` to the provisions it names (at most a
    /// few steps: the loader rejects cycles).
    func penalties(of version: ArticleVersion, in law: LawEntry, asOf day: CalendarDate?, depth: Int) -> [Penalty] {
        var out = version.penalties
        guard depth < 4 else { return out }
        for via in version.penaltyVia {
            guard let target = laws[via.pcode] else { continue }
            for provision in via.provisions {
                guard let entry = target.entry(covering: provision) else { continue }
                let (viaVersion, standing, _) = resolve(entry, in: target, asOf: day)
                guard standing != .notYetInForce else { continue }
                for var penalty in penalties(of: viaVersion, in: target, asOf: day, depth: depth + 1) {
                    if target.pcode != law.pcode && !penalty.article.hasPrefix(target.name) {
                        penalty.article = target.name + penalty.article
                    }
                    if !out.contains(penalty) { out.append(penalty) }
                }
            }
        }
        return out
    }
}

/// A rule not run because none of the provisions it cites was in force on the day checked.
public struct InactiveRule: Sendable, Hashable, Codable {
    public var id: RuleID
    public var reason: String

    public init(id: RuleID, reason: String) {
        self.id = id
        self.reason = reason
    }
}
