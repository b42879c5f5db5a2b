/// A compiled rule: what it cites and says, and the matcher program that finds it.
/// Built from a YAML rule file by `RuleCompiler`; never constructed by hand in the CLI.
///
/// Immutable and shared: rules are passed to every document (filtered by sector, handed to
/// runners), and passing one is one reference count. A changed rule (the config's severity)
/// is a new rule (`withSeverity`).
public final class Rule: Sendable {
    public let id: RuleID
    public let name: String
    public let severity: Severity
    public let message: MessageTemplate
    /// Why the rule exists, in words; read from `detailsSource` on each use.
    public var rationale: String { detailsSource.details.rationale }
    /// The provisions the rule cites; read from `detailsSource` on each use.
    public var references: [LegalReference] { detailsSource.details.references }
    /// Where `rationale` and `references` come from: the values themselves (a rule compiled
    /// from its file), or the rule-set cache's section of each rule's, decoded when a
    /// finding of the rule or a command first reads them (they were two thirds of the
    /// rules' JSON, which a check decoded whole at every start).
    public let detailsSource: any RuleDetailsSource
    /// Sectors the rule applies to; contains `.all` for rules that always run.
    public let sectors: [Sector]
    /// Sectors whose own rules decide instead (a cross-sector claim rule steps aside on a
    /// document of a sector that has its own rule for the same claim); empty for most rules.
    public let exceptSectors: [Sector]
    /// Sectors whose own rules decide where they see the same claim (`defers-to:` and
    /// `may-be-lawful-in:`): the rule still runs on their documents (claims first), and
    /// `ClaimsFirst` drops its finding where a rule of such a sector reports an overlapping
    /// span. Empty for most rules.
    public let deference: SectorDeference
    /// Sales channels the rule is limited to (`online` for distance-selling duties); empty
    /// means every channel.
    public let channels: [Channel]
    /// Zones the rule is limited to; empty means every zone.
    public let zones: [Zone]
    public let suggestion: String?
    /// Literal text that replaces the match when a writer accepts the fix (`replacement:` in
    /// the rule file): offered as a quick fix by `adlaw lsp`. Only for rules whose every match
    /// has one safe wording; most rules explain instead (`suggestion`).
    public let replacement: String?
    public let tags: [String]
    public let pattern: RulePattern
    public let exceptions: ExceptionSet
    public let conditions: [NumericCondition]
    /// The examples of the rule file, in order. Read from `exampleSource` on each use: a
    /// rule from the rule-set cache decodes them only when first asked (a check never is).
    public var examples: [RuleExample] { exampleSource.examples }
    /// Where `examples` come from: the list itself, or the rule-set cache's deferred table.
    public let exampleSource: any ExampleSource
    /// The rule file and the line of its `id:` key.
    public let origin: SourceOrigin
    /// The finding as worded for other publishers (`publishers:`): a government's web page
    /// is bound by a law that is only good practice for a shop. Empty for most rules.
    public let publisherVariants: [PublisherVariant]

    public convenience init(id: RuleID, name: String, severity: Severity, message: MessageTemplate, rationale: String,
                            references: [LegalReference], sectors: [Sector], exceptSectors: [Sector] = [], channels: [Channel] = [],
                            zones: [Zone], suggestion: String?, replacement: String? = nil,
                            tags: [String], pattern: RulePattern, exceptions: ExceptionSet,
                            conditions: [NumericCondition], examples: [RuleExample], origin: SourceOrigin,
                            publisherVariants: [PublisherVariant] = [], deference: SectorDeference = .none) {
        self.init(id: id, name: name, severity: severity, message: message,
                  detailsSource: RuleDetails(rationale: rationale, references: references),
                  sectors: sectors, exceptSectors: exceptSectors, channels: channels, zones: zones, suggestion: suggestion,
                  replacement: replacement, tags: tags, pattern: pattern, exceptions: exceptions, conditions: conditions,
                  exampleSource: examples, origin: origin, publisherVariants: publisherVariants, deference: deference)
    }

