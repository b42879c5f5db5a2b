extension Array where Element == Finding {
    /// The findings in `Finding.stableOrder`. Sorts positions and moves each finding once:
    /// a finding is a large value, and a sort that moves them around showed in profiles.
    /// Findings that are in order already (each document's are, and documents come in
    /// path order) are returned as they are after one pass that checks it.
    public func inStableOrder() -> [Finding] {
        if isInStableOrder { return self }
        let order = indices.sorted { Finding.stableOrder(self[$0], self[$1]) || (!Finding.stableOrder(self[$1], self[$0]) && $0 < $1) }
        return order.map { self[$0] }
    }

    /// Whether no finding comes after one that `Finding.stableOrder` puts after it (equal
    /// neighbours keep their order, as the stable sort would).
    public var isInStableOrder: Bool {
        var index = 1
        while index < count {
            if Finding.stableOrder(self[index], self[index - 1]) { return false }
            index += 1
        }
        return true
    }
}
