import Foundation

/// What an element's inline `style` attribute (and the old presentational attributes:
/// `bgcolor`, `<font color size>`, `<body text>`) says about the colour, background and
/// size of its text. Style sheets are not read: a colour is known only where the markup
/// itself sets it (see `HTMLFactCollector`).
struct InlineStyle {
    /// The text colour set here.
    var color: CSSColor?
    /// The background colour set here.
    var background: CSSColor?
    /// A background image or gradient set here: what lies under the text is unknown.
    var backgroundImage = false
    /// The font size set here, in CSS pixels, given the parent's.
    var fontPixels: Double?
    var bold: Bool?
    /// Opacity below 1 set here: the colours are blended in ways not worked out.
    var translucent = false

    /// Reads `style` and presentational attributes of an element.
    init(element name: String, attributes: [String: String], parentPixels: Double) {
        if let bgcolor = attributes["bgcolor"] { background = CSSColor(css: bgcolor) }
        if name == "font" {
            if let color = attributes["color"] { self.color = CSSColor(css: color) }
            if let size = attributes["size"].flatMap({ Int($0.filter(\.isNumber)) }) {
                let sizes: [Double] = [10, 13, 16, 18, 24, 32, 48]
                fontPixels = sizes[max(1, min(7, size)) - 1]
            }
        }
        if name == "body", let text = attributes["text"] { color = CSSColor(css: text) }
        if let headingEm = Self.headingSizes[name] { fontPixels = parentPixels * headingEm }
        if ["small"].contains(name) { fontPixels = parentPixels * 0.83 }
        if ["big"].contains(name) { fontPixels = parentPixels * 1.2 }
        if ["b", "strong", "th", "h1", "h2", "h3", "h4", "h5", "h6"].contains(name) { bold = true }
        guard let style = attributes["style"] else { return }
        for declaration in Self.declarations(style) {
            let value = declaration.value
            switch declaration.property {
            case "color":
                color = CSSColor(css: value)
            case "background-color":
                background = CSSColor(css: value)
            case "background":
                for token in Self.tokens(value) {
                    if token.contains("(") && !token.hasPrefix("rgb") && !token.hasPrefix("hsl") { backgroundImage = true }
                    if let colour = CSSColor(css: token) { background = colour }
                }
            case "background-image":
                if value.lowercased() != "none" { backgroundImage = true }
            case "font-size":
                if let px = Self.pixels(value, parent: parentPixels) { fontPixels = px }
            case "font-weight":
                bold = Self.isBold(value)
            case "font":
                for token in Self.tokens(value) {
                    let size = token.split(separator: "/").first.map(String.init) ?? token
                    if let px = Self.pixels(size, parent: parentPixels), size.first?.isNumber == true || Self.keywordSizes[size] != nil {
                        fontPixels = px
                    } else if Self.isBold(token) {
                        bold = true
                    }
                }
            case "opacity":
                if let opacity = Double(value), opacity < 1 { translucent = true }
            default:
                break
            }
        }
    }

    static let headingSizes: [String: Double] = ["h1": 2, "h2": 1.5, "h3": 1.17, "h4": 1, "h5": 0.83, "h6": 0.67]
    static let keywordSizes: [String: Double] = [
        "xx-small": 9, "x-small": 10, "small": 13, "medium": 16, "large": 18, "x-large": 24, "xx-large": 32, "xxx-large": 48,
    ]

    private static func isBold(_ value: String) -> Bool {
        let v = value.lowercased()
        if v == "bold" || v == "bolder" { return true }
        if let weight = Int(v) { return weight >= 600 }
        return false
    }

    /// A CSS length as pixels: px, pt, em, rem, %, keywords.
    static func pixels(_ text: String, parent: Double) -> Double? {
        let value = text.lowercased().replacingOccurrences(of: "!important", with: "").filter { !$0.isWhitespace }
        if let keyword = keywordSizes[value] { return keyword }
        if value == "smaller" { return parent * 0.83 }
        if value == "larger" { return parent * 1.2 }
        let units: [(String, (Double) -> Double)] = [
            ("px", { $0 }), ("pt", { $0 * 4 / 3 }), ("rem", { $0 * 16 }), ("em", { $0 * parent }), ("%", { $0 / 100 * parent }),
        ]
        for (unit, convert) in units where value.hasSuffix(unit) {
            return Double(value.dropLast(unit.count)).map(convert)
        }
        return nil
    }

    /// `property: value` pairs of a style attribute; `;` inside parentheses or quotes (a
    /// data URI) does not end a declaration.
    static func declarations(_ style: String) -> [(property: String, value: String)] {
        var out: [(String, String)] = []
        var current = ""
        var depth = 0
        var quote: Character?
        func finish() {
            if let colon = current.firstIndex(of: ":") {
                let property = current[..<colon].lowercased().filter { !$0.isWhitespace }
                let value = current[current.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)
                if !property.isEmpty { out.append((property, value)) }
            }
            current = ""
        }
        for ch in style {
            if let q = quote {
                if ch == q { quote = nil }
            } else if ch == "\"" || ch == "'" {
                quote = ch
            } else if ch == "(" {
                depth += 1
            } else if ch == ")" {
                depth = max(0, depth - 1)
            } else if ch == ";" && depth == 0 {
                finish()
                continue
            }
            current.append(ch)
        }
        finish()
        return out
    }

    /// Space-separated tokens of a value, keeping `rgb(1, 2, 3)` and `url(a b)` whole.
    static func tokens(_ value: String) -> [String] {
        var out: [String] = []
        var current = ""
        var depth = 0
        for ch in value {
            if ch == "(" { depth += 1 }
            if ch == ")" { depth = max(0, depth - 1) }
            if (ch == " " || ch == "\t" || ch == "\n" || ch == ",") && depth == 0 {
                if !current.isEmpty { out.append(current) }
                current = ""
            } else {
                current.append(ch)
            }
        }
        if !current.isEmpty { out.append(current) }
        return out
    }
}
