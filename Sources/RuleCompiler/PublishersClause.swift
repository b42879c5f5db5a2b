import LintCore
import Yams

/// `publishers:` the finding as worded for another publisher. The rule's own severity,
/// message and references are for a private publisher (the default); a government body's
/// web page may be bound by law where a shop's is not:
///
///     publishers:
///       government:
///         formats: [html, markdown]      # optional: only for documents of these formats
///         severity: error
///         message: …                     # optional; default the rule's
///         rationale: …                   # optional
///         references: [ … ]              # optional; one line per citation, as the rule's
enum PublishersClause {
    static let keys = ["formats", "severity", "message", "rationale", "references"]

    static func compile(_ node: Node, rule compiler: RuleFileCompiler, context: CompileContext,
                        placeholders: [String]) throws(RuleFileError) -> [(variant: PublisherVariant, cites: [CitedProvisions])] {
        let map = try YAMLMap(node, file: context.file, path: "publishers")
        try map.rejectUnknownKeys(allowed: Publisher.allCases.map(\.rawValue))
        var variants: [(variant: PublisherVariant, cites: [CitedProvisions])] = []
        for name in map.keys {
            let publisher = Publisher(rawValue: name)!
            let entry = try YAMLMap(map[name]!, file: context.file, path: "publishers.\(name)")
            try entry.rejectUnknownKeys(allowed: keys)
            let severityText = try entry.requiredString("severity")
            guard let severity = Severity(rawValue: severityText.value) else {
                throw context.error(severityText.line, severityText.column,
                                    .invalidValue(key: entry.keyPath("severity"), value: severityText.value,
                                                  allowed: Severity.allCases.reversed().map(\.rawValue)))
            }
            var formats: [String] = []
            for format in try entry.stringList("formats") ?? [] {
                guard StructurePatternCompiler.formats.contains(format.value) else {
                    throw context.error(format.line, format.column,
                                        .invalidValue(key: entry.keyPath("formats"), value: format.value, allowed: StructurePatternCompiler.formats))
                }
                formats.append(format.value)
            }
            let message = try entry.string("message")
            if let message {
                guard message.value.unicodeScalars.contains(where: \.isHan) else {
                    throw context.error(message.line, message.column, .notTraditionalChinese(key: entry.keyPath("message")))
                }
                for placeholder in MessageTemplate(message.value).placeholders where !placeholders.contains(placeholder) {
                    throw context.error(message.line, message.column, .unknownPlaceholder(placeholder, allowed: placeholders))
                }
            }
            let cited = entry.has("references") ? try compiler.readReferences(entry) : nil
            let variant = PublisherVariant(publisher: publisher, formats: formats, severity: severity,
                                           message: message.map { MessageTemplate($0.value) },
                                           rationale: try entry.string("rationale")?.value, references: cited?.0)
            variants.append((variant, cited?.1 ?? []))
        }
        return variants
    }
}
