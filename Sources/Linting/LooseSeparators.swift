/// The characters a `loose: true` phrase may have between its characters (PatternSyntax's
/// separator class, `\s` under UCP included), plus the other Unicode whitespace, so the
/// set is a superset of that class. The prefilter's stripped view of a text leaves them
/// all out, so a loose phrase is one literal again (`治 療` and `治・療` read `治療`).
enum LooseSeparators {
    static func contains(_ scalar: Unicode.Scalar) -> Bool { contains(scalar.value) }

    @inline(__always)
    static func contains(_ v: UInt32) -> Bool {
        if v < 0x80 { return ascii[Int(v)] }
        switch v {
        case 0x85, 0xA0, 0xB7, 0x1680, 0x180E, 0x2000...0x200A, 0x2022, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0x3001, 0x30FB:
            return true
        default:
            return false
        }
    }

    private static let ascii: [Bool] = {
        var table = [Bool](repeating: false, count: 128)
        for b in [9, 10, 11, 12, 13, 32] { table[b] = true }
        for c in ".-_*~|/\\,'\"^+=#".unicodeScalars { table[Int(c.value)] = true }
        return table
    }()
}
