/// Levenshtein distance, for "did you mean" hints: config keys, rule ids, sectors,
/// subcommands.
package enum EditDistance {
    package static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution: Int = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                let insertion: Int = current[j - 1] + 1
                let deletion: Int = previous[j] + 1
                current[j] = Swift.min(deletion, insertion, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// The candidate nearest to `word`, if it is near enough to be a typo of it.
    package static func closest(to word: String, in candidates: [String]) -> String? {
        var best: (word: String, distance: Int)?
        for candidate in candidates.sorted() {
            let d = distance(word, candidate)
            if best == nil || d < best!.distance { best = (candidate, d) }
        }
        guard let best, best.distance <= Swift.max(2, word.count / 3) else { return nil }
        return best.word
    }
}
