import LintCore

/// Checks annotated corpus documents strictly both ways, semgrep style: an annotation
/// on the line before a target line says which rules must (`ruleid:`), must not (`ok:`),
/// should but do not yet (`todoruleid:`), or should not but still do (`todook:`) fire
/// there. A finding nobody annotated is a false positive; an annotation with no finding
/// is a miss.
public struct CorpusChecker: Sendable {
    public enum Mark: String, Sendable, Hashable, CaseIterable {
        case ruleid, ok, todoruleid, todook
    }

    /// One annotation: a rule expected (or not) at a line or logical location.
    public struct Expectation: Sendable, Hashable {
        public var mark: Mark
        public var ruleID: RuleID
        /// The target line (text formats).
        public var line: Int?
        /// The target logical location (formats without lines, from a sidecar file).
        public var location: String?
        /// Where the annotation itself is written.
        public var annotationLine: Int

        public init(mark: Mark, ruleID: RuleID, line: Int?, location: String?, annotationLine: Int) {
            self.mark = mark
            self.ruleID = ruleID
            self.line = line
            self.location = location
            self.annotationLine = annotationLine
        }

        func targets(_ finding: Finding) -> Bool {
            guard finding.ruleID == ruleID else { return false }
            if let location { return finding.logicalLocation == location || "\(finding.start.line)" == location }
            return finding.start.line == line
        }

        var target: String { location ?? "line \(line ?? 0)" }
    }

    /// Counts per area (rule id prefix).
    public struct Tally: Sendable, Hashable {
        public var truePositives = 0
        public var falsePositives = 0
        public var falseNegatives = 0
        /// Known misses (`todoruleid`) and known false positives (`todook`), included above.
        public var knownMisses = 0
        public var knownFalsePositives = 0

        public init() {}

        public var precision: Double? {
            truePositives + falsePositives == 0 ? nil : Double(truePositives) / Double(truePositives + falsePositives)
        }

        public var recall: Double? {
            truePositives + falseNegatives == 0 ? nil : Double(truePositives) / Double(truePositives + falseNegatives)
        }

        public static func += (lhs: inout Tally, rhs: Tally) {
            lhs.truePositives += rhs.truePositives
            lhs.falsePositives += rhs.falsePositives
            lhs.falseNegatives += rhs.falseNegatives
            lhs.knownMisses += rhs.knownMisses
            lhs.knownFalsePositives += rhs.knownFalsePositives
        }
    }

    public struct CaseResult: Sendable {
        public var path: String
        public var failures: [String]
        public var tallies: [String: Tally]
        public var findings: [Finding]
        public var diagnostics: [Diagnostic]
    }

    public let linter: Linter

    public init(linter: Linter) { self.linter = linter }

    /// Annotations written as comments in a text source: `<!-- ruleid: a.b -->`,
    /// `# ok: a.b, c.d`, `// todoruleid: a.b`. Each applies to the next line that is not
    /// itself an annotation.
    public static func annotations(in source: SourceText) -> [Expectation] {
        var pending: [(Mark, [RuleID], Int)] = []
        var out: [Expectation] = []
        for index in 0..<source.lineStarts.count {
            let range = source.lineContentRange(index)
            let line = String(decoding: source.bytes[range], as: UTF8.self)
            if let parsed = parseAnnotation(line) {
                pending.append((parsed.0, parsed.1, index + 1))
                continue
            }
            if line.allSatisfy(\.isWhitespace) { continue }
            for (mark, ids, annotationLine) in pending {
                out += ids.map { Expectation(mark: mark, ruleID: $0, line: index + 1, location: nil, annotationLine: annotationLine) }
            }
            pending = []
        }
        return out
    }

