/// Escaping for XML 1.0 attribute values and text, shared by the XML reporters. Characters
/// XML 1.0 cannot carry at all (most C0 controls, lone surrogates cannot occur in Swift
/// strings) become U+FFFD so the document stays well-formed.
enum XMLText {
    static func attribute(_ text: String) -> String {
        escape(text, attribute: true)
    }

    static func content(_ text: String) -> String {
        escape(text, attribute: false)
    }

    private static func escape(_ text: String, attribute: Bool) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where attribute: out += "&quot;"
            case "'" where attribute: out += "&apos;"
            // In attributes, parsers turn raw line ends and tabs into spaces; keep them.
            case "\n" where attribute: out += "&#10;"
            case "\r": out += "&#13;"
            case "\t" where attribute: out += "&#9;"
            case "\n", "\t": out.unicodeScalars.append(scalar)
            default:
                let value = scalar.value
                if value < 0x20 || value == 0xFFFE || value == 0xFFFF {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
