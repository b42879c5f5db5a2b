/// Rule prose as people should read it. YAML's folded scalars (`>-`) join lines with a
/// space, which in Chinese text shows up as a stray gap between two characters; it is
/// removed where both neighbours are wide (CJK) characters.
enum ProseText {
    static func tidy(_ text: String) -> String {
        let scalars = Array(text.trimmingSpaces().unicodeScalars)
        var out = String.UnicodeScalarView()
        for (index, scalar) in scalars.enumerated() {
            if scalar == " ", index > 0, index + 1 < scalars.count,
               isWide(scalars[index - 1]), isWide(scalars[index + 1]) {
                continue
            }
            out.append(scalar)
        }
        return String(out)
    }

    private static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x2E80...0x9FFF, 0xAC00...0xD7AF, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0x20000...0x3FFFF: true
        default: false
        }
    }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let c = s.first, c.isWhitespace { s = s.dropFirst() }
        while let c = s.last, c.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}
