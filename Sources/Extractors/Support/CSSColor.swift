import Foundation

/// An sRGB colour with alpha, as CSS and Office write them, and the WCAG 2 contrast
/// ratio between two colours (https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio).
struct CSSColor: Hashable, Sendable {
    var red: Double
    var green: Double
    var blue: Double
    /// 1 is opaque.
    var alpha: Double = 1

    static let black = CSSColor(red: 0, green: 0, blue: 0)
    static let white = CSSColor(red: 255, green: 255, blue: 255)
    /// The link colour browsers use when no style sheet sets one.
    static let defaultLink = CSSColor(red: 0, green: 0, blue: 0xEE)

    /// `#RRGGBB`.
    var hex: String {
        func byte(_ value: Double) -> String {
            let digits = Array("0123456789ABCDEF")
            let v = Int(max(0, min(255, value.rounded())))
            return String([digits[v / 16], digits[v % 16]])
        }
        return "#" + byte(red) + byte(green) + byte(blue)
    }

    /// This colour painted over an opaque `background`.
    func over(_ background: CSSColor) -> CSSColor {
        guard alpha < 1 else { return self }
        func mix(_ a: Double, _ b: Double) -> Double { a * alpha + b * (1 - alpha) }
        return CSSColor(red: mix(red, background.red), green: mix(green, background.green), blue: mix(blue, background.blue))
    }

    /// WCAG relative luminance.
    var luminance: Double {
        func channel(_ value: Double) -> Double {
            let c = value / 255
            return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)
    }

    /// The WCAG contrast ratio (1 to 21) of two opaque colours, rounded down to two decimals
    /// so 4.499 never passes as 4.5.
    static func contrast(_ a: CSSColor, _ b: CSSColor) -> Double {
        let (l1, l2) = (a.luminance, b.luminance)
        let ratio = (max(l1, l2) + 0.05) / (min(l1, l2) + 0.05)
        return (ratio * 100).rounded(.down) / 100
    }

    /// `RRGGBB` as Office writes it (`w:color w:val`, `a:srgbClr val`); nil for `auto` or
    /// anything else.
    init?(officeHex text: String) {
        guard text.utf8.count == 6, let value = Int(text, radix: 16) else { return nil }
        self.init(packed: value)
    }

    /// `0xRRGGBB`, as the colour tables below hold them.
    init(packed value: Int, alpha: Double = 1) {
        self.init(red: Double(value >> 16 & 0xFF), green: Double(value >> 8 & 0xFF), blue: Double(value & 0xFF), alpha: alpha)
    }

    init(red: Double, green: Double, blue: Double, alpha: Double = 1) {
        self.red = red
        self.green = green
        self.blue = blue
        self.alpha = alpha
    }

