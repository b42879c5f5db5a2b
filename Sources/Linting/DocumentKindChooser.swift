import LintCore

/// Decides whether a document is an ad or an article (`DocumentKind`): `--kind` first, then
/// the front matter's `kind:`, then `.adlaw.yml`, then the copy (`Rules/sectors.yaml`,
/// `article:`): an article only when no selling signal (a price, a buy call, the writer's own
/// product) matches and the article signals that do (a byline, a clinician quoted, a hospital
/// department, 衛教) weigh enough. Anything else is read as an ad.
struct DocumentKindChooser {
    let catalog: SectorCatalog

    /// The kind `--kind`, the front matter or `.adlaw.yml` declares; nil when the copy decides.
    func declared(_ document: ExtractedDocument, options: LintOptions,
                  diagnostics: inout [Diagnostic]) -> DocumentKindDecision? {
        if let kind = options.kind, kind != .auto { return DocumentKindDecision(kind: kind, source: .option) }
        if options.kind != .auto, let declared = document.metadata["kind"] {
            if let kind = DocumentKind(named: declared) {
                if kind != .auto { return DocumentKindDecision(kind: kind, source: .frontMatter) }
            } else {
                diagnostics.append(Diagnostic(code: .unknownKind, level: .warning, path: document.path, line: 1, column: 1,
                                              message: "unknown kind `\(declared)` in the front matter was ignored; write \(DocumentKind.accepted)"))
            }
        }
        if options.kind != .auto, let kind = options.configKind, kind != .auto {
            return DocumentKindDecision(kind: kind, source: .config)
        }
        return nil
    }

    /// Whether reading the copy can change anything: a finding the article data would
    /// report at `info`. Without one the article signals are not searched.
    func matters(for findings: [Finding]) -> Bool {
        guard let article = catalog.article else { return false }
        return findings.contains { $0.severity > .info && article.quicklyCovers($0.ruleID) }
    }

    /// The regexes `infer` may ask its matcher about.
    var signals: [any CompiledRegex] {
        guard let article = catalog.article else { return [] }
        return [article.selling].compactMap { $0 } + article.signals.map { $0.regex }
    }

    /// Reads the copy through `matches` (distinct matches of a regex): an article only when
    /// no selling signal matches and the weights of the article-signal groups that match
    /// (each group once) add up to at least `minSignals`.
    func infer(matches: DistinctMatcher) -> DocumentKindDecision {
        guard let article = catalog.article, !article.signals.isEmpty else { return .assumedAd }
        if article.selling != nil, !matches(article.selling).isEmpty {
            return .assumedAd
        }
        var evidence: [String] = []
        var score = 0
        for (group, regex) in article.signals {
            if let first = matches(regex).first {
                let weight = article.weight(of: group)
                score += weight
                // A group that speaks against an article is named only when it is outweighed.
                evidence.append(weight < 0 ? "\(first)（\(group)，\(weight)）" : "\(first)（\(group)）")
            }
        }
        guard score >= article.minSignals else { return .assumedAd }
        return DocumentKindDecision(kind: .article, source: .inferred, evidence: evidence)
    }

    /// Reports the findings of `article.rules` at `info` with why, and says so in a note.
    static func downgrade(_ findings: inout [Finding], decision: inout DocumentKindDecision, catalog: SectorCatalog,
                          document: ExtractedDocument, diagnostics: inout [Diagnostic]) {
        guard decision.kind == .article, let article = catalog.article else { return }
        var count = 0
        for index in findings.indices where findings[index].severity > .info && article.quicklyCovers(findings[index].ruleID) {
            findings[index].severity = .info
            findings[index].message += article.suffix
            count += 1
        }
        decision.downgraded = count
        guard count > 0 else { return }
        let why: String
        switch decision.source {
        case .option: why = "--kind article"
        case .frontMatter: why = "front matter `kind: article`"
        case .config: why = "`kind: article` in .adlaw.yml"
        case .inferred, .assumed: why = "the copy: no price, buy call or own product, and article signals \(decision.evidence.joined(separator: "、"))"
        }
        let override = decision.source == .inferred
            ? "if it is an ad or a sales page, declare `kind: ad` in front matter or .adlaw.yml, or pass --kind ad"
            : "pass --kind auto to let adlaw decide from the copy"
        diagnostics.append(Diagnostic(code: .readAsArticle, level: .note, path: document.path,
                                      message: "read as an article (health education or news), not an ad, from \(why): \(count) health-claim finding\(count == 1 ? " was" : "s were") reported at info; a reviewer must confirm the copy sells nothing; \(override)"))
    }
}

extension ArticleDefinition {
    /// `covers(_:)` without allocating: it is asked for every finding of every document, and
    /// `RuleID.matches(selector:)` builds the id's area and two scalar arrays for each of
    /// the ~50 selectors (4% of the CPU time of 2,000 product pages).
    func quicklyCovers(_ rule: RuleID) -> Bool {
        rules.contains { rule.quicklyMatches(selector: $0) }
    }
}

extension RuleID {
    /// `matches(selector:)`, the same answer: compared byte by byte when the id and the
    /// selector are both ASCII (every rule id and selector in the rule pack), where bytes,
    /// scalars and characters are one and the same; anything else asks `matches(selector:)`.
    func quicklyMatches(selector pattern: String) -> Bool {
        let answer = pattern.utf8.withContiguousStorageIfAvailable { p in
            rawValue.utf8.withContiguousStorageIfAvailable { r in Self.asciiMatch(p, r) } ?? nil
        } ?? nil
        return answer ?? matches(selector: pattern)
    }

    /// nil when either is not ASCII.
    private static func asciiMatch(_ p: UnsafeBufferPointer<UInt8>, _ r: UnsafeBufferPointer<UInt8>) -> Bool? {
        guard !p.isEmpty, !r.isEmpty else { return nil }
        var star = false
        for byte in p {
            if byte >= 0x80 { return nil }
            if byte == UInt8(ascii: "*") { star = true }
        }
        var dot = -1
        for (index, byte) in r.enumerated() {
            if byte >= 0x80 { return nil }
            if dot < 0, byte == UInt8(ascii: ".") { dot = index }
        }
        // The id itself.
        if p.count == r.count, p.elementsEqual(r) { return true }
        // Its area: the part before the first dot (an id without a dot is its own area).
        if dot >= 0, p.count == dot, p.elementsEqual(r[..<dot]) { return true }
        guard star else { return false }
        // GlobMatcher.matches, over bytes.
        var pi = 0, ti = 0, starP = -1, starT = 0
        while ti < r.count {
            if pi < p.count, p[pi] == UInt8(ascii: "?") || p[pi] == r[ti] {
                pi += 1; ti += 1
            } else if pi < p.count, p[pi] == UInt8(ascii: "*") {
                starP = pi; starT = ti; pi += 1
            } else if starP >= 0 {
                pi = starP + 1; starT += 1; ti = starT
            } else {
                return false
            }
        }
        while pi < p.count, p[pi] == UInt8(ascii: "*") { pi += 1 }
        return pi == p.count
    }
}
