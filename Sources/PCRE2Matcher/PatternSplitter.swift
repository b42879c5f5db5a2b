/// Cuts a pattern that compiles too large for one PCRE2 code (65,536 bytes with the
/// default link size) into pieces that each compile, such that searching the pieces in
/// order and keeping the match that starts first (the earliest piece on a tie) finds
/// exactly what the one pattern finds: the same match, the same span, the same groups.
///
/// PCRE2 chooses matches leftmost-first: the earliest start position at which the pattern
/// matches, and there the first alternative (in pattern order) that leads to a match.
/// For a pattern `X(?:A1|…|An)Y`, the pieces `X(?:A1|…|Ak)Y`, `X(?:Ak+1|…)Y`, … keep that
/// choice when `X` can match in at most one way at a position (literals, classes, anchors,
/// lookarounds, exact or possessive repeats, groups of those): at every start the one
/// pattern tries the branches in order, each with everything after it, just as the pieces
/// do one after another. The alternation split is the outermost one reached through such
/// a prefix (the top level first); a prefix that can match in several ways (`.{0,10}?`,
/// `a*`, another alternation) blocks it, and the pattern is not split.
///
/// Capture groups keep their numbers: each piece carries the groups of the branches it
/// leaves out as `(?:()()…){0}`, groups that exist but never match. Constructs whose
/// meaning depends on other branches or on the whole pattern are refused: back
/// references, subroutine calls and recursion, conditionals, branch reset groups,
/// `(*VERB)`s, option settings after the start of the pattern, and extended mode.
struct PatternSplitter {
    /// Why a pattern cannot be split.
    struct Refusal: Error {
        var reason: String
    }

    /// A group: its kind, where its branches' text lies, and the branches.
    final class Group {
        enum Kind { case plain, capture, lookaround, atomic, comment }
        let kind: Kind
        /// The text between the opening `(…` and the closing `)`.
        var content: Range<Int> = 0..<0
        var branches: [Branch] = []
        init(kind: Kind) { self.kind = kind }
    }

    /// One item of a sequence: an atom (a character, a class, an escape, a group) and
    /// its quantifier.
    struct Item {
        var range: Range<Int>
        var group: Group?
        /// The atom and its quantifier can match in at most one way at a position.
        var deterministic: Bool
        var hasQuantifier: Bool
        /// Capture groups in the item, its own included.
        var captures: Int
    }

    struct Branch {
        var range: Range<Int>
        var items: [Item]
        var captures: Int { items.reduce(0) { $0 + $1.captures } }
    }

    let bytes: [UInt8]
    /// Leading option settings such as `(?i)`, kept at the start of every piece.
    private(set) var leading: Range<Int> = 0..<0
    private(set) var top: [Branch] = []
    private var position = 0

    init(_ pattern: String) throws(Refusal) {
        bytes = Array(pattern.utf8)
        // Leading unscoped option settings apply to the whole pattern, so every piece starts with them.
        while let end = optionSetting(at: position), bytes[end - 1] == UInt8(ascii: ")") {
            let letters = bytes[(position + 2)..<(end - 1)]
            if letters.contains(UInt8(ascii: "x")) || letters.contains(UInt8(ascii: "J")) {
                throw Refusal(reason: "it sets extended mode or duplicate names (`(?x)`, `(?J)`)")
            }
            position = end
        }
        leading = 0..<position
        top = try parseBranches(until: nil)
    }

    // MARK: Splitting

    /// The text of each piece, cut as `fits` allows: `fits` compiles a piece and says whether
    /// it is small enough (nil: it does not compile at all, being too large). A piece that
    /// compiles but is larger than wanted and cannot be cut further is kept as it is.
    static func pieces(of pattern: String, maxPieces: Int = 256,
                       fits: (String) -> Bool?) throws(Refusal) -> [String] {
        var out: [String] = []
        try split(pattern, depth: 0, into: &out, maxPieces: maxPieces, fits: fits)
        return out
    }

    private static func split(_ pattern: String, depth: Int, into out: inout [String], maxPieces: Int,
                              fits: (String) -> Bool?) throws(Refusal) {
        guard depth < 32 else { throw Refusal(reason: "its alternations are nested too deep to split") }
        let splitter = try PatternSplitter(pattern)
        let site = try splitter.site()
        try splitter.chunk(site, site.branches.indices, depth: depth, into: &out, maxPieces: maxPieces, fits: fits)
    }