    /// A rule whose rationale and references come from `detailsSource` and whose examples
    /// come from `exampleSource` (each read when first used).
    public init(id: RuleID, name: String, severity: Severity, message: MessageTemplate,
                detailsSource: any RuleDetailsSource, sectors: [Sector], exceptSectors: [Sector], channels: [Channel],
                zones: [Zone], suggestion: String?, replacement: String?,
                tags: [String], pattern: RulePattern, exceptions: ExceptionSet,
                conditions: [NumericCondition], exampleSource: any ExampleSource, origin: SourceOrigin,
                publisherVariants: [PublisherVariant], deference: SectorDeference = .none) {
        self.id = id
        self.name = name
        self.severity = severity
        self.message = message
        self.detailsSource = detailsSource
        self.sectors = sectors
        self.exceptSectors = exceptSectors
        self.channels = channels
        self.zones = zones
        self.suggestion = suggestion
        self.replacement = replacement
        self.tags = tags
        self.pattern = pattern
        self.exceptions = exceptions
        self.conditions = conditions
        self.exampleSource = exampleSource
        self.origin = origin
        self.publisherVariants = publisherVariants
        self.deference = deference
    }

    /// This rule at another severity (`rules.severity` in `.adlaw.yml`); itself when unchanged.
    /// The severity the config sets holds for every publisher.
    public func withSeverity(_ severity: Severity) -> Rule {
        guard severity != self.severity || publisherVariants.contains(where: { $0.severity != severity }) else { return self }
        let variants = publisherVariants.map { variant -> PublisherVariant in
            var copy = variant
            copy.severity = severity
            return copy
        }
        return Rule(id: id, name: name, severity: severity, message: message, detailsSource: detailsSource,
                    sectors: sectors, exceptSectors: exceptSectors, channels: channels, zones: zones, suggestion: suggestion,
                    replacement: replacement, tags: tags, pattern: pattern, exceptions: exceptions, conditions: conditions,
                    exampleSource: exampleSource, origin: origin, publisherVariants: variants, deference: deference)
    }

    /// The rule as worded for a document of `format` by `publisher`: its variant's severity,
    /// message, rationale and citations, or itself when no variant applies.
    public func worded(for publisher: Publisher, format: String) -> Rule {
        guard let variant = publisherVariants.first(where: { $0.applies(to: publisher, format: format) }) else { return self }
        return Rule(id: id, name: name, severity: variant.severity, message: variant.message ?? message,
                    detailsSource: variant.rationale == nil && variant.references == nil ? detailsSource
                        : RuleDetails(rationale: variant.rationale ?? rationale, references: variant.references ?? references),
                    sectors: sectors, exceptSectors: exceptSectors, channels: channels, zones: zones, suggestion: suggestion,
                    replacement: replacement, tags: tags, pattern: pattern, exceptions: exceptions, conditions: conditions,
                    exampleSource: exampleSource, origin: origin, publisherVariants: publisherVariants, deference: deference)
    }

    /// The same rule with its examples from `source` (the rule-set cache's deferred table).
    public func withExamples(_ source: any ExampleSource) -> Rule {
        Rule(id: id, name: name, severity: severity, message: message, detailsSource: detailsSource,
             sectors: sectors, exceptSectors: exceptSectors, channels: channels, zones: zones, suggestion: suggestion,
             replacement: replacement, tags: tags, pattern: pattern, exceptions: exceptions, conditions: conditions,
             exampleSource: source, origin: origin, publisherVariants: publisherVariants, deference: deference)
    }

    /// The same rule with its rationale and references from `source` (the rule-set cache's
    /// deferred section).
    public func withDetails(_ source: any RuleDetailsSource) -> Rule {
        Rule(id: id, name: name, severity: severity, message: message, detailsSource: source,
             sectors: sectors, exceptSectors: exceptSectors, channels: channels, zones: zones, suggestion: suggestion,
             replacement: replacement, tags: tags, pattern: pattern, exceptions: exceptions, conditions: conditions,
             exampleSource: exampleSource, origin: origin, publisherVariants: publisherVariants, deference: deference)
    }

