import LintCore

/// A citation as rules (and `penalty-via` in law files) write it: the law's registered name,
/// a space, and its provisions: `食品安全衛生管理法 第28條第2項`, `消費者保護法 第19條第1項、第5項`,
/// `化粧品標示宣傳廣告涉及虛偽誇大或醫療效能認定準則 第5條第1款、附件四`. Every provision must be
/// described in the law's fact table.
enum CitationSyntax {
    static let example = "食品安全衛生管理法 第28條第2項"

    static func parse(_ text: Located<String>, table: LawTable, file: String, key: String) throws(RuleFileError) -> CitedProvisions {
        func fail(_ kind: RuleFileError.Kind) -> RuleFileError {
            RuleFileError(file: file, line: text.line, column: text.column, kind: kind)
        }
        let trimmed = text.value.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let space = trimmed.firstIndex(where: \.isWhitespace) else {
            throw fail(.badCitation("`\(trimmed)` in `\(key)` needs the law's name, a space and the provisions"))
        }
        let name = String(trimmed[..<space])
        let articles = String(trimmed[space...])
        guard let law = table.entry(named: name) else {
            // A pcode written instead of the name gets the name as the suggestion.
            let suggestion = table[name]?.name ?? EditDistance.closest(to: name, in: table.laws.values.map(\.name))
            throw fail(.unknownLaw(name: name, suggestion: suggestion))
        }
        if law.status == .repealed {
            throw RuleFileError(file: file, line: text.line, column: text.column,
                                kind: .repealedLaw(name: law.name, pcode: law.pcode, repealed: law.repealedOn ?? "an earlier date"))
        }
        let provisions: [Provision]
        do { provisions = try Provision.parseList(articles) } catch { throw fail(.badCitation(error.reason)) }
        for provision in provisions where law.entry(covering: provision) == nil {
            let inside = law.entries(inside: provision).map(\.provision.description)
            if inside.isEmpty {
                throw fail(.provisionNotInTable(law: law.name, provision: provision.description,
                                                table: law.file ?? "Rules/laws/\(law.pcode).yaml"))
            }
            throw fail(.provisionInParts(law: law.name, provision: provision.description, parts: inside))
        }
        return CitedProvisions(pcode: law.pcode, provisions: provisions)
    }
}
