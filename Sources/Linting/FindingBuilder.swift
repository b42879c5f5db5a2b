import LintCore

/// Turns accepted matches into findings located in the source text.
struct FindingBuilder {
    let document: ExtractedDocument
    let segments: [PreparedSegment]

    func build(_ raw: [RawFinding]) -> [Finding] { buildInInputOrder(raw).inStableOrder() }

    /// The findings of `raw`, one each, in the order of `raw`.
    func buildInInputOrder(_ raw: [RawFinding]) -> [Finding] {
        let located = raw.map { finding -> (RawFinding, Range<Int>) in
            (finding, segments[finding.segment].sourceRange(finding.range))
        }
        var offsets: [Int] = []
        offsets.reserveCapacity(located.count * 2)
        for (_, range) in located {
            offsets.append(range.lowerBound)
            offsets.append(range.upperBound)
        }
        let positions = document.source.positions(of: offsets)
        var findings: [Finding] = []
        findings.reserveCapacity(located.count)
        for (finding, sourceRange) in located {
            let segment = segments[finding.segment]
            let rule = finding.rule
            let matched = segment.text(finding.range)
            var values = ["match": matched]
            if case let .span(span) = rule.pattern {
                for (name, number) in span.regex.groupNames {
                    if let range = finding.groups.indices.contains(number) ? finding.groups[number] : nil {
                        values[name] = segment.text(range)
                    }
                }
            }
            if !finding.missing.isEmpty {
                let separator = { if case let .document(doc) = rule.pattern, doc.mode == .anyOf { return "或" } else { return "、" } }()
                values["missing"] = finding.missing.map { "「\($0)」" }.joined(separator: separator)
            }
            let location = locate(finding, in: segment, sourceRange: sourceRange)
            findings.append(Finding(
                ruleID: rule.id, ruleName: rule.name, severity: rule.severity,
                message: rule.message.render(values), references: rule.references, suggestion: rule.suggestion,
                path: document.path, byteRange: sourceRange,
                start: positions[sourceRange.lowerBound]!, end: positions[sourceRange.upperBound]!,
                matchedText: matched, zone: segment.zone(of: finding.range), logicalLocation: location?.description,
                snippet: document.source.snippet(for: sourceRange), segmentIndex: finding.segment,
                location: location))
        }
        return findings
    }

    /// The logical location of a finding: its page and line in a paged document, else its
    /// segment's location with the column of the match inside the segment.
    private func locate(_ finding: RawFinding, in segment: PreparedSegment, sourceRange: Range<Int>) -> SourceLocation? {
        if let pages = document.pageMap { return pages.location(of: sourceRange.lowerBound, in: document.source) }
        if var location = segment.segment.location {
            if location.kind == .paragraph || location.kind == .slide || location.kind == .cell {
                location.character = segment.characterCount(before: finding.range.lowerBound) + 1
            }
            return location
        }
        return segment.segment.logicalLocation.map { SourceLocation(kind: .text, description: $0) }
    }

    /// Locates checklists at their trigger.
    func build(_ checklists: [RawChecklist]) -> [ChecklistResult] {
        let positions = document.source.positions(of: checklists.map { segments[$0.trigger.segment].sourceRange($0.trigger.range).lowerBound })
        return checklists.map { raw in
            let segment = segments[raw.trigger.segment]
            let start = segment.sourceRange(raw.trigger.range).lowerBound
            return ChecklistResult(ruleID: raw.rule.id, element: raw.element, path: document.path,
                                   triggerText: segment.text(raw.trigger.range), line: positions[start]?.line ?? 1,
                                   logicalLocation: locate(raw.trigger, in: segment, sourceRange: segment.sourceRange(raw.trigger.range))?.description,
                                   items: raw.items)
        }
    }
}

extension FindingBuilder {
    /// Findings of `structure` rules, at their facts.
    func build(facts matches: [StructureRunner.Match]) -> [Finding] {
        guard !matches.isEmpty else { return [] }
        let positions = document.source.positions(of: matches.flatMap { [$0.range.lowerBound, $0.range.upperBound] })
        let segmentStarts = segments.map { $0.segment.sourceMap.baseStart(0) }
        return matches.map { match in
            let range = match.range
            let bytes = document.source.bytes
            let matched = String(decoding: bytes[min(range.lowerBound, bytes.count)..<min(range.upperBound, bytes.count)], as: UTF8.self)
            var values: [String: String] = ["match": matched]
            for name in match.fact.kind.properties.keys { values[name] = match.fact[name]?.description ?? "" }
            for (name, value) in match.fact.properties { if case let .text(text) = value { values[name] = text } }
            // The segment the fact sits in or follows, so findings in files without lines
            // keep the document's order.
            var segment = 0
            while segment + 1 < segmentStarts.count && segmentStarts[segment + 1] <= range.lowerBound { segment += 1 }
            var location = match.fact.location
            if location == nil, let pages = document.pageMap { location = pages.location(of: range.lowerBound, in: document.source) }
            let rule = match.rule
            return Finding(
                ruleID: rule.id, ruleName: rule.name, severity: rule.severity, message: rule.message.render(values),
                references: rule.references, suggestion: rule.suggestion, path: document.path, byteRange: range,
                start: positions[range.lowerBound]!, end: positions[range.upperBound]!, matchedText: matched,
                zone: StructureRunner.zone(of: match.fact.kind), logicalLocation: location?.description,
                snippet: document.source.snippet(for: range), segmentIndex: segment, location: location)
        }
    }
}
