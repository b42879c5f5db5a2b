import Foundation
import LintCore

/// Machine-readable output, versioned (`version` is the schema version; see README).
public struct JSONReporter: Reporter {
    public static let schemaVersion = 1

    public init() {}

    struct Document: Encodable {
        var version: Int
        var tool: Tool
        var findings: [FindingDTO]
        var files: [FileDTO]
        var diagnostics: [DiagnosticDTO]
        var summary: Summary
    }

    struct Tool: Encodable {
        var name: String
        var version: String
    }

    struct ReferenceDTO: Encodable {
        var law: String
        var article: String
        var pcode: String
        var authority: String?
        var penalty: String?
        var url: String?
    }

    struct FindingDTO: Encodable {
        var ruleId: String
        var ruleName: String
        var severity: String
        var message: String
        var references: [ReferenceDTO]
        var path: String
        var line: Int
        var column: Int
        var endLine: Int
        var endColumn: Int
        var byteOffset: Int
        var byteLength: Int
        var matchedText: String
        var suggestion: String?
        var zone: String
        var logicalLocation: String?
        /// Where the finding is, in the file's own terms (see README: "The location object").
        var location: SourceLocation
    }

    struct FileDTO: Encodable {
        var path: String
        var format: String
        var sectors: [String]
        var sectorSource: String
        var inferredFrom: [String: [String]]
        var findings: Int
    }

    struct DiagnosticDTO: Encodable {
        var code: String
        var level: String
        var path: String
        var line: Int?
        var column: Int?
        var message: String
        var ruleId: String?
    }

    struct Summary: Encodable {
        var files: Int
        var findings: Int
        var findingsBySeverity: [String: Int]
        var rulesLoaded: Int
        var durationSeconds: Double
    }

    /// The finding's logical location, or for text files its line and column.
    static func location(of finding: Finding) -> SourceLocation {
        if let location = finding.location { return location }
        if let logical = finding.logicalLocation { return SourceLocation(kind: .text, description: logical) }
        return SourceLocation(kind: .text, description: "line \(finding.start.line), column \(finding.start.column)",
                              column: finding.start.column, line: finding.start.line)
    }

    public func render(_ report: LintReport) -> String {
        let document = Document(
            version: Self.schemaVersion,
            tool: Tool(name: report.toolName, version: report.toolVersion),
            findings: report.findings.map { f in
                FindingDTO(ruleId: f.ruleID.rawValue, ruleName: f.ruleName, severity: f.severity.rawValue, message: f.message,
                           references: f.references.map {
                               ReferenceDTO(law: $0.law, article: $0.article, pcode: $0.pcode, authority: $0.authority,
                                            penalty: $0.penalty, url: $0.url)
                           },
                           path: f.path, line: f.start.line, column: f.start.column, endLine: f.end.line,
                           endColumn: f.end.column, byteOffset: f.byteRange.lowerBound, byteLength: f.byteRange.count,
                           matchedText: f.matchedText, suggestion: f.suggestion, zone: f.zone.rawValue,
                           logicalLocation: f.logicalLocation, location: Self.location(of: f))
            },
            files: report.files.map {
                FileDTO(path: $0.path, format: $0.format, sectors: $0.sectors.map(\.rawValue), sectorSource: $0.sectorSource,
                        inferredFrom: Dictionary(uniqueKeysWithValues: $0.inferredFrom.map { ($0.key.rawValue, $0.value) }),
                        findings: $0.findingCount)
            },
            diagnostics: report.diagnostics.map {
                DiagnosticDTO(code: $0.code, level: $0.level.rawValue, path: $0.path, line: $0.line, column: $0.column,
                              message: $0.message, ruleId: $0.ruleID?.rawValue)
            },
            summary: Summary(files: report.files.count, findings: report.findings.count,
                             findingsBySeverity: Dictionary(uniqueKeysWithValues: Severity.allCases.map { ($0.rawValue, report.count($0)) }),
                             rulesLoaded: report.rulesLoaded, durationSeconds: (report.durationSeconds * 1000).rounded() / 1000))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(document) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
