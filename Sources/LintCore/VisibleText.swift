/// Text from copy, rule files and file names, made safe to print on a terminal or in a CI
/// log. A stranger's pull request controls all three: an escape sequence (`\e]0;PWNED\a`)
/// retitles the terminal, U+202E reverses what a reviewer reads, and a newline in a file
/// name forges finding lines or, at the start of a line in GitHub Actions, a workflow
/// command (`::error`, `::stop-commands::`). Each such character is shown as what it is.
public enum VisibleText {
    /// `text` with control characters, bidirectional controls and line separators shown
    /// visibly: `\n`, `\r`, `\e`, `\x07`, `<U+202E>`. Tabs stay; with `keepingNewlines`, so
    /// do `\n` line ends (multi-line text, e.g. `adlaw extract`).
    public static func escaped(_ text: String, keepingNewlines: Bool = false) -> String {
        // Most text needs nothing: a byte scan finds the candidates (C0 controls and DEL,
        // and the lead bytes of C1 controls, U+061C and U+200E...U+2069).
        guard text.utf8.contains(where: { $0 < 0x20 && $0 != 0x09 || $0 == 0x7F || $0 == 0xC2 || $0 == 0xD8 || $0 == 0xE2 }) else {
            return text
        }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09: out.append(scalar)
            case 0x0A where keepingNewlines: out.append(scalar)
            case 0x0A: out.append(contentsOf: "\\n".unicodeScalars)
            case 0x0D: out.append(contentsOf: "\\r".unicodeScalars)
            case 0x1B: out.append(contentsOf: "\\e".unicodeScalars)
            case 0x00...0x1F, 0x7F: out.append(contentsOf: "\\x\(hex(scalar.value, digits: 2))".unicodeScalars)
            case 0x80...0x9F, 0x061C, 0x200E, 0x200F, 0x2028...0x202E, 0x2066...0x2069:
                out.append(contentsOf: "<U+\(hex(scalar.value, digits: 4))>".unicodeScalars)
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    /// A path to print at the start of a line: escaped, and `./` before a name that starts
    /// with `:` (a line starting `::` is a GitHub Actions workflow command).
    public static func path(_ path: String) -> String {
        let shown = escaped(path)
        return shown.hasPrefix(":") ? "./" + shown : shown
    }

    private static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
