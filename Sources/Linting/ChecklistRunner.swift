import LintCore

/// Evaluates one `checklist` rule on a document, after the other rules ran: finds the
/// element's first trigger, then decides each obligation from the text present and the
/// findings of the rules it names.
struct ChecklistRunner {
    let rule: Rule
    let list: ChecklistPattern
    let segments: [PreparedSegment]
    let scratch: any RegexScratch

    static let maxQuotes = 5

    /// The checklist, and a finding when an item is open; nil when the element is absent.
    func run(after findings: [RawFinding]) throws(RegexMatchError) -> RawChecklist? {
        var triggerRunner = RuleRunner(rule: rule, segments: segments, scratch: scratch)
        guard let trigger = try triggerRunner.firstTrigger(list.trigger) else { return nil }
        var items: [ChecklistItemResult] = []
        for item in list.items {
            if let when = item.when, try quotes(when).isEmpty { continue }
            var state = ChecklistItemResult.State.cannotTell
            var evidence: [String] = []
            var contradicted = false
            let figures = try item.figures.map { regex throws(RegexMatchError) in try quotes(regex) } ?? []
            if let phrases = item.phrases {
                evidence = try quotes(phrases)
                state = evidence.isEmpty ? .open : .met
            } else if figures.contains(where: Self.statesAFigure) {
                // The figures the item's rules checked are in the text, and they found nothing.
                state = .met
                evidence = figures
            }
            if !item.noFinding.isEmpty {
                let offending = findings.filter { finding in item.noFinding.contains { finding.rule.id.matches(selector: $0) } }
                if !offending.isEmpty {
                    state = .open
                    contradicted = true
                    evidence = offending.prefix(Self.maxQuotes).map {
                        "\($0.rule.id)：「\(segments[$0.segment].text($0.range))」"
                    }
                }
            }
            let confirm = state == .cannotTell ? (item.confirm ?? "請確認：\(item.label)") : nil
            items.append(ChecklistItemResult(label: item.label, state: state, evidence: evidence, figures: figures,
                                             confirm: confirm, contradicted: contradicted))
        }
        var finding: RawFinding?
        // Only what the text shows to be missing is a finding; what it cannot show is for
        // the reviewer, in the audit.
        let open = items.filter { $0.state == .open }.map(\.label)
        if !open.isEmpty {
            finding = trigger
            finding?.missing = open
        }
        return RawChecklist(rule: rule, element: list.element, trigger: trigger, items: items, finding: finding)
    }

    /// Whether a quoted figure states an amount (a digit, or 百/千/萬/億): `首獎：神秘好禮`
    /// states none, so the rules checking amounts had nothing to check.
    static func statesAFigure(_ text: String) -> Bool {
        text.unicodeScalars.contains { ("0"..."9").contains($0) || ("０"..."９").contains($0) || "百千萬億".unicodeScalars.contains($0) }
    }

    /// Distinct texts matched anywhere in the document, in order, at most `maxQuotes`.
    private func quotes(_ regex: any CompiledRegex) throws(RegexMatchError) -> [String] {
        var out: [String] = []
        for segment in segments {
            var position = 0
            while position < segment.buffer.count, out.count < Self.maxQuotes {
                guard let m = try regex.firstMatch(in: segment.buffer, from: position, end: segment.buffer.count, scratch: scratch),
                      !m.range.isEmpty else { break }
                let text = segment.text(m.range)
                if !out.contains(text) { out.append(text) }
                position = m.range.upperBound
            }
        }
        return out
    }
}

/// A checklist evaluated on a document, before it is located in the source.
struct RawChecklist {
    let rule: Rule
    let element: String
    let trigger: RawFinding
    let items: [ChecklistItemResult]
    let finding: RawFinding?
}
