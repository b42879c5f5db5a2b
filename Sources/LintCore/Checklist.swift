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

/// One obligation, in one of three states (see `ChecklistItemResult.State`): met when its
/// phrases appear (or, for an item with only `noFinding` rules, when its `figures` quote a
/// figure those rules checked); open when a phrase is missing or a `noFinding` rule fired;
/// otherwise it cannot be told from the text, and `confirm` says what the reviewer must
/// confirm. That no rule fired is never enough to call an item met.
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
    /// What the reviewer must confirm when the text cannot show the item (zh-TW).
    public var confirm: String?

    public init(label: String, phrases: (any CompiledRegex)?, noFinding: [String], figures: (any CompiledRegex)?,
                when: (any CompiledRegex)? = nil, confirm: String? = nil) {
        self.label = label
        self.phrases = phrases
        self.noFinding = noFinding
        self.figures = figures
        self.when = when
        self.confirm = confirm
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
    /// Items a phrase or a finding shows to be missing.
    public var openItems: [ChecklistItemResult] { items.filter { $0.state == .open } }
    /// Items the text cannot show either way: the reviewer must confirm them.
    public var uncertainItems: [ChecklistItemResult] { items.filter { $0.state == .cannotTell } }
    /// Files the element was found in (a campaign's checklist spans its documents).
    public var paths: [String] = []
}

/// One obligation's status, with what showed it.
public struct ChecklistItemResult: Sendable, Hashable {
    public enum State: String, Sendable, Hashable, Codable {
        /// The text shows it (`evidence` quotes where).
        case met
        /// A required phrase is missing, or a rule found what the item forbids.
        case open
        /// The text cannot show it either way (an annual prize total, data collected on a
        /// form not in the copy): a reviewer must confirm it (`confirm`).
        case cannotTell = "cannot-tell"
    }

    public var label: String
    public var state: State
    /// Phrases found, or the findings that keep the item open.
    public var evidence: [String]
    /// Figures quoted from the document.
    public var figures: [String]
    /// What the reviewer must confirm, for an item the text cannot show.
    public var confirm: String?
    /// A rule the item names found something (not merely a missing phrase): one document
    /// of a campaign contradicting the item keeps it open whatever the others say.
    public var contradicted: Bool

    public var met: Bool { state == .met }

    public init(label: String, state: State, evidence: [String], figures: [String], confirm: String? = nil,
                contradicted: Bool = false) {
        self.label = label
        self.state = state
        self.evidence = evidence
        self.figures = figures
        self.confirm = confirm
        self.contradicted = contradicted
    }

    public init(label: String, met: Bool, evidence: [String], figures: [String]) {
        self.init(label: label, state: met ? .met : .open, evidence: evidence, figures: figures)
    }
}
