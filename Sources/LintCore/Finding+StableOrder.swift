extension Array where Element == Finding {
    /// The findings in `Finding.stableOrder`. Sorts positions and moves each finding once:
    /// a finding is a large value, and a sort that moves them around showed in profiles.
    public func inStableOrder() -> [Finding] {
        let order = indices.sorted { Finding.stableOrder(self[$0], self[$1]) || (!Finding.stableOrder(self[$1], self[$0]) && $0 < $1) }
        return order.map { self[$0] }
    }
}
