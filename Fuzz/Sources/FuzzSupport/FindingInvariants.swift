import LintCore

/// What every finding must satisfy: its byte range lies inside the source on character
/// boundaries, its start is not after its end, and its lines exist.
public enum FindingInvariants {
    public static func check(_ findings: [Finding], in document: ExtractedDocument) {
        let source = document.source
        let count = source.bytes.count
        for finding in findings {
            let range = finding.byteRange
            FuzzFailure.check(range.lowerBound >= 0 && range.upperBound <= count,
                              "\(finding.ruleID): byte range \(range) outside the source (\(count) bytes)")
            FuzzFailure.check((finding.start.line, finding.start.column) <= (finding.end.line, finding.end.column),
                              "\(finding.ruleID): start \(finding.start) after end \(finding.end)")
            FuzzFailure.check(finding.start.line >= 1 && finding.end.line <= source.lineStarts.count,
                              "\(finding.ruleID): lines \(finding.start.line)-\(finding.end.line) outside 1...\(source.lineStarts.count)")
            FuzzFailure.check(finding.start.column >= 1, "\(finding.ruleID): column \(finding.start.column)")
        }
        let sorted = findings.sorted(by: Finding.stableOrder)
        FuzzFailure.check(sorted == findings, "findings are not in the stable order")
    }
}
