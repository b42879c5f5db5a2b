import LintCore

/// Turns accepted matches into findings located in the source text.
struct FindingBuilder {
    let document: ExtractedDocument
    let segments: [PreparedSegment]

    func build(_ raw: [RawFinding]) -> [Finding] {
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
            findings.append(Finding(
                ruleID: rule.id, ruleName: rule.name, severity: rule.severity,
                message: rule.message.render(values), references: rule.references, suggestion: rule.suggestion,
                path: document.path, byteRange: sourceRange,
                start: positions[sourceRange.lowerBound]!, end: positions[sourceRange.upperBound]!,
                matchedText: matched, zone: segment.segment.zone, logicalLocation: segment.segment.logicalLocation,
                snippet: document.source.snippet(for: sourceRange), segmentIndex: finding.segment))
        }
        return findings.sorted(by: Finding.stableOrder)
    }
}