    public var appliesToAllSectors: Bool { sectors.contains(.all) }

    /// Whether the rule runs on a document with these active sectors: one of its sectors is
    /// active (or it applies to all), and none of its `except-sectors` is.
    public func applies(toSectors active: Set<Sector>) -> Bool {
        (appliesToAllSectors || sectors.contains { active.contains($0) }) && !exceptSectors.contains { active.contains($0) }
    }

    /// Whether the rule runs on a document sold through these channels.
    public func applies(toChannels active: [Channel]) -> Bool {
        channels.isEmpty || channels.contains { active.contains($0) }
    }

    /// Whether the rule runs on text of this zone.
    public func applies(toZone zone: Zone) -> Bool { zones.isEmpty || zone.including.contains { zones.contains($0) } }

    /// Whether the rule runs on text that is in all of `textZones` at once (a link's text
    /// inside a paragraph is in `link-text`, `paragraph` and `body`).
    public func applies(toZones textZones: [Zone]) -> Bool { zones.isEmpty || textZones.contains { zones.contains($0) } }

    /// Every compiled pattern of the rule, labelled, for `adlaw rules patterns`.
    public var compiledPatterns: [(label: String, regex: any CompiledRegex)] {
        var out: [(String, any CompiledRegex)] = []
        switch pattern {
        case let .span(span):
            out.append(("match", span.regex))
        case let .document(doc):
            out.append(("trigger", doc.trigger.regex))
            for item in doc.required { out.append(("requires \(item.label)", item.regex)) }
        case let .checklist(list):
            out.append(("trigger", list.trigger.regex))
            for item in list.items {
                if let regex = item.phrases { out.append(("item \(item.label)", regex)) }
                if let figures = item.figures { out.append(("figures \(item.label)", figures)) }
            }
        case let .structure(structure):
            out += structure.compiledPatterns
        }
        if let inside = exceptions.inside { out.append(("unless inside", inside.regex)) }
        if let preceded = exceptions.precededBy { out.append(("unless preceded-by", preceded.regex)) }
        if let sentence = exceptions.sentenceHas { out.append(("unless sentence-has", sentence)) }
        if let document = exceptions.documentHas { out.append(("unless document-has", document)) }
        if let lacks = exceptions.documentLacks { out.append(("unless document-lacks", lacks)) }
        if let followed = exceptions.followedBy { out.append(("unless followed-by", followed.regex)) }
        return out
    }
}

/// Where a rule or lexicon was defined.
public struct SourceOrigin: Sendable, Hashable, Codable {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int = 1) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var formatted: String { "\(file):\(line):\(column)" }
}

/// The matcher program of a rule.
public enum RulePattern: Sendable {
    /// A phrase-level pattern (`terms`, `regex`, `near`): each match is a finding.
    case span(SpanPattern)
    /// A document-level pattern (`requires`): one finding at the first trigger when the
    /// required text is missing from the whole document.
    case document(DocumentPattern)
    /// A campaign element and its obligations (`checklist`): every item is reported as met
    /// or open, and one finding marks the element when an item is open.
    case checklist(ChecklistPattern)
    /// Facts about how the document is built (`structure`), not its text: each fact that
    /// passes the tests is a finding at the element.
    case structure(StructurePattern)

    public var kind: PatternKind {
        switch self {
        case let .span(span): span.kind
        case .document: .requires
        case .checklist: .checklist
        case .structure: .structure
        }
    }

    /// The pattern whose first match locates a document-level finding, or every match of a
    /// phrase-level one; `nil` for a structure pattern, which reads no text.
    public var triggerRegex: (any CompiledRegex)? {
        switch self {
        case let .span(span): span.regex
        case let .document(doc): doc.trigger.regex
        case let .checklist(list): list.trigger.regex
        case .structure: nil
        }
    }
}

/// The pattern kinds of the rule DSL. Adding one means one compiler file and one case.
public enum PatternKind: String, Sendable, CaseIterable, Codable {
    case terms, regex, near, requires, checklist, structure
}