    /// A CSS colour value: `#rgb`, `#rgba`, `#rrggbb`, `#rrggbbaa`, `rgb()`, `rgba()`,
    /// `hsl()`, `hsla()`, a named colour or `transparent`. Nil for anything else
    /// (`inherit`, `currentColor`, variables, gradients).
    init?(css text: String) {
        var value = text.lowercased().filter { !$0.isWhitespace || $0 == " " }
        value = String(value.drop { $0 == " " })
        while value.hasSuffix(" ") { value.removeLast() }
        if value.hasSuffix("!important") { value = String(value.dropLast(10)).trimmingSpaces }
        if value.hasPrefix("#") {
            var digits = Array(value.dropFirst())
            guard digits.allSatisfy(\.isHexDigit), [3, 4, 6, 8].contains(digits.count) else { return nil }
            if digits.count <= 4 { digits = digits.flatMap { [$0, $0] } }
            if digits.count == 6 { digits += ["f", "f"] }
            guard let value = Int(String(digits), radix: 16) else { return nil }
            self.init(packed: value >> 8, alpha: Double(value & 0xFF) / 255)
            return
        }
        if value == "transparent" {
            self.init(red: 0, green: 0, blue: 0, alpha: 0)
            return
        }
        if let open = value.firstIndex(of: "("), value.hasSuffix(")") {
            let function = String(value[..<open]).trimmingSpaces
            let inner = value[value.index(after: open)..<value.index(before: value.endIndex)]
            let parts = inner.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "/" }).map(String.init)
            guard parts.count == 3 || parts.count == 4 else { return nil }
            func number(_ s: String, scale: Double) -> Double? {
                if s.hasSuffix("%") { return Double(s.dropLast()).map { $0 / 100 * scale } }
                return Double(s)
            }
            let alpha = parts.count == 4 ? number(parts[3], scale: 1) : 1
            guard let alpha else { return nil }
            switch function {
            case "rgb", "rgba":
                guard let r = number(parts[0], scale: 255), let g = number(parts[1], scale: 255), let b = number(parts[2], scale: 255) else { return nil }
                self.init(red: r, green: g, blue: b, alpha: min(1, max(0, alpha)))
            case "hsl", "hsla":
                guard let h = Double(parts[0].replacingDegrees), let s = number(parts[1], scale: 1), let l = number(parts[2], scale: 1) else { return nil }
                let (r, g, b) = Self.rgb(hue: h, saturation: min(1, s), lightness: min(1, l))
                self.init(red: r, green: g, blue: b, alpha: min(1, max(0, alpha)))
            default:
                return nil
            }
            return
        }
        guard let named = Self.named[value] else { return nil }
        self.init(packed: named)
    }

    private static func rgb(hue: Double, saturation s: Double, lightness l: Double) -> (Double, Double, Double) {
        let h = (hue.truncatingRemainder(dividingBy: 360) + 360).truncatingRemainder(dividingBy: 360) / 360
        func channel(_ t0: Double) -> Double {
            var t = t0
            if t < 0 { t += 1 }
            if t > 1 { t -= 1 }
            let q = l < 0.5 ? l * (1 + s) : l + s - l * s
            let p = 2 * l - q
            if t < 1.0 / 6 { return p + (q - p) * 6 * t }
            if t < 0.5 { return q }
            if t < 2.0 / 3 { return p + (q - p) * (2.0 / 3 - t) * 6 }
            return p
        }
        return (channel(h + 1.0 / 3) * 255, channel(h) * 255, channel(h - 1.0 / 3) * 255)
    }

    /// Word's highlight colours (`w:highlight w:val`).
    static let wordHighlights: [String: Int] = [
        "black": 0x000000, "blue": 0x0000FF, "cyan": 0x00FFFF, "green": 0x00FF00, "magenta": 0xFF00FF, "red": 0xFF0000,
        "yellow": 0xFFFF00, "white": 0xFFFFFF, "darkBlue": 0x000080, "darkCyan": 0x008080, "darkGreen": 0x008000,
        "darkMagenta": 0x800080, "darkRed": 0x800000, "darkYellow": 0x808000, "darkGray": 0x808080, "lightGray": 0xC0C0C0,
    ]

    /// The CSS named colours (CSS Color Module Level 4).
    static let named: [String: Int] = [
        "aliceblue": 0xF0F8FF, "antiquewhite": 0xFAEBD7, "aqua": 0x00FFFF, "aquamarine": 0x7FFFD4, "azure": 0xF0FFFF,
        "beige": 0xF5F5DC, "bisque": 0xFFE4C4, "black": 0x000000, "blanchedalmond": 0xFFEBCD, "blue": 0x0000FF,
        "blueviolet": 0x8A2BE2, "brown": 0xA52A2A, "burlywood": 0xDEB887, "cadetblue": 0x5F9EA0, "chartreuse": 0x7FFF00,
        "chocolate": 0xD2691E, "coral": 0xFF7F50, "cornflowerblue": 0x6495ED, "cornsilk": 0xFFF8DC, "crimson": 0xDC143C,
        "cyan": 0x00FFFF, "darkblue": 0x00008B, "darkcyan": 0x008B8B, "darkgoldenrod": 0xB8860B, "darkgray": 0xA9A9A9,
        "darkgreen": 0x006400, "darkgrey": 0xA9A9A9, "darkkhaki": 0xBDB76B, "darkmagenta": 0x8B008B, "darkolivegreen": 0x556B2F,
        "darkorange": 0xFF8C00, "darkorchid": 0x9932CC, "darkred": 0x8B0000, "darksalmon": 0xE9967A, "darkseagreen": 0x8FBC8F,
        "darkslateblue": 0x483D8B, "darkslategray": 0x2F4F4F, "darkslategrey": 0x2F4F4F, "darkturquoise": 0x00CED1,
        "darkviolet": 0x9400D3, "deeppink": 0xFF1493, "deepskyblue": 0x00BFFF, "dimgray": 0x696969, "dimgrey": 0x696969,
        "dodgerblue": 0x1E90FF, "firebrick": 0xB22222, "floralwhite": 0xFFFAF0, "forestgreen": 0x228B22, "fuchsia": 0xFF00FF,
        "gainsboro": 0xDCDCDC, "ghostwhite": 0xF8F8FF, "gold": 0xFFD700, "goldenrod": 0xDAA520, "gray": 0x808080,
        "green": 0x008000, "greenyellow": 0xADFF2F, "grey": 0x808080, "honeydew": 0xF0FFF0, "hotpink": 0xFF69B4,
        "indianred": 0xCD5C5C, "indigo": 0x4B0082, "ivory": 0xFFFFF0, "khaki": 0xF0E68C, "lavender": 0xE6E6FA,
        "lavenderblush": 0xFFF0F5, "lawngreen": 0x7CFC00, "lemonchiffon": 0xFFFACD, "lightblue": 0xADD8E6, "lightcoral": 0xF08080,
        "lightcyan": 0xE0FFFF, "lightgoldenrodyellow": 0xFAFAD2, "lightgray": 0xD3D3D3, "lightgreen": 0x90EE90,
        "lightgrey": 0xD3D3D3, "lightpink": 0xFFB6C1, "lightsalmon": 0xFFA07A, "lightseagreen": 0x20B2AA,
        "lightskyblue": 0x87CEFA, "lightslategray": 0x778899, "lightslategrey": 0x778899, "lightsteelblue": 0xB0C4DE,
        "lightyellow": 0xFFFFE0, "lime": 0x00FF00, "limegreen": 0x32CD32, "linen": 0xFAF0E6, "magenta": 0xFF00FF,
        "maroon": 0x800000, "mediumaquamarine": 0x66CDAA, "mediumblue": 0x0000CD, "mediumorchid": 0xBA55D3,
        "mediumpurple": 0x9370DB, "mediumseagreen": 0x3CB371, "mediumslateblue": 0x7B68EE, "mediumspringgreen": 0x00FA9A,
        "mediumturquoise": 0x48D1CC, "mediumvioletred": 0xC71585, "midnightblue": 0x191970, "mintcream": 0xF5FFFA,
        "mistyrose": 0xFFE4E1, "moccasin": 0xFFE4B5, "navajowhite": 0xFFDEAD, "navy": 0x000080, "oldlace": 0xFDF5E6,
        "olive": 0x808000, "olivedrab": 0x6B8E23, "orange": 0xFFA500, "orangered": 0xFF4500, "orchid": 0xDA70D6,
        "palegoldenrod": 0xEEE8AA, "palegreen": 0x98FB98, "paleturquoise": 0xAFEEEE, "palevioletred": 0xDB7093,
        "papayawhip": 0xFFEFD5, "peachpuff": 0xFFDAB9, "peru": 0xCD853F, "pink": 0xFFC0CB, "plum": 0xDDA0DD,
        "powderblue": 0xB0E0E6, "purple": 0x800080, "rebeccapurple": 0x663399, "red": 0xFF0000, "rosybrown": 0xBC8F8F,
        "royalblue": 0x4169E1, "saddlebrown": 0x8B4513, "salmon": 0xFA8072, "sandybrown": 0xF4A460, "seagreen": 0x2E8B57,
        "seashell": 0xFFF5EE, "sienna": 0xA0522D, "silver": 0xC0C0C0, "skyblue": 0x87CEEB, "slateblue": 0x6A5ACD,
        "slategray": 0x708090, "slategrey": 0x708090, "snow": 0xFFFAFA, "springgreen": 0x00FF7F, "steelblue": 0x4682B4,
        "tan": 0xD2B48C, "teal": 0x008080, "thistle": 0xD8BFD8, "tomato": 0xFF6347, "turquoise": 0x40E0D0,
        "violet": 0xEE82EE, "wheat": 0xF5DEB3, "white": 0xFFFFFF, "whitesmoke": 0xF5F5F5, "yellow": 0xFFFF00,
        "yellowgreen": 0x9ACD32,
    ]
}

extension String {
    fileprivate var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }

    fileprivate var replacingDegrees: String { hasSuffix("deg") ? String(dropLast(3)) : self }
}
