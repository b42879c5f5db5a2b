/// A `checklist` pattern: a campaign element (a sweepstake, a sign-up form, an influencer
/// post ...) recognised by its trigger, and the obligations it brings.
public struct ChecklistPattern: Sendable {
    /// What the element is called in reports (抽獎活動, 個人資料蒐集 ...).
    public var element: String
    public var trigger: SpanPattern
    public var items: [ChecklistItem]

    public init(element: String, trigger: SpanPattern, items: [ChecklistItem]) {
        self.element = element
        self.trigger = trigger
        self.items = items
    }

    /// Rule selectors every item depends on (`no-finding`), for running them first.
    public var dependencies: [String] { items.flatMap(\.noFinding) }
}

/// One obligation. It is met when its phrases appear anywhere in the document (if it has
/// phrases) and none of the `noFinding` rules fired there (if it names rules).
public struct ChecklistItem: Sendable {
    public var label: String
    public var phrases: (any CompiledRegex)?
    /// Rule ids, areas or globs that must have no finding in the document.
    public var noFinding: [String]
    /// Text to quote as evidence whatever the status (prize amounts, stated dates).
    public var figures: (any CompiledRegex)?
    /// The item applies only when the document contains one of these (marketing use of
    /// the data, an online sale); otherwise it is left out.
    public var when: (any CompiledRegex)?

    public init(label: String, phrases: (any CompiledRegex)?, noFinding: [String], figures: (any CompiledRegex)?,
                when: (any CompiledRegex)? = nil) {
        self.label = label
        self.phrases = phrases
        self.noFinding = noFinding
        self.figures = figures
        self.when = when
    }
}

/// A checklist evaluated on one document.
public struct ChecklistResult: Sendable, Hashable {
    public var ruleID: RuleID
    public var element: String
    public var path: String
    /// Where the element was recognised (its first trigger).
    public var triggerText: String
    public var line: Int
    public var logicalLocation: String?
    public var items: [ChecklistItemResult]

    public init(ruleID: RuleID, element: String, path: String, triggerText: String, line: Int,
                logicalLocation: String?, items: [ChecklistItemResult]) {
        self.ruleID = ruleID
        self.element = element
        self.path = path
        self.triggerText = triggerText
        self.line = line
        self.logicalLocation = logicalLocation
        self.items = items
    }

    public var isComplete: Bool { items.allSatisfy(\.met) }
}

/// One obligation's status, with what showed it.
public struct ChecklistItemResult: Sendable, Hashable {
    public var label: String
    public var met: Bool
    /// Phrases found, or the findings that keep the item open.
    public var evidence: [String]
    /// Figures quoted from the document.
    public var figures: [String]

    public init(label: String, met: Bool, evidence: [String], figures: [String]) {
        self.label = label
        self.met = met
        self.evidence = evidence
        self.figures = figures
    }
}
