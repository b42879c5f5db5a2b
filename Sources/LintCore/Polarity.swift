/// When a safe-harbour phrase does not count because the copy negates it: a phrase that
/// would cancel a finding (`unless: sentence-has`, `document-has`, `document-lacks`) or
/// satisfy a requirement (`requires`: a disclosure, an opt-out) is ignored when a negator
/// ends at most `within` characters before it in the same clause (「無法退訂」 is no opt-out,
/// 「不適用七天鑑賞期」 no cooling-off period, 「避免看起來像業配」 no disclosure).
///
/// Declared once for the rule pack in `Rules/lexicons/polarity.yaml`.
public struct Polarity: Sendable {
    /// The negators and exclusions (不, 無法, 一律不, 不適用, 避免, 謝絕, ...).
    public var negators: any CompiledRegex
    /// Characters allowed between the end of a negator and the phrase.
    public var within: Int
    /// How far back, in characters, a negator is looked for (`within` plus the longest negator).
    public var window: Int

    public init(negators: any CompiledRegex, within: Int, window: Int) {
        self.negators = negators
        self.within = within
        self.window = window
    }

    /// Characters that end a clause: a negator before one of them does not reach past it.
    /// Text is normalized, so full-width forms (，；：｜　) are their ASCII forms here. A space
    /// or a bar separates the items of a list of warnings (禁止酒駕　飲酒過量，有害健康), so it
    /// ends a negator's reach too.
    public static let clauseBreaks: Set<UInt8> = [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"),
                                                 UInt8(ascii: "!"), UInt8(ascii: "?"), UInt8(ascii: "\n"),
                                                 UInt8(ascii: "\r"), UInt8(ascii: " "), UInt8(ascii: "\t"),
                                                 UInt8(ascii: "|")]
    /// Clause-ending characters outside ASCII, as UTF-8. The enumeration comma 、 counts: in
    /// 「禁止酒駕、飲酒過量有害健康」 the first warning's 禁止 does not negate the second. So do
    /// the marks Taiwan copy sets where it means 、 or a bar: the middle dots (· ・ ‧ ･ ∙ ⋅),
    /// the bullet •, and the box-drawing and block bars (│ ┃ ▏ ▎ ▍ ▌ ￨) and 丨 used as one.
    public static let wideClauseBreaks: [[UInt8]] = ["。", "；", "，", "、", "·", "・", "‧", "･", "∙", "⋅", "•",
                                                     "│", "┃", "▏", "▎", "▍", "▌", "￨", "丨"].map { Array($0.utf8) }
}
