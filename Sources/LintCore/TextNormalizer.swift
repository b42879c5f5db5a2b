/// Folds the surface forms that copywriters use interchangeably, so a rule written once
/// matches them all:
///
/// - full-width ASCII forms (U+FF01–U+FF5E) to ASCII (`１００％` → `100%`, `ＮＯ．１` → `NO.1`)
///   and the ideographic space U+3000 to a space;
/// - common variant characters to one form (`臺` → `台`, `爲` → `為`, ...), and the CJK
///   compatibility ideographs of legacy encodings to the unified ideograph they equal (NFC);
/// - invisible characters are dropped: zero-width characters, the soft hyphen, the
///   bidirectional marks and overrides (LRM, RLO, ...), variation selectors, the combining
///   grapheme joiner and the other default-ignorable code points of Unicode. Inserted inside
///   a phrase (`保⁠證‎有效`), they changed nothing a reader sees but stopped every rule.
///
/// Rule patterns go through the same folding, and every normalized byte maps back to the
/// original through an `OffsetMap`, so reported spans are always the original text.
public struct TextNormalizer: Sendable {
    /// Variant pairs folded to one form. Only characters that are the same word in Taiwan
    /// copy belong here; both sides are written in the table, never guessed.
    public static let defaultVariants: [(from: Unicode.Scalar, to: Unicode.Scalar)] =
        variantCharacters + cjkCompatibilityIdeographs.map { pair in
            // a compatibility ideograph folds straight to the variant's target (fold is one step)
            (pair.from, variantCharacters.first { $0.from == pair.to }?.to ?? pair.to)
        }

    /// The variant characters of Taiwan copy, folded to one form.
    public static let variantCharacters: [(from: Unicode.Scalar, to: Unicode.Scalar)] = [
        ("臺", "台"), ("爲", "為"), ("衞", "衛"), ("綫", "線"), ("裏", "裡"), ("峯", "峰"),
        ("羣", "群"), ("衆", "眾"), ("啓", "啟"), ("眞", "真"), ("敎", "教"), ("汙", "污"),
        ("証", "證"), ("効", "效"), ("痩", "瘦"), ("薬", "藥"), ("医", "醫"), ("疗", "療"),
        ("颜", "顏"), ("祕", "秘"), ("着", "著"), ("麪", "麵"), ("擧", "舉"),
        ("减", "減"), ("体", "體"), ("脱", "脫"), ("内", "內"), ("强", "強"), ("値", "值"),
    ]

    private let table: [UInt32: Unicode.Scalar]
    // One bit per BMP scalar that has a table entry: a cheap test before the dictionary.
    private let bitmap: [UInt64]

    public init(variants: [(from: Unicode.Scalar, to: Unicode.Scalar)] = TextNormalizer.defaultVariants) {
        var table: [UInt32: Unicode.Scalar] = [:]
        var bitmap = [UInt64](repeating: 0, count: 1024)
        for pair in variants where pair.from != pair.to {
            table[pair.from.value] = pair.to
            if pair.from.value < 0x10000 {
                bitmap[Int(pair.from.value >> 6)] |= 1 << UInt64(pair.from.value & 63)
            }
        }
        self.table = table
        self.bitmap = bitmap
    }