    private func chunk(_ site: Site, _ range: Range<Int>, depth: Int, into out: inout [String], maxPieces: Int,
                       fits: (String) -> Bool?) throws(Refusal) {
        let text = piece(site, range)
        let verdict = range.count == site.branches.count ? false : fits(text)
        if verdict == true {
            guard out.count < maxPieces else { throw Refusal(reason: "it would take more than \(maxPieces) pieces") }
            out.append(text)
            return
        }
        if range.count >= 2 {
            // Halve by text length, so that each half holds about half the code.
            let total = range.reduce(0) { $0 + site.branches[$1].range.count }
            var sum = 0
            var cut = range.lowerBound + 1
            for index in range {
                sum += site.branches[index].range.count
                if sum * 2 >= total { cut = min(max(index + 1, range.lowerBound + 1), range.upperBound - 1); break }
            }
            try chunk(site, range.lowerBound..<cut, depth: depth, into: &out, maxPieces: maxPieces, fits: fits)
            try chunk(site, cut..<range.upperBound, depth: depth, into: &out, maxPieces: maxPieces, fits: fits)
            return
        }
        // One branch, still too large: cut inside it.
        do {
            try Self.split(text, depth: depth + 1, into: &out, maxPieces: maxPieces, fits: fits)
        } catch {
            guard verdict != nil else { throw error }
            guard out.count < maxPieces else { throw Refusal(reason: "it would take more than \(maxPieces) pieces") }
            out.append(text)
        }
    }

    /// The alternation to split: its content range and branches.
    struct Site {
        var content: Range<Int>
        var branches: [Branch]
        /// Captures of the whole alternation.
        var captures: Int { branches.reduce(0) { $0 + $1.captures } }
    }

    /// The outermost alternation reached through a prefix that matches in at most one way.
    func site() throws(Refusal) -> Site {
        switch find(top, content: leading.upperBound..<bytes.count) {
        case let .found(site): return site
        case let .blocked(item):
            throw Refusal(reason: "its alternation comes after `\(excerpt(item.range))`, which can match in more than one way, so the pieces could choose other matches than the whole pattern")
        case .none:
            throw Refusal(reason: "it has no alternation (`|`) outside repeated, atomic or lookaround groups")
        }
    }

    private enum Search { case found(Site), blocked(Item), none }

    private func find(_ branches: [Branch], content: Range<Int>) -> Search {
        if branches.count >= 2 { return .found(Site(content: content, branches: branches)) }
        guard let branch = branches.first else { return .none }
        for item in branch.items {
            if let group = item.group, !item.hasQuantifier, group.kind == .plain || group.kind == .capture {
                switch find(group.branches, content: group.content) {
                case .found(let site): return .found(site)
                case .blocked(let inner): return .blocked(inner)
                case .none: continue
                }
            }
            if !item.deterministic { return .blocked(item) }
        }
        return .none
    }

    /// The pattern with the site's alternation reduced to `range` of its branches, and the
    /// groups of the other branches kept (never matching) so that groups keep their numbers.
    func piece(_ site: Site, _ range: Range<Int>) -> String {
        let before = site.branches[..<range.lowerBound].reduce(0) { $0 + $1.captures }
        let after = site.branches[range.upperBound...].reduce(0) { $0 + $1.captures }
        var out = Array(bytes[..<site.content.lowerBound])
        let chosen = site.branches[range].map { Array(bytes[$0.range]) }
        if before == 0 && after == 0 {
            out += Array(chosen.joined(separator: [UInt8(ascii: "|")]))
        } else {
            if before > 0 { out += Array("(?:\(String(repeating: "()", count: before))){0}".utf8) }
            out += Array("(?:".utf8) + Array(chosen.joined(separator: [UInt8(ascii: "|")])) + [UInt8(ascii: ")")]
            if after > 0 { out += Array("(?:\(String(repeating: "()", count: after))){0}".utf8) }
        }
        out += bytes[site.content.upperBound...]
        return String(decoding: out, as: UTF8.self)
    }

    private func excerpt(_ range: Range<Int>) -> String {
        let text = String(decoding: bytes[range], as: UTF8.self)
        return text.count > 40 ? String(text.prefix(40)) + "…" : text
    }

    // MARK: Parsing

    private func byte(_ index: Int) -> UInt8? { index < bytes.count ? bytes[index] : nil }

    private func isASCII(_ index: Int, _ character: Character) -> Bool {
        guard let value = character.asciiValue, let b = byte(index) else { return false }
        return b == value
    }

