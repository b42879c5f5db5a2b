/// Terminal display width of text, for placing carets under CJK copy.
///
/// East Asian Wide and Fullwidth characters take two cells; combining, enclosing and
/// format characters take none; ambiguous-width characters take one (the wcwidth and
/// rustc default). An emoji presentation selector (U+FE0F) widens its base to two.
public enum DisplayWidth {
    public static func width(of scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x20 || (v >= 0x7F && v < 0xA0) { return 0 }
        if v < 0x300 { return 1 }
        if contains(zeroWidthRanges, v) { return 0 }
        return contains(wideRanges, v) ? 2 : 1
    }

    /// Width of a string; a tab counts as `tabWidth` cells.
    public static func width<S: StringProtocol>(of text: S, tabWidth: Int = 4) -> Int {
        var total = 0
        var previous = 0
        for scalar in text.unicodeScalars {
            if scalar == "\t" { total += tabWidth; previous = tabWidth; continue }
            if scalar.value == 0xFE0F && previous == 1 { total += 1; previous = 2; continue }
            let w = width(of: scalar)
            total += w
            if w > 0 { previous = w }
        }
        return total
    }

    private static func contains(_ table: [(UInt32, UInt32)], _ v: UInt32) -> Bool {
        var lo = 0, hi = table.count - 1
        while lo <= hi {
            let mid = (lo + hi) / 2
            if v < table[mid].0 { hi = mid - 1 } else if v > table[mid].1 { lo = mid + 1 } else { return true }
        }
        return false
    }
}