    /// What a scalar becomes: `nil` to drop it, or the replacement (possibly itself).
    @inline(__always)
    public func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        let v = scalar.value
        switch v {
        case 0xFF01...0xFF5E: return Unicode.Scalar(v - 0xFF01 + 0x21)
        case 0x3000: return " "
        // Default_Ignorable_Code_Point (Unicode DerivedCoreProperties), all of it.
        case 0x00AD, 0x034F, 0x061C, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180B...0x180F, 0x200B...0x200F, 0x202A...0x202E,
             0x2060...0x206F, 0x3164, 0xFE00...0xFE0F, 0xFEFF, 0xFFA0, 0xFFF0...0xFFF8, 0x1BCA0...0x1BCA3, 0x1D173...0x1D17A,
             0xE0000...0xE0FFF:
            return nil
        default:
            if v < 0x10000, bitmap[Int(v >> 6)] & (1 << UInt64(v & 63)) != 0 { return table[v] ?? scalar }
            return scalar
        }
    }

    /// Normalizes a literal (a rule term): the same folding as text, without a map.
    public func normalizeLiteral(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if let folded = fold(scalar) { out.append(folded) }
        }
        return String(out)
    }

    /// Normalizes `text`, returning the folded bytes and a map back to `text`'s bytes; when
    /// nothing folds, the buffer is `text`'s bytes, copied once (and not checked again: a
    /// `String` is valid UTF-8).
    public func normalize(_ text: String) -> NormalizedText {
        var source = text
        let result = source.withUTF8 { normalize(utf8: $0, original: nil, copyUnchanged: false) }
        return result ?? NormalizedText(buffer: UTF8Buffer(text), map: .identity())
    }

    /// Normalizes a buffer; when nothing folds, the result shares `buffer` (no copy).
    public func normalize(buffer: UTF8Buffer) -> NormalizedText {
        normalize(utf8: UnsafeBufferPointer(start: buffer.baseAddress, count: buffer.count), original: buffer, copyUnchanged: true)!
    }

    /// Normalizes valid UTF-8 bytes.
    public func normalize(utf8 input: UnsafeBufferPointer<UInt8>) -> NormalizedText {
        normalize(utf8: input, original: nil, copyUnchanged: true)!
    }

    /// The normalized text; when nothing folds, `original`, else a copy of the input, else
    /// (`copyUnchanged` false) nil.
    private func normalize(utf8 input: UnsafeBufferPointer<UInt8>, original: UTF8Buffer?, copyUnchanged: Bool) -> NormalizedText? {
        // The output is written into the buffer it becomes (no second copy). Folding shortens
        // or keeps a character (full-width forms, U+3000, the default variants, invisibles),
        // so the input's size is enough; a variant table that lengthens one grows it.
        var out: UnsafeMutableBufferPointer<UInt8>?
        var written = 0
        var builder = OffsetMap.Builder()
        var i = 0
        let n = input.count
        var runStart = 0 // start of a pending run of unchanged bytes

        func append(_ bytes: UnsafeBufferPointer<UInt8>) {
            guard let base = bytes.baseAddress, !bytes.isEmpty, let old = out else { return }
            if written + bytes.count > old.count {
                let grown = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(2 * old.count, written + bytes.count))
                grown.baseAddress!.moveInitialize(from: old.baseAddress!, count: written)
                old.deallocate()
                out = grown
            }
            (out!.baseAddress! + written).initialize(from: base, count: bytes.count)
            written += bytes.count
        }
        func flushRun(to end: Int) {
            if end > runStart {
                append(UnsafeBufferPointer(rebasing: input[runStart..<end]))
                builder.copy(end - runStart)
            }
        }

        while i < n {
            let b0 = input[i]
            if b0 < 0x80 { i += 1; continue }
            let length = b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : 2
            guard i + length <= n else { break } // valid UTF-8 never ends early
            // Decode only the sequences that can fold: 3-byte scalars, the 2-byte invisibles
            // (U+00AD, U+034F, U+061C) and the 4-byte ones (U+1BCA0..., U+1D173..., U+E0000...).
            var scalarValue: UInt32 = 0
            if length == 3 {
                scalarValue = (UInt32(b0 & 0x0F) << 12) | (UInt32(input[i + 1] & 0x3F) << 6) | UInt32(input[i + 2] & 0x3F)
            } else if length == 2 && (b0 == 0xC2 && input[i + 1] == 0xAD || b0 == 0xCD && input[i + 1] == 0x8F || b0 == 0xD8 && input[i + 1] == 0x9C) {
                scalarValue = (UInt32(b0 & 0x1F) << 6) | UInt32(input[i + 1] & 0x3F)
            } else if length == 4 && (b0 == 0xF3 && input[i + 1] == 0xA0 || b0 == 0xF0 && (input[i + 1] == 0x9B || input[i + 1] == 0x9D)) {
                scalarValue = (UInt32(b0 & 0x07) << 18) | (UInt32(input[i + 1] & 0x3F) << 12) | (UInt32(input[i + 2] & 0x3F) << 6) | UInt32(input[i + 3] & 0x3F)
            } else {
                i += length; continue
            }
            guard let scalar = Unicode.Scalar(scalarValue) else { i += length; continue }
            let folded = fold(scalar)
            if folded == scalar { i += length; continue }
            if out == nil { out = .allocate(capacity: max(n, 1)) }
            flushRun(to: i)
            if let folded {
                var encoded: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
                var count = 0
                UTF8.encode(folded) { byte in
                    withUnsafeMutableBytes(of: &encoded) { $0[count] = byte }
                    count += 1
                }
                withUnsafeBytes(of: encoded) { append(UnsafeBufferPointer(rebasing: $0.bindMemory(to: UInt8.self)[0..<count])) }
                if count == length {
                    builder.copy(length)
                } else {
                    builder.replace(baseCount: length, derivedCount: count)
                }
            } else {
                builder.drop(length)
            }
            i += length
            runStart = i
        }
        guard let out else {
            if let original { return NormalizedText(buffer: original, map: .identity()) }
            return copyUnchanged ? NormalizedText(buffer: UTF8Buffer(validUTF8: input), map: .identity()) : nil
        }
        flushRun(to: n)
        return NormalizedText(buffer: UTF8Buffer(adopting: out, count: written), map: builder.build())
    }
}

/// Normalized text and the map from its bytes back to the text it was made from.
public struct NormalizedText: Sendable {
    public let buffer: UTF8Buffer
    public let map: OffsetMap
}
