/// The fields of a `Rule` (see there). Only `Rule` holds one, and it never changes a
/// box another rule shares (copy on write), so sharing it across threads is safe.
final class RuleStorage: @unchecked Sendable {
    var id: RuleID
    var name: String
    var severity: Severity
    var message: MessageTemplate
    var rationale: String
    var references: [LegalReference]
    var sectors: [Sector]
    var exceptSectors: [Sector]
    var channels: [Channel]
    var zones: [Zone]
    var suggestion: String?
    /// A literal replacement for the matched text (an editor's quick fix), if the rule has one.
    var replacement: String?
    var tags: [String]
    var pattern: RulePattern
    var exceptions: ExceptionSet
    var conditions: [NumericCondition]
    var examples: [RuleExample]
    var origin: SourceOrigin

    init(id: RuleID, name: String, severity: Severity, message: MessageTemplate, rationale: String,
         references: [LegalReference], sectors: [Sector], exceptSectors: [Sector], channels: [Channel], zones: [Zone], suggestion: String?,
         tags: [String], pattern: RulePattern, exceptions: ExceptionSet,
         conditions: [NumericCondition], examples: [RuleExample], origin: SourceOrigin) {
        self.id = id
        self.name = name
        self.severity = severity
        self.message = message
        self.rationale = rationale
        self.references = references
        self.sectors = sectors
        self.exceptSectors = exceptSectors
        self.channels = channels
        self.zones = zones
        self.suggestion = suggestion
        self.tags = tags
        self.pattern = pattern
        self.exceptions = exceptions
        self.conditions = conditions
        self.examples = examples
        self.origin = origin
    }

    func copy() -> RuleStorage {
        let copy = RuleStorage(id: id, name: name, severity: severity, message: message, rationale: rationale,
                    references: references, sectors: sectors, exceptSectors: exceptSectors, channels: channels, zones: zones, suggestion: suggestion,
                    tags: tags, pattern: pattern, exceptions: exceptions, conditions: conditions,
                    examples: examples, origin: origin)
        copy.replacement = replacement
        return copy
    }
}
