extension Array where Element == String {
    /// `a`, `a or b`, `a, b or c`: a closed list of choices in help text and errors, built
    /// from an enum's `allCases` so the text never falls behind the enum.
    public func joinedAsAlternatives() -> String {
        guard count > 1 else { return first ?? "" }
        return dropLast().joined(separator: ", ") + " or " + last!
    }
}
