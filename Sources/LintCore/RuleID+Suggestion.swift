extension RuleID {
    /// "did you mean" for a selector that selects nothing: the nearest id or area among
    /// `ids` (a typo in `--only`, `--disable`, `explain`, a directive or the config must
    /// never silently select nothing or switch nothing off).
    public static func suggestion(for selector: String, among ids: [RuleID]) -> String? {
        let areas = Set(ids.map(\.area))
        let candidates = ids.map(\.rawValue) + areas.sorted()
        if let near = EditDistance.closest(to: selector, in: candidates) { return near }
        // `medical-efficacy` for `food.medical-efficacy`: a name without its area.
        let named = ids.filter { $0.rawValue.hasSuffix("." + selector) }
        return named.count == 1 ? named[0].rawValue : nil
    }

    /// `; did you mean `x`?` or `.`, to end the first sentence of an English message.
    public static func didYouMean(_ selector: String, among ids: [RuleID]) -> String {
        suggestion(for: selector, among: ids).map { "; did you mean `\($0)`?" } ?? "."
    }
}