    /// The end of an option setting `(?flags)` or `(?flags:` at `index`, if there is one.
    private func optionSetting(at index: Int) -> Int? {
        guard isASCII(index, "("), isASCII(index + 1, "?") else { return nil }
        var i = index + 2
        while let b = byte(i), (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
                || b == UInt8(ascii: "-") || b == UInt8(ascii: "^") {
            i += 1
        }
        guard i > index + 2 || isASCII(i, ")") || isASCII(i, ":") else { return nil }
        guard let b = byte(i), b == UInt8(ascii: ")") || b == UInt8(ascii: ":") else { return nil }
        // Letters that start other constructs: (?P…), (?C…), (?R).
        if i > index + 2, let first = byte(index + 2), first == UInt8(ascii: "P") || first == UInt8(ascii: "C") || first == UInt8(ascii: "R") { return nil }
        return i + 1
    }

    private mutating func parseBranches(until close: UInt8?) throws(Refusal) -> [Branch] {
        var branches: [Branch] = []
        var items: [Item] = []
        var start = position
        while true {
            guard let b = byte(position) else {
                if close != nil { throw Refusal(reason: "a group is not closed") }
                branches.append(Branch(range: start..<position, items: items))
                return branches
            }
            if b == UInt8(ascii: "|") {
                branches.append(Branch(range: start..<position, items: items))
                items = []
                position += 1
                start = position
                continue
            }
            if b == UInt8(ascii: ")") {
                guard close != nil else { throw Refusal(reason: "a `)` closes no group") }
                branches.append(Branch(range: start..<position, items: items))
                return branches
            }
            items.append(try parseItem())
        }
    }

    private mutating func parseItem() throws(Refusal) -> Item {
        let start = position
        var group: Group?
        var atomDeterministic = true
        var captures = 0
        let b = bytes[position]
        switch b {
        case UInt8(ascii: "("):
            let parsed = try parseGroup()
            group = parsed
            captures = parsed.branches.reduce(0) { $0 + $1.captures } + (parsed.kind == .capture ? 1 : 0)
            switch parsed.kind {
            case .plain, .capture:
                atomDeterministic = parsed.branches.count == 1 && parsed.branches[0].items.allSatisfy(\.deterministic)
            case .lookaround, .atomic, .comment:
                atomDeterministic = true
            }
        case UInt8(ascii: "["):
            try skipClass()
        case UInt8(ascii: "\\"):
            try skipEscape()
        default:
            position += 1
            while let next = byte(position), next & 0xC0 == 0x80 { position += 1 }
        }
        let quantifier = try parseQuantifier()
        let deterministic: Bool
        switch quantifier {
        case .none, .exact, .possessive: deterministic = quantifier == .possessive || atomDeterministic
        case .other: deterministic = false
        }
        if group?.kind == .comment, quantifier != .none { throw Refusal(reason: "a comment group has a quantifier") }
        return Item(range: start..<position, group: group, deterministic: deterministic,
                    hasQuantifier: quantifier != .none, captures: captures)
    }

    private enum Quantifier { case none, exact, possessive, other }

    private mutating func parseQuantifier() throws(Refusal) -> Quantifier {
        guard let b = byte(position) else { return .none }
        var exact = false
        switch b {
        case UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "?"):
            position += 1
        case UInt8(ascii: "{"):
            // 10.42 reads `{n}`, `{n,}` and `{n,m}`; anything else is literal text. Newer
            // versions also read `{,m}` and spaces, so such braces are refused.
            var i = position + 1
            var digits = 0, commas = 0, other = false
            while let c = byte(i), c != UInt8(ascii: "}") {
                if c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") {
                    digits += 1
                } else if c == UInt8(ascii: ",") {
                    commas += 1
                } else if c == UInt8(ascii: " ") {
                    other = true
                } else {
                    return .none
                }
                i += 1
            }
            guard byte(i) == UInt8(ascii: "}") else { return .none }
            let firstIsDigit = byte(position + 1).map { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") } ?? false
            guard !other, commas <= 1, firstIsDigit else {
                if digits + commas > 0 { throw Refusal(reason: "a brace `{…}` reads differently in other PCRE2 versions") }
                return .none
            }
            exact = commas == 0
            position = i + 1
        default:
            return .none
        }
        if let c = byte(position), c == UInt8(ascii: "+") {
            position += 1
            return .possessive
        }
        if let c = byte(position), c == UInt8(ascii: "?") { position += 1 }
        return exact ? .exact : .other
    }

