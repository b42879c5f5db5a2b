import Yams

/// Composes YAML from strangers (rule files, configs, front matter) with a budget on what
/// aliases may expand to. Yams expands every alias to a copy of its anchor's node, and
/// hashes mapping keys while composing, so a 380 KB file (`tags: [&s "字"x100000, *s
/// x20000]`) or a billion-laughs key grows to gigabytes or hashes for hours. libyaml's own
/// limits cover nesting (1,000 levels), not aliases.
///
/// When the text may hold aliases, it is first composed with every alias indicator replaced
/// by a private-use character, so each alias becomes a one-word scalar and nothing expands;
/// the size of the tree with every alias expanded is then counted (each anchor's size once,
/// in document order) and the real text is composed only when it is within the budget.
public enum SafeYAML {
    public enum Failure: Error, Sendable {
        /// A YAML error from Yams, as it gave it.
        case yaml(YamlError)
        /// Aliases expand the document past `limit` units (one per node plus one per byte of
        /// scalar text); `line` and `column` are those of the alias that went past it.
        case aliasBudget(line: Int, column: Int, limit: Int)
        case other(String)
    }

    /// The default budget: ten times the text plus a little, so that aliases can share a
    /// list or two but never multiply a file.
    public static func defaultBudget(for text: String) -> Int { 10 * text.utf8.count + 100_000 }

    /// The first document of `text`, or nil when it is empty.
    public static func compose(_ text: String, resolver: Resolver = .basic, budget: Int? = nil) throws(Failure) -> Node? {
        let limit = budget ?? defaultBudget(for: text)
        if let neutral = neutralized(text) {
            try checkExpansion(neutral, resolver: resolver, limit: limit)
        }
        do {
            return try Yams.compose(yaml: text, resolver)
        } catch let error as YamlError {
            throw .yaml(error)
        } catch {
            throw .other("\(error)")
        }
    }

    /// Stands in for `*` in the measuring pass (U+F8FF, a private-use character YAML allows
    /// in plain scalars).
    static let marker = "\u{F8FF}"

    /// `text` with every `*` that may start an alias replaced by `marker`, or nil when there
    /// is none. A `*` starts an alias only where a node starts: at the start, after white
    /// space, or after `[`, `{`, `,` or `:`; other `*` (and some of these, in quotes or
    /// comments) are text, and replacing them only changes the measuring copy.
    static func neutralized(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        guard bytes.contains(0x2A) else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 64)
        var found = false
        for (index, byte) in bytes.enumerated() {
            if byte == 0x2A {
                let before: UInt8 = index == 0 ? 0x20 : bytes[index - 1]
                let after: UInt8 = index + 1 < bytes.count ? bytes[index + 1] : 0x20
                let startsNode = [0x20, 0x09, 0x0A, 0x0D, 0x5B, 0x7B, 0x2C, 0x3A].contains(before)
                let named = ![0x20, 0x09, 0x0A, 0x0D, 0x5B, 0x5D, 0x7B, 0x7D, 0x2C].contains(after)
                if startsNode && named {
                    out += Array(marker.utf8)
                    found = true
                    continue
                }
            }
            out.append(byte)
        }
        return found ? String(decoding: out, as: UTF8.self) : nil
    }

    /// Counts the neutralized tree with aliases expanded; throws past `limit`. A text that
    /// does not compose is left to the real pass, which reports the error at the same place.
    static func checkExpansion(_ neutral: String, resolver: Resolver, limit: Int) throws(Failure) {
        let parser: Parser
        let root: Node
        do {
            parser = try Parser(yaml: neutral, resolver: resolver)
            guard let node = try parser.singleRoot() else { return }
            root = node
        } catch let error as YamlError {
            throw .yaml(error)
        } catch {
            throw .other("\(error)")
        }
        // Anchors are weak references kept alive by the parser.
        try withExtendedLifetime(parser) { () throws(Failure) in
            var sizes: [String: Int] = [:]
            var total = 0
            // Post-order with an explicit stack: (node, children done).
            var stack: [(Node, Bool)] = [(root, false)]
            var results: [Int] = []
            while let (node, expanded) = stack.popLast() {
                switch node {
                case let .scalar(scalar):
                    var size = 1 + scalar.string.utf8.count
                    if scalar.style == .plain, scalar.string.hasPrefix(marker) {
                        size = sizes[String(scalar.string.dropFirst())] ?? 1
                        total += size
                    } else {
                        total += size
                    }
                    if let anchor = scalar.anchor?.rawValue { sizes[anchor] = size }
                    results.append(size)
                    if total > limit {
                        throw .aliasBudget(line: scalar.mark?.line ?? 1, column: scalar.mark?.column ?? 1, limit: limit)
                    }
                case let .sequence(sequence):
                    if expanded {
                        let size = 1 + results.suffix(sequence.count).reduce(0, +)
                        results.removeLast(sequence.count)
                        if let anchor = sequence.anchor?.rawValue { sizes[anchor] = size }
                        results.append(size)
                        total += 1
                    } else {
                        stack.append((node, true))
                        for child in sequence.reversed() { stack.append((child, false)) }
                    }
                case let .mapping(mapping):
                    if expanded {
                        let count = mapping.count * 2
                        let size = 1 + results.suffix(count).reduce(0, +)
                        results.removeLast(count)
                        if let anchor = mapping.anchor?.rawValue { sizes[anchor] = size }
                        results.append(size)
                        total += 1
                    } else {
                        stack.append((node, true))
                        for (key, value) in mapping.reversed() {
                            stack.append((value, false))
                            stack.append((key, false))
                        }
                    }
                case .alias:
                    results.append(1)
                    total += 1
                }
                if total > limit {
                    throw .aliasBudget(line: node.mark?.line ?? 1, column: node.mark?.column ?? 1, limit: limit)
                }
            }
        }
    }
}
