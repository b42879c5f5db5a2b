import LintCore

/// Checks adlaw makes on suppressions themselves. They are not pattern rules (there is no
/// rule file), but they behave like rules: they have ids, can be disabled or re-graded in
/// `.adlaw.yml`, and `adlaw explain` describes them.
public enum BuiltInChecks {
    public static let missingReason = RuleID("adlaw.suppression-reason")
    public static let unused = RuleID("adlaw.suppression-unused")
    public static let invalid = RuleID("adlaw.suppression-invalid")

    public static let all: [RuleDescriptor] = [
        RuleDescriptor(
            id: missingReason, name: "抑制註解缺少理由", severity: .error,
            rationale: "每一則抑制都必須說明理由（例如核准字號、佐證資料或法務意見），審查者與主管機關才能追溯為何這段文案可以刊登。沒有理由的抑制不生效，原本的發現仍會報告。",
            references: [], suggestion: "在規則代號後寫上「-- 理由」，例如 <!-- adlaw-disable-next-line food.medical-efficacy -- 衛部健食字第A00000號核准之保健功效 -->",
            tags: ["suppression"]),
        RuleDescriptor(
            id: unused, name: "沒有作用的抑制註解", severity: .warning,
            rationale: "抑制註解所在位置已沒有它所指名規則的發現（文案已改寫、規則已調整或註解放錯行）。留下的抑制日後可能意外掩蓋新寫入的風險詞句，應刪除。",
            references: [], suggestion: "刪除這則抑制註解；若仍需要，請移到發現所在行的上一行。",
            tags: ["suppression"]),
        RuleDescriptor(
            id: invalid, name: "無效的抑制註解", severity: .error,
            rationale: "抑制註解寫法有誤（未指名規則、規則代號不存在、拼錯指令，或 adlaw-disable 與 adlaw-enable 不成對），因此不生效，原本的發現仍會報告。",
            references: [], suggestion: "寫法：<!-- adlaw-disable-next-line 規則代號 -- 理由 -->；區塊：<!-- adlaw-disable 規則代號 -- 理由 --> … <!-- adlaw-enable 規則代號 -->。規則代號見 adlaw rules list。",
            tags: ["suppression"]),
    ]

    public static var ids: [RuleID] { all.map(\.id) }

    public static func descriptor(_ id: RuleID) -> RuleDescriptor? { all.first { $0.id == id } }
}
