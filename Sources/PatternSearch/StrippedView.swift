/// A text with every `LooseSeparators` character left out, and the way back to the text:
/// a literal found here at offset `o` starts at `rawOffset(o)` in the text.
///
/// The view can be made whole (`init(_:)`) or a piece at a time (`scan(_:with:chunk:report:)`),
/// so that a large segment is not copied whole once more while it is scanned.
struct StrippedView {
    /// The stripped bytes held: those from stripped offset `base` on.
    private(set) var bytes: [UInt8] = []
    /// The stripped offset of `bytes[0]`.
    private(set) var base = 0
    /// (stripped offset, raw offset) where the two start to differ by a new amount; the
    /// first is at or before `base`.
    private var anchors: [(Int, Int)] = [(0, 0)]
    private let text: UnsafeBufferPointer<UInt8>
    /// The next byte of `text` to read.
    private var position = 0

    /// The whole view of `text`.
    init(_ text: UnsafeBufferPointer<UInt8>) {
        self.text = text
        bytes.reserveCapacity(text.count)
        fill(upTo: Int.max)
    }

    private init(pieceOf text: UnsafeBufferPointer<UInt8>) {
        self.text = text
    }

    /// Whether all of the text has been read.
    var isComplete: Bool { position >= text.count }

    /// Reads on until `bytes` holds at least `count` bytes or the text ends.
    private mutating func fill(upTo count: Int) {
        let n = text.count
        var i = position
        var runStart = i // start of the pending run of kept bytes
        while i < n && bytes.count + (i - runStart) < count {
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
                let stripped = base + bytes.count
                if anchors[anchors.count - 1].0 == stripped {
                    anchors[anchors.count - 1].1 = end
                } else {
                    anchors.append((stripped, end))
                }
            }
            i = end
        }
        if runStart < i { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[runStart..<i])) }
        position = i
    }

    /// Forgets the first `count` bytes held.
    private mutating func drop(_ count: Int) {
        bytes.removeFirst(count)
        base += count
        var keep = anchors.count - 1
        while keep > 0 && anchors[keep].0 > base { keep -= 1 }
        anchors.removeFirst(keep)
    }

    /// The offset in the text of stripped offset `offset` (at or after `base`).
    func rawOffset(_ offset: Int) -> Int {
        var lo = 0, hi = anchors.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if anchors[mid].0 <= offset { lo = mid } else { hi = mid - 1 }
        }
        return anchors[lo].1 + (offset - anchors[lo].0)
    }

    /// Scans the stripped view of `text` for `scanner`'s literals a piece of about `chunk`
    /// bytes at a time, and reports each hit with its offset in `text`, in order. Pieces
    /// overlap by the longest literal, and a hit is reported by the piece it starts in, so
    /// the hits are those of a scan of the whole view.
    static func scan(_ text: UnsafeBufferPointer<UInt8>, with scanner: LiteralScanner, chunk: Int = 1 << 16,
                     report: (Int32, Int) -> Void) {
        var view = StrippedView(pieceOf: text)
        let overlap = max(scanner.longestLiteral, 1)
        while true {
            view.fill(upTo: max(chunk, 4) + overlap)
            var limit = view.bytes.count
            if !view.isComplete {
                // A piece ends on a character boundary (literals start on one).
                limit = min(max(chunk, 4), limit)
                while limit > 0 && view.bytes[limit] & 0xC0 == 0x80 { limit -= 1 }
            }
            view.bytes.withUnsafeBufferPointer { piece in
                scanner.scan(piece) { literal, offset in
                    if offset < limit { report(literal, view.rawOffset(view.base + offset)) }
                }
            }
            if view.isComplete { return }
            view.drop(limit)
        }
    }
}
