/// Just enough of PCRE2 syntax to find the literal text every match must contain.
///
/// The parser is deliberately conservative: anything it does not fully understand either
/// becomes an `any` node (which can match any text and so requires nothing) or, when it
/// could change what "a match starting here" means (`\G`, `\K`, backtracking verbs,
/// callouts, conditionals, extended mode), makes the whole pattern unsupported, and the
/// rule then runs over the whole text as before.
indirect enum RegexNode: Equatable {
    /// One character from a small finite set (a literal, `[台臺]`).
    case chars([Unicode.Scalar])
    /// Between `min` and `max` characters of anything (`.`, `\d`, `[^。]`, a backreference).
    case any(min: Int, max: Int?)
    /// One character of a class made only of separators (`LooseSeparators`), such as the gap
    /// a `loose: true` phrase allows between its characters.
    case separator
    /// One decimal digit (`\d`: any Unicode Nd under UCP), which windows walk back over for
    /// free (`LooseSeparators.isUncounted`).
    case digit
    /// A zero-width assertion (`^`, `\b`, a lookaround): it consumes nothing.
    case assertion
    case concat([RegexNode])
    case alternation([RegexNode])
    case repeated(RegexNode, min: Int, max: Int?)
}

/// Why a pattern is not analysed.
struct RegexSyntaxUnsupported: Error, Equatable {
    var reason: String
}

/// A recursive-descent reader of a PCRE2 pattern into a `RegexNode`.
struct RegexSyntaxParser {
    private let scalars: [Unicode.Scalar]
    private var index = 0
    /// Whether caseless matching is on anywhere (the rule's option or an inline `(?i)`).
    private(set) var caseless: Bool

    init(_ pattern: String, caseless: Bool) {
        scalars = Array(pattern.unicodeScalars)
        self.caseless = caseless
        // An inline (?i) anywhere makes the whole analysis caseless: a superset is safe.
        if pattern.contains("(?") && Self.mentionsCaselessFlag(scalars) { self.caseless = true }
    }

    static func parse(_ pattern: String, caseless: Bool) throws(RegexSyntaxUnsupported) -> (RegexNode, caseless: Bool) {
        var parser = RegexSyntaxParser(pattern, caseless: caseless)
        let node = try parser.parseAlternation()
        guard parser.index == parser.scalars.count else { throw RegexSyntaxUnsupported(reason: "unbalanced `)`") }
        return (node, parser.caseless)
    }

    private static func mentionsCaselessFlag(_ s: [Unicode.Scalar]) -> Bool {
        var i = 0
        while i + 2 < s.count {
            if s[i] == "\\" { i += 2; continue }
            if s[i] == "(" && s[i + 1] == "?" {
                var j = i + 2
                while j < s.count, "imnsxJU-^".unicodeScalars.contains(s[j]) {
                    if s[j] == "i" { return true }
                    j += 1
                }
            }
            i += 1
        }
        return false
    }

