/// A text with every `LooseSeparators` character left out, and the way back to the text:
/// a literal found here at offset `o` starts at `rawOffset(o)` in the text.
struct StrippedView {
    private(set) var bytes: [UInt8] = []
    /// (stripped offset, raw offset) where the two start to differ by a new amount.
    private var anchors: [(Int, Int)] = [(0, 0)]

    init(_ text: UnsafeBufferPointer<UInt8>) {
        bytes.reserveCapacity(text.count)
        var i = 0
        let n = text.count
        var runStart = 0 // start of the pending run of kept bytes
        while i < n {
            let b0 = text[i]
            var length = 1
            var value = UInt32(b0)
            if b0 >= 0xF0 {
                length = 4
                value = 0x10000 // never a separator
            } else if b0 >= 0xE0 {
                length = 3
                if i + 2 < n { value = UInt32(b0 & 0x0F) << 12 | UInt32(text[i + 1] & 0x3F) << 6 | UInt32(text[i + 2] & 0x3F) }
            } else if b0 >= 0xC0 {
                length = 2
                if i + 1 < n { value = UInt32(b0 & 0x1F) << 6 | UInt32(text[i + 1] & 0x3F) }
            }
            let end = min(n, i + length)
            if LooseSeparators.contains(value) {
                if runStart < i { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[runStart..<i])) }
                runStart = end
                if anchors[anchors.count - 1].0 == bytes.count {
                    anchors[anchors.count - 1].1 = end
                } else {
                    anchors.append((bytes.count, end))
                }
            }
            i = end
        }
        if runStart < n { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[runStart..<n])) }
    }

    func rawOffset(_ offset: Int) -> Int {
        var lo = 0, hi = anchors.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if anchors[mid].0 <= offset { lo = mid } else { hi = mid - 1 }
        }
        return anchors[lo].1 + (offset - anchors[lo].0)
    }
}