    /// Parses one annotation comment line.
    static func parseAnnotation(_ line: String) -> (Mark, [RuleID])? {
        var text = Substring(line.trimmingWhitespace())
        var closer: String?
        for (opener, close) in [("<!--", "-->"), ("#", nil), ("//", nil), (";", nil)] where text.hasPrefix(opener) {
            text = text.dropFirst(opener.count)
            closer = close
            break
        }
        if let closer {
            guard text.hasSuffix(closer) else { return nil }
            text = text.dropLast(closer.count)
        }
        text = Substring(String(text).trimmingWhitespace())
        guard let colon = text.firstIndex(of: ":"), let mark = Mark(rawValue: String(text[..<colon]).trimmingWhitespace()) else {
            return nil
        }
        let ids = text[text.index(after: colon)...].split(separator: ",").map { String($0).trimmingWhitespace() }
        guard !ids.isEmpty, ids.allSatisfy({ !$0.isEmpty && $0.contains(".") && !$0.contains(" ") }) else { return nil }
        return (mark, ids.map { RuleID($0) })
    }

    /// A sidecar expectations file (`<file>.expect`) for formats without comments. One
    /// annotation per line: `ruleid: a.b @ 12` (a line) or `ok: a.b @ slide 2 ¶1` (a
    /// logical location as the tool prints it). `#` starts a comment.
    public static func sidecar(_ text: String) -> [Expectation] {
        var out: [Expectation] = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(rawLine).trimmingWhitespace()
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let at = line.firstRange(of: " @ "), let (mark, ids) = parseAnnotation(String(line[..<at.lowerBound])) else {
                continue
            }
            let target = String(line[at.upperBound...]).trimmingWhitespace()
            for id in ids {
                out.append(Expectation(mark: mark, ruleID: id, line: Int(target), location: Int(target) == nil ? target : nil,
                                       annotationLine: index + 1))
            }
        }
        return out
    }

    /// Lints `document` with the full rule set and compares with `expectations`.
    public func check(_ document: ExtractedDocument, expectations: [Expectation], options: LintOptions = LintOptions(),
                      scratch: any RegexScratch) -> CaseResult {
        let result = linter.lint(document, options: options, scratch: scratch)
        var failures: [String] = []
        var tallies: [String: Tally] = [:]
        var claimed = Set<Int>()

        for expectation in expectations {
            let hits = result.findings.indices.filter { expectation.targets(result.findings[$0]) }
            let area = expectation.ruleID.area
            switch expectation.mark {
            case .ruleid:
                if hits.isEmpty {
                    tallies[area, default: Tally()].falseNegatives += 1
                    failures.append("\(document.path):\(expectation.annotationLine): missed \(expectation.ruleID) at \(expectation.target)")
                } else {
                    tallies[area, default: Tally()].truePositives += 1
                }
            case .todoruleid:
                if hits.isEmpty {
                    tallies[area, default: Tally()].falseNegatives += 1
                    tallies[area, default: Tally()].knownMisses += 1
                } else {
                    tallies[area, default: Tally()].truePositives += 1
                    failures.append("\(document.path):\(expectation.annotationLine): \(expectation.ruleID) now fires at \(expectation.target); change `todoruleid` to `ruleid`")
                }
            case .ok:
                if !hits.isEmpty {
                    failures.append("\(document.path):\(expectation.annotationLine): \(expectation.ruleID) fired at \(expectation.target), annotated `ok`")
                }
            case .todook:
                if hits.isEmpty {
                    failures.append("\(document.path):\(expectation.annotationLine): \(expectation.ruleID) no longer fires at \(expectation.target); change `todook` to `ok`")
                } else {
                    tallies[area, default: Tally()].falsePositives += 1
                    tallies[area, default: Tally()].knownFalsePositives += 1
                }
            }
            claimed.formUnion(hits)
        }
        for index in result.findings.indices where !claimed.contains(index) {
            let finding = result.findings[index]
            tallies[finding.ruleID.area, default: Tally()].falsePositives += 1
            let location = finding.logicalLocation.map { " (\($0))" } ?? ""
            failures.append("\(document.path):\(finding.start.line):\(finding.start.column)\(location): unexpected \(finding.ruleID) on 「\(finding.matchedText)」")
        }
        // Merged matches of one rule on one line count once.
        return CaseResult(path: document.path, failures: failures, tallies: tallies,
                          findings: result.findings, diagnostics: result.diagnostics)
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars = scalars.dropFirst() }
        while let last = scalars.last, last.isWhitespace { scalars = scalars.dropLast() }
        return String(scalars)
    }
}
