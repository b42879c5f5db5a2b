import Checker
import Foundation
import LintCore
import Linting
import MCP
import Reporters

/// What the MCP tools do, apart from the protocol: check a text, explain a rule, list rules.
/// Every answer has a text for the assistant to read (Traditional Chinese, like adlaw's
/// reports) and the same facts as structured content.
public struct CopyTools: Sendable {
    let checker: Checker
    let options: CheckOptions

    public init(checker: Checker, options: CheckOptions = CheckOptions()) {
        self.checker = checker
        self.options = options
    }

    /// Why a tool call could not be answered: bad arguments, named so the assistant can fix them.
    public struct ToolError: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    /// The product types (`sectors.yaml`) a caller may name.
    public var productTypes: [(id: String, name: String)] {
        checker.ruleSet.sectors.definitions.map { ($0.id.rawValue, $0.name) }
    }

    /// `check_copy`: the findings of a text, with citations and suggestions.
    /// `publisher` is who publishes the copy (`government`, `private`, or a Chinese name), as
    /// `--publisher`: it changes the accessibility findings' severity and citations.
    public func checkCopy(text: String, productType: String?, format: String?, channel: String?,
                          publisher: String? = nil) throws(ToolError) -> (text: String, structured: Value) {
        guard !text.isEmpty else { throw ToolError(description: "`text` is empty: pass the copy to check") }
        guard text.utf8.count <= 1 << 20 else { throw ToolError(description: "`text` is larger than 1 MiB; check it in parts or with `adlaw check`") }
        let ext = (format ?? "txt").lowercased()
        guard ["txt", "md", "markdown", "html", "csv", "json"].contains(ext) else {
            throw ToolError(description: "`format` must be one of txt, md, html, csv, json")
        }
        var options = options
        if let productType, !productType.isEmpty { options.sectors = [productType] }
        if let channel, !channel.isEmpty { options.channels = [channel] }
        if let publisher, !publisher.isEmpty {
            guard Publisher(named: publisher) != nil else {
                throw ToolError(description: "`publisher` must be \(Publisher.accepted), not `\(publisher)`")
            }
            options.publisher = publisher
        }
        let result: CheckResult
        do {
            result = try checker.run(.documents([InMemoryDocument(name: "copy.\(ext)", text: text)]), options: options)
        } catch {
            let known = productTypes.map(\.id).joined(separator: ", ")
            throw ToolError(description: "\(error.description.replacingOccurrences(of: "error: ", with: "")) (product_type is one of: \(known))")
        }
        let document = result.documents.first
        let sectors = document?.sectors
        let complete = sectors.map { $0.source != .none } ?? false
        var lines: [String] = []
        let findings = result.open
        if findings.isEmpty {
            lines.append(complete ? "未發現風險詞句（已依「\(sectors!.sectors.map(\.rawValue).joined(separator: "、"))」類別規則檢查）。"
                                  : "未發現風險詞句，但無法判斷產品類別：各產品類別的專屬規則未執行，這不代表可以刊登。請以 product_type 指定產品類別後再檢查。")
        } else {
            lines.append("發現 \(findings.count) 處風險詞句：")
        }
        var items: [Value] = []
        for (index, finding) in findings.enumerated() {
            lines.append("")
            lines.append("\(index + 1). 「\(finding.matchedText)」（第 \(finding.start.line) 行第 \(finding.start.column) 字）\(CopyTools.label(finding.severity))：\(finding.message) [\(finding.ruleID.rawValue)]")
            for reference in finding.references {
                lines.append("   法規：\(reference.citation)" + (reference.penalty.map { "；\($0)" } ?? ""))
            }
            if let suggestion = finding.suggestion { lines.append("   建議：\(suggestion)") }
            for note in finding.notes { lines.append("   註：\(note)") }
            items.append(.object([
                "rule_id": .string(finding.ruleID.rawValue),
                "rule_name": .string(finding.ruleName),
                "severity": .string(finding.severity.rawValue),
                "text": .string(finding.matchedText),
                "message": .string(finding.message),
                "line": .int(finding.start.line),
                "column": .int(finding.start.column),
                "end_line": .int(finding.end.line),
                "end_column": .int(finding.end.column),
                "citations": .array(finding.references.map { reference in
                    .object(["law": .string(reference.law), "article": .string(reference.article), "pcode": .string(reference.pcode),
                             "penalty": reference.penalty.map(Value.string) ?? .null, "url": reference.url.map(Value.string) ?? .null])
                }),
                "suggestion": finding.suggestion.map(Value.string) ?? .null,
                "notes": .array(finding.notes.map(Value.string)),
            ]))
        }
        let notes = result.diagnostics.map(\.message)
        if !notes.isEmpty {
            lines.append("")
            lines += notes.map { "說明：\($0)" }
        }
        let structured: Value = .object([
            "clean": .bool(findings.isEmpty),
            "complete": .bool(complete),
            "product_types": .array((sectors?.sectors ?? []).map { .string($0.rawValue) }),
            "product_type_source": .string(sectors?.source.rawValue ?? "none"),
            "findings": .array(items),
            "notes": .array(notes.map(Value.string)),
        ])
        return (lines.joined(separator: "\n"), structured)
    }