/// One compiled regex that finds the rule's phrases.
public struct SpanPattern: Sendable {
    public var kind: PatternKind
    public var regex: any CompiledRegex
    /// For `near`: the capture groups of the two parts in each alternative (A then B,
    /// and B then A), so exceptions can test each part.
    public var componentGroups: [Int]

    public init(kind: PatternKind, regex: any CompiledRegex, componentGroups: [Int] = []) {
        self.kind = kind
        self.regex = regex
        self.componentGroups = componentGroups
    }
}

/// A `requires` pattern.
public struct DocumentPattern: Sendable {
    public enum Mode: String, Sendable, Codable {
        /// Every required item must appear, else a finding listing the missing ones.
        case allOf = "all-of"
        /// At least one required item must appear.
        case anyOf = "any-of"
    }

    public var trigger: SpanPattern
    public var required: [RequiredItem]
    public var mode: Mode

    public init(trigger: SpanPattern, required: [RequiredItem], mode: Mode) {
        self.trigger = trigger
        self.required = required
        self.mode = mode
    }

    /// The other required items' phrases: a negator inside one of them (禁止 of 禁止酒駕) is
    /// that item's own wording and does not negate the item tested after it.
    public func siblings(of index: Int) -> [any CompiledRegex] {
        required.indices.filter { $0 != index }.map { required[$0].regex }
    }
}

/// Text a document must contain when its trigger appears (a mandatory warning, a
/// notice item).
public struct RequiredItem: Sendable {
    public var label: String
    public var regex: any CompiledRegex

    public init(label: String, regex: any CompiledRegex) {
        self.label = label
        self.regex = regex
    }
}

/// The `unless` block of a rule: text around a match that cancels it.
public struct ExceptionSet: Sendable {
    /// A match that lies inside one of these phrases is cancelled (治療 inside 治療師).
    public var inside: (regex: any CompiledRegex, window: Int)?
    /// A match preceded by one of these (a negation) within `within` characters of the
    /// same sentence is cancelled (不能治療).
    public var precededBy: (regex: any CompiledRegex, within: Int, window: Int)?
    /// A match whose sentence contains one of these is cancelled (a cited source).
    public var sentenceHas: (any CompiledRegex)?
    /// A match in a document that contains one of these anywhere is cancelled (a
    /// sponsorship disclosure).
    public var documentHas: (any CompiledRegex)?
    /// A match in a document that contains none of these anywhere is cancelled: the rule
    /// only holds in a context the whole document sets (住宅 wording is only misleading
    /// where the copy also says the land is zoned 工業區 or 商業區).
    public var documentLacks: (any CompiledRegex)?
    /// A match followed by one of these within `within` characters, across sentence, line and
    /// segment ends, is cancelled (a footnote source under a ranking claim). `window` bounds
    /// the search: `within` plus the longest phrase.
    public var followedBy: (regex: any CompiledRegex, within: Int, window: Int)?

    public init(inside: (regex: any CompiledRegex, window: Int)? = nil,
                precededBy: (regex: any CompiledRegex, within: Int, window: Int)? = nil,
                sentenceHas: (any CompiledRegex)? = nil, documentHas: (any CompiledRegex)? = nil,
                documentLacks: (any CompiledRegex)? = nil,
                followedBy: (regex: any CompiledRegex, within: Int, window: Int)? = nil) {
        self.inside = inside
        self.followedBy = followedBy
        self.precededBy = precededBy
        self.sentenceHas = sentenceHas
        self.documentHas = documentHas
        self.documentLacks = documentLacks
    }

    public var isEmpty: Bool {
        inside == nil && precededBy == nil && sentenceHas == nil && documentHas == nil && documentLacks == nil
            && followedBy == nil
    }
}

/// A numeric test on a named capture group (`where:`), e.g. a prize above NT$5,000,000.
public struct NumericCondition: Sendable, Hashable, Codable {
    public enum Comparison: String, Sendable, Hashable, CaseIterable, Codable {
        case greaterThan = "greater-than"
        case atLeast = "at-least"
        case lessThan = "less-than"
        case atMost = "at-most"

