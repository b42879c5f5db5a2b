import LintCore
import Yams

/// `checklist:` a campaign element and the obligations it brings. Every item is reported
/// as met (with evidence), open, or not shown by the text (what to confirm) in `adlaw
/// audit`; when an item is open, one finding marks the element's first trigger, and
/// `{missing}` names the open items. An item that names only rules (`no-finding`) is never
/// met because they found nothing: it is met when its `figures` quote an amount they
/// checked, and otherwise the reviewer must confirm it.
///
///     checklist:
///       element: 抽獎活動
///       trigger: [抽獎, 首獎, 得獎名單]
///       items:
///         - label: 最大獎項價值不超過新臺幣500萬元
///           no-finding: [fair-trade.prize-over-limit]   # met when that rule found nothing here
///           figures: { regex: '首獎[^。\n]{0,12}' }      # quoted as evidence either way
///         - label: 載明活動期間
///           terms: [活動期間, 活動時間]                  # met when one of them appears
///         - label: 全年贈獎總額符合上限
///           no-finding: [fair-trade.prize-annual-total]
///           confirm: 核對全年贈獎總額與上年度銷售額     # the text cannot show it: what to confirm
///         - label: 行銷利用前取得同意
///           when: [行銷, 電子報]                         # applies only if the plan mentions these
///           regex: ['同意[^。\n]{0,15}行銷']
enum ChecklistPatternCompiler {
    static let keys = ["element", "trigger", "items"]
    static let itemKeys = ["label", "terms", "regex", "no-finding", "figures", "when", "confirm"]

    static func compile(_ node: Node, context: CompileContext) throws(RuleFileError) -> ChecklistPattern {
        let map = try YAMLMap(node, file: context.file, path: "checklist")
        try map.rejectUnknownKeys(allowed: keys)
        let element = try map.requiredString("element").value
        guard let triggerNode = map["trigger"] else { throw map.error(at: nil, .missingKey("checklist.trigger")) }
        let trigger = try PhraseSet.read(triggerNode, key: "checklist.trigger", context: context)
        let triggerRegex = try context.compile(trigger.source(loose: context.loose), key: "checklist.trigger",
                                               line: trigger.line, column: trigger.column)
        guard let itemsNode = map["items"], let sequence = itemsNode.sequence, !sequence.isEmpty else {
            throw map.error(at: map["items"], .wrongType(key: "checklist.items", expected: "a list of obligations with `label`"))
        }
        var items: [ChecklistItem] = []
        for itemNode in sequence {
            let item = try YAMLMap(itemNode, file: context.file, path: "checklist.items")
            try item.rejectUnknownKeys(allowed: itemKeys)
            let label = try item.requiredString("label").value
            var phrases: (any CompiledRegex)?
            if item.has("terms") || item.has("regex") {
                var set = PhraseSet(line: itemNode.mark?.line ?? 1, column: itemNode.mark?.column ?? 1)
                if let terms = try item.stringList("terms") { set.terms = try PhraseSet.expandTerms(terms, context: context) }
                if let regexes = try item.stringList("regex") {
                    for regex in regexes {
                        set.regexes.append(try PhraseSet.expandRegex(regex, key: "checklist.items.regex", context: context))
                    }
                }
                phrases = try context.compile(set.source(loose: context.loose), key: "checklist.items",
                                              line: set.line, column: set.column)
            }
            let noFinding = try item.stringList("no-finding")?.map(\.value) ?? []
            guard phrases != nil || !noFinding.isEmpty else {
                throw item.error(at: nil, .invalid("item `\(label)` needs `terms`/`regex` (text that must appear) or `no-finding` (rules that must not fire)"))
            }
            var figures: (any CompiledRegex)?
            if let figuresNode = item["figures"] {
                let set = try PhraseSet.read(figuresNode, key: "checklist.items.figures", context: context)
                figures = try context.compile(set.source(loose: false), key: "checklist.items.figures",
                                              line: set.line, column: set.column)
            }
            var when: (any CompiledRegex)?
            if let whenNode = item["when"] {
                let set = try PhraseSet.read(whenNode, key: "checklist.items.when", context: context)
                when = try context.compile(set.source(loose: context.loose), key: "checklist.items.when",
                                           line: set.line, column: set.column)
            }
            let confirm = try item.string("confirm")?.value
            items.append(ChecklistItem(label: label, phrases: phrases, noFinding: noFinding, figures: figures, when: when,
                                       confirm: confirm))
        }
        return ChecklistPattern(element: element, trigger: SpanPattern(kind: .checklist, regex: triggerRegex), items: items)
    }
}