    private mutating func parseGroup() throws(Refusal) -> Group {
        let open = position
        let kind: Group.Kind
        if isASCII(open + 1, "*") { throw Refusal(reason: "it uses a `(*…)` verb or option") }
        if isASCII(open + 1, "?") {
            let c = byte(open + 2) ?? 0
            switch c {
            case UInt8(ascii: ":"):
                kind = .plain
                position = open + 3
            case UInt8(ascii: "="), UInt8(ascii: "!"):
                kind = .lookaround
                position = open + 3
            case UInt8(ascii: ">"):
                kind = .atomic
                position = open + 3
            case UInt8(ascii: "#"):
                var i = open + 3
                while let b = byte(i), b != UInt8(ascii: ")") { i += 1 }
                guard byte(i) != nil else { throw Refusal(reason: "a comment is not closed") }
                position = i + 1
                let group = Group(kind: .comment)
                group.content = (open + 3)..<i
                return group
            case UInt8(ascii: "<"):
                if isASCII(open + 3, "=") || isASCII(open + 3, "!") {
                    kind = .lookaround
                    position = open + 4
                } else {
                    kind = .capture
                    position = try nameEnd(from: open + 3, close: UInt8(ascii: ">"))
                }
            case UInt8(ascii: "'"):
                kind = .capture
                position = try nameEnd(from: open + 3, close: UInt8(ascii: "'"))
            case UInt8(ascii: "P") where isASCII(open + 3, "<"):
                kind = .capture
                position = try nameEnd(from: open + 4, close: UInt8(ascii: ">"))
            default:
                guard let end = optionSetting(at: open), isASCII(end - 1, ":") else {
                    if optionSetting(at: open) != nil {
                        throw Refusal(reason: "it sets options (`(?i)`) after its start, which carry over into later branches")
                    }
                    throw Refusal(reason: "it uses back references, recursion, conditionals or branch reset groups")
                }
                let letters = bytes[(open + 2)..<(end - 1)]
                if letters.contains(UInt8(ascii: "x")) || letters.contains(UInt8(ascii: "J")) {
                    throw Refusal(reason: "it sets extended mode or duplicate names (`(?x)`, `(?J)`)")
                }
                kind = .plain
                position = end
            }
        } else {
            kind = .capture
            position = open + 1
        }
        let group = Group(kind: kind)
        let contentStart = position
        group.branches = try parseBranches(until: UInt8(ascii: ")"))
        group.content = contentStart..<position
        position += 1
        return group
    }

    private func nameEnd(from start: Int, close: UInt8) throws(Refusal) -> Int {
        var i = start
        while let b = byte(i), b != close {
            guard (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
                    || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b == UInt8(ascii: "_") else {
                throw Refusal(reason: "a group name is not plain letters and digits")
            }
            i += 1
        }
        guard byte(i) != nil else { throw Refusal(reason: "a group name is not closed") }
        return i + 1
    }

    /// Skips a character class `[…]`, with `]` first taken literally and `[:name:]` inside.
    private mutating func skipClass() throws(Refusal) {
        var i = position + 1
        if isASCII(i, "^") { i += 1 }
        if isASCII(i, "]") { i += 1 }
        while let b = byte(i) {
            if b == UInt8(ascii: "\\") {
                if isASCII(i + 1, "Q") { throw Refusal(reason: "it quotes (`\\Q…\\E`) inside a class") }
                i += 2
                continue
            }
            if b == UInt8(ascii: "["), isASCII(i + 1, ":") || isASCII(i + 1, ".") || isASCII(i + 1, "=") {
                let end = bytes[(i + 2)...].firstIndex(of: UInt8(ascii: "]"))
                guard let end else { break }
                i = end + 1
                continue
            }
            if b == UInt8(ascii: "]") {
                position = i + 1
                return
            }
            i += 1
        }
        throw Refusal(reason: "a character class is not closed")
    }

    private mutating func skipEscape() throws(Refusal) {
        guard let e = byte(position + 1) else { throw Refusal(reason: "it ends with `\\`") }
        switch e {
        case UInt8(ascii: "1")...UInt8(ascii: "9"), UInt8(ascii: "g"), UInt8(ascii: "k"):
            throw Refusal(reason: "it uses back references")
        case UInt8(ascii: "Q"):
            var i = position + 2
            while i < bytes.count, !(bytes[i] == UInt8(ascii: "\\") && isASCII(i + 1, "E")) { i += 1 }
            position = min(bytes.count, i + 2)
        case UInt8(ascii: "0"):
            var i = position + 2
            while i < position + 4, let b = byte(i), b >= UInt8(ascii: "0"), b <= UInt8(ascii: "7") { i += 1 }
            position = i
        case UInt8(ascii: "x"), UInt8(ascii: "o"), UInt8(ascii: "p"), UInt8(ascii: "P"), UInt8(ascii: "N"):
            if isASCII(position + 2, "{") {
                guard let end = bytes[(position + 2)...].firstIndex(of: UInt8(ascii: "}")) else {
                    throw Refusal(reason: "an escape's braces are not closed")
                }
                position = end + 1
            } else if e == UInt8(ascii: "x") {
                var i = position + 2
                while i < position + 4, let b = byte(i), isHex(b) { i += 1 }
                position = i
            } else if e == UInt8(ascii: "p") || e == UInt8(ascii: "P") {
                position += 3
            } else {
                position += 2
            }
        case UInt8(ascii: "c"):
            position += 3
        default:
            position += 2
            while let next = byte(position), next & 0xC0 == 0x80 { position += 1 }
        }
        if position > bytes.count { throw Refusal(reason: "it ends inside an escape") }
    }

    private func isHex(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "f"))
            || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "F"))
    }
}