    private var atEnd: Bool { index >= scalars.count }
    private func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        index + offset < scalars.count ? scalars[index + offset] : nil
    }

    private mutating func parseAlternation() throws(RegexSyntaxUnsupported) -> RegexNode {
        var branches: [RegexNode] = [try parseConcat()]
        while peek() == "|" {
            index += 1
            branches.append(try parseConcat())
        }
        return branches.count == 1 ? branches[0] : .alternation(branches)
    }

    private mutating func parseConcat() throws(RegexSyntaxUnsupported) -> RegexNode {
        var items: [RegexNode] = []
        while let c = peek(), c != "|", c != ")" {
            guard let atom = try parseAtom() else { continue }
            items.append(try parseQuantifier(after: atom))
        }
        return items.count == 1 ? items[0] : .concat(items)
    }

    /// One atom, or nil for something that matches nothing at all (a comment, a flag setting).
    private mutating func parseAtom() throws(RegexSyntaxUnsupported) -> RegexNode? {
        let c = scalars[index]
        index += 1
        switch c {
        case "(": return try parseGroup()
        case "[": return try parseClass()
        case "\\": return try parseEscape(inClass: false).node
        case ".": return .any(min: 1, max: 1)
        case "^", "$": return .assertion
        case "*", "+", "?":
            throw RegexSyntaxUnsupported(reason: "a quantifier with nothing before it")
        default: return literal(c)
        }
    }

    private func literal(_ c: Unicode.Scalar) -> RegexNode {
        if let set = Self.caseVariants(of: c, caseless: caseless) { return .chars(set) }
        return .any(min: 1, max: 1)
    }

    /// The characters a literal stands for: itself, or under caseless matching its ASCII
    /// case partners (stored lower-case: the scanner folds ASCII case) and the two
    /// non-ASCII characters PCRE2 folds to ASCII letters (K KELVIN SIGN, ſ LONG S).
    /// `nil` for a non-ASCII cased letter under caseless matching (left as "any").
    static func caseVariants(of c: Unicode.Scalar, caseless: Bool) -> [Unicode.Scalar]? {
        if c.isASCII {
            guard c.properties.isAlphabetic else { return [c] }
            let lower = Unicode.Scalar(UInt8(ascii: c) | 0x20)
            guard caseless else { return [lower] }
            if lower == "k" { return [lower, "\u{212A}"] }
            if lower == "s" { return [lower, "\u{17F}"] }
            return [lower]
        }
        if caseless && c.properties.changesWhenCaseMapped { return nil }
        return [c]
    }

    private mutating func parseGroup() throws(RegexSyntaxUnsupported) -> RegexNode? {
        if peek() == "*" { throw RegexSyntaxUnsupported(reason: "a backtracking verb or option `(*...)`") }
        guard peek() == "?" else { return try groupBody() }
        index += 1
        guard let c = peek() else { throw RegexSyntaxUnsupported(reason: "unterminated group") }
        switch c {
        case ":", "|", ">":
            index += 1
            return try groupBody()
        case "=", "!":
            index += 1
            _ = try groupBody()
            return .assertion
        case "<":
            if peek(1) == "=" || peek(1) == "!" {
                index += 2
                _ = try groupBody()
                return .assertion
            }
            try skipName(until: ">")
            return try groupBody()
        case "P":
            if peek(1) == "<" {
                index += 1
                try skipName(until: ">")
                return try groupBody()
            }
            // (?P=name) backreference, (?P>name) subroutine call.
            try skipPast(")")
            return .any(min: 0, max: nil)
        case "'":
            try skipName(until: "'")
            return try groupBody()
        case "#":
            try skipPast(")")
            return nil
        case "R", "&", "+", "0"..."9":
            try skipPast(")")
            return .any(min: 0, max: nil)
        case "-":
            if let next = peek(1), ("0"..."9").contains(next) {
                try skipPast(")")
                return .any(min: 0, max: nil)
            }
            return try flagGroup()
        case "(": throw RegexSyntaxUnsupported(reason: "a conditional group")
        case "C": throw RegexSyntaxUnsupported(reason: "a callout")
        default:
            return try flagGroup()
        }
    }

    /// `(?i)`, `(?-i)`, `(?i:...)`; extended mode is not analysed.
    private mutating func flagGroup() throws(RegexSyntaxUnsupported) -> RegexNode? {
        while let c = peek(), "imnsxJU-^".unicodeScalars.contains(c) {
            if c == "x" { throw RegexSyntaxUnsupported(reason: "extended mode (?x)") }
            index += 1
        }
        switch peek() {
        case ")":
            index += 1
            return nil
        case ":":
            index += 1
            return try groupBody()
        default:
            throw RegexSyntaxUnsupported(reason: "an unknown group syntax")
        }
    }

    private mutating func skipName(until terminator: Unicode.Scalar) throws(RegexSyntaxUnsupported) {
        index += 1
        while let c = peek(), c != terminator { index += 1 }
        guard peek() == terminator else { throw RegexSyntaxUnsupported(reason: "an unterminated group name") }
        index += 1
    }

    private mutating func skipPast(_ terminator: Unicode.Scalar) throws(RegexSyntaxUnsupported) {
        while let c = peek(), c != terminator { index += 1 }
        guard peek() == terminator else { throw RegexSyntaxUnsupported(reason: "an unterminated group") }
        index += 1
    }

    private mutating func groupBody() throws(RegexSyntaxUnsupported) -> RegexNode {
        let inner = try parseAlternation()
        guard peek() == ")" else { throw RegexSyntaxUnsupported(reason: "an unterminated group") }
        index += 1
        return inner
    }

    private mutating func parseQuantifier(after atom: RegexNode) throws(RegexSyntaxUnsupported) -> RegexNode {
        var node = atom
        while let c = peek() {
            var bounds: (Int, Int?)
            switch c {
            case "*": bounds = (0, nil); index += 1
            case "+": bounds = (1, nil); index += 1
            case "?": bounds = (0, 1); index += 1
            case "{":
                guard let parsed = try braceQuantifier() else { return node }
                bounds = parsed
            default: return node
            }
            if atom == .assertion { throw RegexSyntaxUnsupported(reason: "a quantified assertion") }
            // Lazy or possessive: the same set of possible matches for our purposes.
            if peek() == "?" || peek() == "+" { index += 1 }
            node = .repeated(node, min: bounds.0, max: bounds.1)
        }
        return node
    }

    /// `{n}`, `{n,}`, `{n,m}`; anything else is a literal `{` (PCRE2 10.42), except `{,m}`,
    /// whose meaning changed in 10.43 and is not analysed.
    private mutating func braceQuantifier() throws(RegexSyntaxUnsupported) -> (Int, Int?)? {
        var j = index + 1
        func number() -> Int? {
            var value = 0, digits = 0
            while j < scalars.count, let d = scalars[j].properties.numericType == .decimal ? Int(String(scalars[j])) : nil,
                  scalars[j].isASCII {
                value = value * 10 + d
                digits += 1
                j += 1
                if value > 65535 { return nil }
            }
            return digits > 0 ? value : nil
        }
        if j < scalars.count && scalars[j] == "," { throw RegexSyntaxUnsupported(reason: "a `{,m}` quantifier") }
        guard let low = number() else { return nil }
        var high: Int? = low
        if j < scalars.count && scalars[j] == "," {
            j += 1
            high = number()
        }
        guard j < scalars.count && scalars[j] == "}" else { return nil }
        if let high, high < low { throw RegexSyntaxUnsupported(reason: "a quantifier out of order") }
        index = j + 1
        return (low, high)
    }

    // MARK: - Escapes and classes

    /// An escape after `\`: a node, or (in a class) a single scalar when it is one.
    private mutating func parseEscape(inClass: Bool) throws(RegexSyntaxUnsupported) -> (node: RegexNode?, scalar: Unicode.Scalar?) {
        guard let c = peek() else { throw RegexSyntaxUnsupported(reason: "a trailing backslash") }
        index += 1
        switch c {
        case "s", "h", "v":
            // Whitespace: every such character is one of `LooseSeparators`.
            return (.separator, nil)
        case "d":
            return (.digit, nil)
        case "D", "w", "W", "S", "H", "V", "N":
            return (.any(min: 1, max: 1), nil)
        case "R": return (.any(min: 1, max: 2), nil)
        case "X": return (.any(min: 1, max: nil), nil)
        case "p", "P":
            if peek() == "{" { try skipPast("}") } else { index += 1 }
            return (.any(min: 1, max: 1), nil)
        case "b", "B", "A", "z", "Z":
            if inClass {
                if c == "b" { return (nil, "\u{08}") }
                throw RegexSyntaxUnsupported(reason: "an escape in a class")
            }
            return (.assertion, nil)
        case "G": throw RegexSyntaxUnsupported(reason: "\\G")
        case "K":
            // \K only moves the reported start; the search still starts where it did, and
            // the prefilter's windows bound that start (PCRE2's offset limit applies to it).
            if inClass { throw RegexSyntaxUnsupported(reason: "\\K in a class") }
            return (.assertion, nil)
        case "C": throw RegexSyntaxUnsupported(reason: "\\C")
        case "c": throw RegexSyntaxUnsupported(reason: "a \\c control escape")
        case "n": return (literal("\n"), "\n")
        case "t": return (literal("\t"), "\t")
        case "r": return (literal("\r"), "\r")
        case "f": return (literal("\u{0C}"), "\u{0C}")
        case "e": return (literal("\u{1B}"), "\u{1B}")
        case "a": return (literal("\u{07}"), "\u{07}")
        case "x":
            var hex = ""
            if peek() == "{" {
                index += 1
                while let h = peek(), h != "}" { hex.unicodeScalars.append(h); index += 1 }
                guard peek() == "}" else { throw RegexSyntaxUnsupported(reason: "an unterminated \\x{...}") }
                index += 1
            } else {
                while hex.count < 2, let h = peek(), h.properties.isASCIIHexDigit { hex.unicodeScalars.append(h); index += 1 }
            }
            guard let value = UInt32(hex.isEmpty ? "0" : hex, radix: 16), let scalar = Unicode.Scalar(value) else {
                throw RegexSyntaxUnsupported(reason: "a bad \\x escape")
            }
            return (literal(scalar), scalar)
        case "Q":
            if inClass { throw RegexSyntaxUnsupported(reason: "\\Q in a class") }
            var items: [RegexNode] = []
            while index < scalars.count {
                if scalars[index] == "\\" && peek(1) == "E" { index += 2; break }
                items.append(literal(scalars[index]))
                index += 1
            }
            return (items.count == 1 ? items[0] : .concat(items), nil)
        case "E": return (nil, nil)
        case "g", "k":
            // Backreferences and subroutine calls by name or number.
            if let open = peek(), open == "{" || open == "<" || open == "'" {
                try skipPast(open == "{" ? "}" : open == "<" ? ">" : "'")
            } else {
                if peek() == "-" || peek() == "+" { index += 1 }
                while let d = peek(), ("0"..."9").contains(d) { index += 1 }
            }
            if inClass { throw RegexSyntaxUnsupported(reason: "a backreference in a class") }
            return (.any(min: 0, max: nil), nil)
        case "0":
            throw RegexSyntaxUnsupported(reason: "an octal escape")
        case "1"..."9":
            if inClass { throw RegexSyntaxUnsupported(reason: "an octal escape in a class") }
            while let d = peek(), ("0"..."9").contains(d) { index += 1 }
            return (.any(min: 0, max: nil), nil)
        case "o": throw RegexSyntaxUnsupported(reason: "an octal escape")
        default:
            if c.isASCII && (c.properties.isAlphabetic || ("0"..."9").contains(c)) {
                throw RegexSyntaxUnsupported(reason: "an unknown escape \\\(c)")
            }
            return (literal(c), c)
        }
    }

    /// A character class: a small enumerated set, or "any character" when negated, large,
    /// or holding class escapes.
    private mutating func parseClass() throws(RegexSyntaxUnsupported) -> RegexNode {
        var negated = false
        if peek() == "^" { negated = true; index += 1 }
        var members: [Unicode.Scalar] = []
        var enumerable = !negated
        // Whether every escape in the class is whitespace (\s, \h, \v): all separators.
        var onlySeparators = true
        var first = true
        var previous: Unicode.Scalar?
        while true {
            guard let c = peek() else { throw RegexSyntaxUnsupported(reason: "an unterminated class") }
            if c == "]" && !first { index += 1; break }
            first = false
            if c == "[" && peek(1) == ":" {
                // POSIX class [:alpha:]
                index += 2
                while let p = peek(), p != "]" { index += 1 }
                index += 1
                enumerable = false
                onlySeparators = false
                previous = nil
                continue
            }
            var scalar: Unicode.Scalar?
            index += 1
            if c == "\\" {
                let escape = try parseEscape(inClass: true)
                if let s = escape.scalar { scalar = s } else if escape.node != nil {
                    enumerable = false
                    if !["s", "h", "v"].contains(scalars[index - 1]) { onlySeparators = false }
                }
            } else {
                scalar = c
            }
            if c == "-" && previous != nil && peek() != "]" {
                // A range: previous-next.
                guard let low = previous else { continue }
                var high: Unicode.Scalar?
                guard let n = peek() else { throw RegexSyntaxUnsupported(reason: "an unterminated class") }
                index += 1
                if n == "\\" {
                    high = try parseEscape(inClass: true).scalar
                } else {
                    high = n
                }
                guard let high, high.value >= low.value else {
                    throw RegexSyntaxUnsupported(reason: "a class range that is not a simple pair")
                }
                if high.value - low.value > 64 {
                    enumerable = false
                    onlySeparators = false
                } else if high.value > low.value {
                    for v in (low.value + 1)...high.value { if let s = Unicode.Scalar(v) { members.append(s) } }
                }
                previous = nil
                continue
            }
            if let scalar { members.append(scalar) }
            previous = scalar
        }
        if !negated && onlySeparators && members.allSatisfy(LooseSeparators.contains) { return .separator }
        guard enumerable, !members.isEmpty, members.count <= 64 else { return .any(min: 1, max: 1) }
        var out: [Unicode.Scalar] = []
        for member in members {
            guard let variants = Self.caseVariants(of: member, caseless: caseless) else { return .any(min: 1, max: 1) }
            for v in variants where !out.contains(v) { out.append(v) }
        }
        return .chars(out)
    }
}
