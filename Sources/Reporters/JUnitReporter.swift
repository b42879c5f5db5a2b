import LintCore

/// JUnit XML for CI test-report views (GitLab `artifacts:reports:junit`, Jenkins, Azure):
/// one `<testsuite>` per checked file, one failing `<testcase>` per finding, one passing
/// `<testcase>` for a clean file, and an `<error>` test case for a file that could not be
/// read, so the counts in the CI view mean something.
public struct JUnitReporter: Reporter {
    public init() {}

    public func render(_ report: LintReport) -> String {
        let byPath = Dictionary(grouping: report.findings, by: \.path)
        let waivedByPath = Dictionary(grouping: report.waived, by: \.finding.path)
        var paths = report.files.map(\.path)
        for path in byPath.keys where !paths.contains(path) { paths.append(path) }
        let inputErrors = report.diagnostics.filter { $0.level == .error }
        for diagnostic in inputErrors where !paths.contains(diagnostic.path) { paths.append(diagnostic.path) }

        var suites = ""
        var totalTests = 0, totalFailures = 0, totalErrors = 0, totalSkipped = 0
        for path in paths.sorted() {
            let findings = byPath[path] ?? []
            let errors = inputErrors.filter { $0.path == path }
            var cases = ""
            for finding in findings {
                let location = "\(finding.path):\(finding.start.line):\(finding.start.column)"
                var body = "\(location): \(finding.severity.rawValue): \(finding.message) [\(finding.ruleID)]"
                for reference in finding.references {
                    body += "\nlaw: \(reference.citation)" + (reference.penalty.map { "；\($0)" } ?? "")
                }
                if let suggestion = finding.suggestion { body += "\nsuggestion: \(suggestion)" }
                for note in finding.notes { body += "\nnote: \(note)" }
                cases += "    <testcase classname=\"adlaw.\(XMLText.attribute(finding.ruleID.rawValue))\" name=\"\(XMLText.attribute("\(location) \(finding.ruleID)"))\" file=\"\(XMLText.attribute(path))\" line=\"\(finding.start.line)\" time=\"0\">\n"
                cases += "      <failure type=\"\(XMLText.attribute(finding.ruleID.rawValue))\" message=\"\(XMLText.attribute(finding.message))\">\(XMLText.content(body))</failure>\n"
                cases += "    </testcase>\n"
            }
            for diagnostic in errors {
                cases += "    <testcase classname=\"adlaw\" name=\"\(XMLText.attribute(path))\" file=\"\(XMLText.attribute(path))\" time=\"0\">\n"
                cases += "      <error type=\"\(XMLText.attribute(diagnostic.code.rawValue))\" message=\"\(XMLText.attribute(diagnostic.message))\"/>\n"
                cases += "    </testcase>\n"
            }
            // Findings that do not count are skipped test cases, with the reason.
            let waived = waivedByPath[path] ?? []
            for item in waived {
                let finding = item.finding
                let location = "\(finding.path):\(finding.start.line):\(finding.start.column)"
                let reason = switch item.waiver {
                case let .suppressed(directive): "suppressed: \(directive.reason ?? "")"
                case let .substantiated(claim): "substantiated by claim \(claim.id): \(claim.evidence); approved by \(claim.approvedBy) until \(claim.expires)"
                case let .baselined(file): "in the baseline \(file)"
                }
                cases += "    <testcase classname=\"adlaw.\(XMLText.attribute(finding.ruleID.rawValue))\" name=\"\(XMLText.attribute("\(location) \(finding.ruleID)"))\" file=\"\(XMLText.attribute(path))\" line=\"\(finding.start.line)\" time=\"0\">\n"
                cases += "      <skipped message=\"\(XMLText.attribute(reason))\"/>\n"
                cases += "    </testcase>\n"
            }
            var tests = findings.count + errors.count + waived.count
            if tests == 0 {
                cases += "    <testcase classname=\"adlaw\" name=\"\(XMLText.attribute(path))\" file=\"\(XMLText.attribute(path))\" time=\"0\"/>\n"
                tests = 1
            }
            totalTests += tests
            totalFailures += findings.count
            totalErrors += errors.count
            totalSkipped += waived.count
            suites += "  <testsuite name=\"\(XMLText.attribute(path))\" tests=\"\(tests)\" failures=\"\(findings.count)\" errors=\"\(errors.count)\" skipped=\"\(waived.count)\" time=\"0\">\n"
            suites += cases
            suites += "  </testsuite>\n"
        }
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"adlaw\" tests=\"\(totalTests)\" failures=\"\(totalFailures)\" errors=\"\(totalErrors)\" skipped=\"\(totalSkipped)\" time=\"\(Self.seconds(report.durationSeconds ?? 0))\">\n"
        out += suites
        out += "</testsuites>\n"
        return out
    }

    static func seconds(_ value: Double) -> String {
        let millis = Int((value * 1000).rounded())
        let fraction = String(millis % 1000)
        return "\(millis / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)"
    }
}
