/// One risky phrase: which rule, where, and what to do about it. A finding does not know
/// how to print itself; reporters do.
public struct Finding: Sendable, Hashable {
    public var ruleID: RuleID
    public var ruleName: String
    public var severity: Severity
    public var message: String
    public var references: [LegalReference]
    public var suggestion: String?
    public var path: String
    /// Byte range in the document's source text.
    public var byteRange: Range<Int>
    public var start: TextPosition
    /// The position just after the last character (exclusive).
    public var end: TextPosition
    public var matchedText: String
    public var zone: Zone
    public var logicalLocation: String?
    /// The logical location with its parts (`nil` for text files, where line and column say it all).
    public var location: SourceLocation?
    public var snippet: Snippet
    /// Position of the segment in the document, for ordering logical locations.
    public var segmentIndex: Int
    /// What the finding assumed that the copy did not say (the sales channel, the product
    /// type), in Traditional Chinese, so a reader can tell when it does not apply.
    public var notes: [String] = []

    public init(ruleID: RuleID, ruleName: String, severity: Severity, message: String,
                references: [LegalReference], suggestion: String?, path: String,
                byteRange: Range<Int>, start: TextPosition, end: TextPosition, matchedText: String,
                zone: Zone, logicalLocation: String?, snippet: Snippet, segmentIndex: Int,
                location: SourceLocation? = nil) {
        self.ruleID = ruleID
        self.ruleName = ruleName
        self.severity = severity
        self.message = message
        self.references = references
        self.suggestion = suggestion
        self.path = path
        self.byteRange = byteRange
        self.start = start
        self.end = end
        self.matchedText = matchedText
        self.zone = zone
        self.logicalLocation = logicalLocation
        self.location = location
        self.snippet = snippet
        self.segmentIndex = segmentIndex
    }

    /// The stable output order: path, then position, then rule id.
    public static func stableOrder(_ a: Finding, _ b: Finding) -> Bool {
        if a.path != b.path { return a.path < b.path }
        if a.segmentIndex != b.segmentIndex && a.logicalLocation != nil { return a.segmentIndex < b.segmentIndex }
        if a.byteRange.lowerBound != b.byteRange.lowerBound { return a.byteRange.lowerBound < b.byteRange.lowerBound }
        if a.ruleID != b.ruleID { return a.ruleID < b.ruleID }
        return a.byteRange.upperBound < b.byteRange.upperBound
    }
}