    /// `explain_rule`: why a phrase is risky, the articles and penalties, examples, what to write.
    public func explainRule(_ id: String) throws(ToolError) -> (text: String, structured: Value) {
        guard let rule = checker.ruleSet.rules.first(where: { $0.id.rawValue == id }) else {
            let close = checker.ruleSet.rules.map(\.id.rawValue).filter { $0.hasPrefix(id.split(separator: ".").first.map(String.init) ?? id) }.prefix(10)
            throw ToolError(description: "no rule `\(id)`" + (close.isEmpty ? "; list_rules shows the ids" : "; rules of that area: \(close.joined(separator: ", "))"))
        }
        let text = RuleExplainer(style: .markdown).render(rule.descriptor, examples: rule.examples)
        return (text, Self.describe(rule))
    }

    /// `list_rules`: the rules, optionally those of one product type or area.
    public func listRules(productType: String?, area: String?) throws(ToolError) -> (text: String, structured: Value) {
        if let productType, !productType.isEmpty, !checker.ruleSet.sectors.isKnown(Sector(productType)) {
            throw ToolError(description: "unknown product_type `\(productType)`; one of: \(productTypes.map(\.id).joined(separator: ", "))")
        }
        let rules = checker.ruleSet.rules.filter { rule in
            (productType.map { $0.isEmpty || rule.sectors.contains(Sector($0)) || rule.sectors.contains(.all) } ?? true)
                && (area.map { $0.isEmpty || rule.id.rawValue.hasPrefix($0 + ".") } ?? true)
        }
        let lines = rules.map { "\($0.id.rawValue)\t\($0.severity.rawValue)\t\($0.name)" }
        return ("\(rules.count) 條規則\n" + lines.joined(separator: "\n"), .object(["rules": .array(rules.map(Self.describe))]))
    }

    static func describe(_ rule: Rule) -> Value {
        .object([
            "id": .string(rule.id.rawValue),
            "name": .string(rule.name),
            "severity": .string(rule.severity.rawValue),
            "product_types": .array(rule.sectors.map { .string($0.rawValue) }),
            "rationale": .string(rule.rationale),
            "citations": .array(rule.references.map { .string($0.citation + ($0.penalty.map { "；\($0)" } ?? "")) }),
            "suggestion": rule.suggestion.map(Value.string) ?? .null,
        ])
    }

    static func label(_ severity: Severity) -> String {
        switch severity {
        case .error: "違法風險高"
        case .warning: "需佐證或揭露"
        case .info: "建議檢視"
        }
    }
}