        public func holds(_ lhs: Double, _ rhs: Double) -> Bool {
            switch self {
            case .greaterThan: lhs > rhs
            case .atLeast: lhs >= rhs
            case .lessThan: lhs < rhs
            case .atMost: lhs <= rhs
            }
        }
    }

    public enum Bound: Sendable, Hashable, Codable {
        case constant(Double)
        /// Another group's value times a factor (a gift above half the price).
        case group(String, times: Double)
    }

    public var group: String
    public var comparison: Comparison
    public var bound: Bound

    public init(group: String, comparison: Comparison, bound: Bound) {
        self.group = group
        self.comparison = comparison
        self.bound = bound
    }
}

/// Where a rule's examples come from: the list itself (a rule compiled from its file), or a
/// table read on first use (the rule-set cache: a check, which never runs examples, then
/// does not decode them; that was 4% of the CPU time of checking ten small files).
public protocol ExampleSource: Sendable {
    var examples: [RuleExample] { get }
}

extension Array: ExampleSource where Element == RuleExample {
    public var examples: [RuleExample] { self }
}

/// A rule's rationale and citations: what a finding's report says of it, not what finds it.
public struct RuleDetails: Sendable, Hashable, Codable {
    public var rationale: String
    public var references: [LegalReference]

    public init(rationale: String, references: [LegalReference]) {
        self.rationale = rationale
        self.references = references
    }
}

/// Where a rule's rationale and references come from: the values themselves, or a
/// section of the rule-set cache read when first asked (a check that reports nothing of a
/// rule never decodes them).
public protocol RuleDetailsSource: Sendable {
    var details: RuleDetails { get }
}

extension RuleDetails: RuleDetailsSource {
    public var details: RuleDetails { self }
}

/// A rule example: text, and for `match` examples the exact spans to be reported.
public struct RuleExample: Sendable, Hashable, Codable {
    public enum Expectation: String, Sendable, Hashable, Codable { case match, noMatch = "no-match" }

    public var expectation: Expectation
    /// The example text without the ⟦ ⟧ markers.
    public var text: String
    /// Byte ranges in `text` that must be reported, in order.
    public var spans: [Range<Int>]
    /// The line of the example in the rule file.
    public var line: Int
    /// For a `structure` rule whose facts no text format can show (a slide's font size, a
    /// PDF's tagging): the fact itself, in a document of `format`, instead of text.
    public var fact: StructureFact?
    public var format: String?

    public init(expectation: Expectation, text: String, spans: [Range<Int>], line: Int,
                fact: StructureFact? = nil, format: String? = nil) {
        self.expectation = expectation
        self.text = text
        self.spans = spans
        self.line = line
        self.fact = fact
        self.format = format
    }
}

/// A message with `{match}`, `{missing}` or `{group}` placeholders.
public struct MessageTemplate: Sendable, Hashable, Codable {
    public var raw: String

    public init(_ raw: String) { self.raw = raw }

    /// Placeholder names used in the template.
    public var placeholders: [String] {
        var names: [String] = []
        var current: String?
        for ch in raw {
            if ch == "{" { current = "" } else if ch == "}" {
                if let name = current, !name.isEmpty { names.append(name) }
                current = nil
            } else if current != nil {
                current!.append(ch)
            }
        }
        return names
    }

    public func render(_ values: [String: String]) -> String {
        // Placeholders are ASCII braces: walking scalars gives the same text as walking
        // Characters, without grapheme breaking.
        guard raw.utf8.contains(0x7B) else { return raw }
        var out = ""
        var current: String?
        for ch in raw.unicodeScalars {
            if ch == "{" {
                if let pending = current { out += "{" + pending }
                current = ""
            } else if ch == "}", let name = current {
                out += values[name] ?? "{\(name)}"
                current = nil
            } else if current != nil {
                current!.unicodeScalars.append(ch)
            } else {
                out.unicodeScalars.append(ch)
            }
        }
        if let pending = current { out += "{" + pending }
        return out
    }
}
