/// Byte edits to one XML part, applied in one pass so that every edit is computed against
/// the original bytes: insertions at a position, and replacements of a byte range.
struct SpliceList {
    private struct Edit {
        var range: Range<Int>
        var text: String
        var sequence: Int
    }

    private var edits: [Edit] = []

    mutating func insert(_ text: String, at position: Int) {
        edits.append(Edit(range: position..<position, text: text, sequence: edits.count))
    }

    /// Replaces a range; the same replacement asked twice is made once.
    mutating func replace(_ range: Range<Int>, with text: String) {
        if edits.contains(where: { $0.range == range && !range.isEmpty }) { return }
        edits.append(Edit(range: range, text: text, sequence: edits.count))
    }

    var isEmpty: Bool { edits.isEmpty }

    /// The edited bytes. At one position insertions come before a replacement that starts
    /// there, each in the order it was asked.
    func apply(to bytes: [UInt8]) -> [UInt8] {
        let sorted = edits.sorted {
            if $0.range.lowerBound != $1.range.lowerBound { return $0.range.lowerBound < $1.range.lowerBound }
            if $0.range.isEmpty != $1.range.isEmpty { return $0.range.isEmpty }
            return $0.sequence < $1.sequence
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + edits.count * 96)
        var at = 0
        for edit in sorted {
            guard edit.range.lowerBound >= at else { continue }  // overlapping replacement: never planned
            out += bytes[at..<edit.range.lowerBound]
            out += Array(edit.text.utf8)
            at = edit.range.upperBound
        }
        out += bytes[at...]
        return out
    }
}
