import LintCore

/// Finds every occurrence (overlapping ones included) of many literals in UTF-8 text in
/// one pass, ASCII letters compared without case.
///
/// The text is walked one character at a time (a literal always starts on a character
/// boundary), and at each character the next eight bytes are loaded as one word. Three
/// cheap tests decide whether anything can start there: a bit set over the first byte of
/// literals shorter than three bytes, and bit sets indexed by a hash of the first three
/// and the first six bytes of the longer literals. Only when a bit is set is the hash
/// table consulted and the literal compared in full. Two CJK characters fit in six bytes,
/// so ordinary copy passes the tests rarely.
public final class LiteralScanner: Sendable {
    /// The literals, ASCII letters lower-cased.
    public let literals: [[UInt8]]
    /// The length in bytes of the longest literal.
    public let longestLiteral: Int

    private let shortFirstByte: [Bool]
    private let shortByFirstByte: [[Int32]]
    private let bits3: [UInt64]
    private let bits6: [UInt64]
    private let table3: LiteralHashTable
    private let table6: LiteralHashTable
    private let hasShort: Bool
    private let has3: Bool
    private let has6: Bool

    static let hashBits = 16

    public init(literals: [[UInt8]]) {
        // Literals without an ASCII capital (most: the prefilter's are folded already) are
        // kept as they are, not copied.
        let folded = literals.map { literal in literal.contains { $0 >= 0x41 && $0 <= 0x5A } ? literal.map(Self.foldByte) : literal }
        self.literals = folded
        longestLiteral = folded.reduce(0) { max($0, $1.count) }
        var shortFirst = [Bool](repeating: false, count: 256)
        var shortBy = [[Int32]](repeating: [], count: 256)
        var bits3 = [UInt64](repeating: 0, count: (1 << Self.hashBits) / 64)
        var bits6 = bits3
        var keys3: [(UInt64, Int32)] = []
        var keys6: [(UInt64, Int32)] = []
        for (id, literal) in folded.enumerated() where !literal.isEmpty {
            if literal.count < 3 {
                shortFirst[Int(literal[0])] = true
                shortBy[Int(literal[0])].append(Int32(id))
            } else if literal.count < 6 {
                let key = Self.key(literal, 3)
                let h = Self.hash(key)
                bits3[h >> 6] |= 1 << UInt64(h & 63)
                keys3.append((key, Int32(id)))
            } else {
                let key = Self.key(literal, 6)
                let h = Self.hash(key)
                bits6[h >> 6] |= 1 << UInt64(h & 63)
                keys6.append((key, Int32(id)))
            }
        }
        shortFirstByte = shortFirst
        shortByFirstByte = shortBy
        self.bits3 = bits3
        self.bits6 = bits6
        table3 = LiteralHashTable(keys3)
        table6 = LiteralHashTable(keys6)
        hasShort = shortFirst.contains(true)
        has3 = !keys3.isEmpty
        has6 = !keys6.isEmpty
    }

    @inline(__always) static func foldByte(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }

    static func key(_ literal: [UInt8], _ n: Int) -> UInt64 {
        var k: UInt64 = 0
        for i in 0..<n { k |= UInt64(literal[i]) << UInt64(8 * i) }
        return k
    }

    @inline(__always) static func hash(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - hashBits))
    }

    /// ASCII upper-case letters in a word of eight bytes, lower-cased (SWAR).
    @inline(__always) static func foldWord(_ x: UInt64) -> UInt64 {
        let low7 = x & 0x7F7F_7F7F_7F7F_7F7F
        let atLeastA = low7 &+ 0x3F3F_3F3F_3F3F_3F3F
        let aboveZ = low7 &+ 0x2525_2525_2525_2525
        let upper = atLeastA & ~aboveZ & ~x & 0x8080_8080_8080_8080
        return x | (upper >> 2)
    }

    /// Calls `report(literal, offset)` for every occurrence, in order of offset.
    public func scan(_ text: UnsafeBufferPointer<UInt8>, report: (Int32, Int) -> Void) {
        guard let base = text.baseAddress else { return }
        let n = text.count
        var i = 0
        let mask3: UInt64 = 0xFF_FFFF
        let mask6: UInt64 = 0xFFFF_FFFF_FFFF
        while i < n {
            var word: UInt64
            if i + 8 <= n {
                word = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
            } else {
                word = 0
                for k in 0..<(n - i) { word |= UInt64(base[i + k]) << UInt64(8 * k) }
            }
            word = Self.foldWord(word)
            let b0 = UInt8(truncatingIfNeeded: word)
            if has6 {
                let k6 = word & mask6
                let h = Self.hash(k6)
                if bits6[h >> 6] & (1 << UInt64(h & 63)) != 0 {
                    table3Lookup(table6, key: k6, keyLength: 6, at: i, base: base, count: n, report: report)
                }
            }
            if has3 {
                let k3 = word & mask3
                let h = Self.hash(k3)
                if bits3[h >> 6] & (1 << UInt64(h & 63)) != 0 {
                    table3Lookup(table3, key: k3, keyLength: 3, at: i, base: base, count: n, report: report)
                }
            }
            if hasShort && shortFirstByte[Int(b0)] {
                for id in shortByFirstByte[Int(b0)] where matches(literals[Int(id)], from: 1, at: i, base: base, count: n) {
                    report(id, i)
                }
            }
            // Step to the next character (a stray continuation byte steps by one).
            i += b0 < 0xC0 ? 1 : b0 < 0xE0 ? 2 : b0 < 0xF0 ? 3 : 4
        }
    }

    @inline(__always)
    private func table3Lookup(_ table: LiteralHashTable, key: UInt64, keyLength: Int, at i: Int,
                              base: UnsafePointer<UInt8>, count n: Int, report: (Int32, Int) -> Void) {
        table.forEach(key) { id in
            if matches(literals[Int(id)], from: keyLength, at: i, base: base, count: n) { report(id, i) }
        }
    }

    @inline(__always)
    private func matches(_ literal: [UInt8], from start: Int, at i: Int, base: UnsafePointer<UInt8>, count n: Int) -> Bool {
        guard i + literal.count <= n else { return false }
        var k = start
        while k < literal.count {
            if Self.foldByte(base[i + k]) != literal[k] { return false }
            k += 1
        }
        return true
    }
}

/// Open-addressing map from an integer key to the literal ids that share it.
struct LiteralHashTable: Sendable {
    private let keys: [UInt64]
    private let used: [Bool]
    private let starts: [Int32]
    private let ids: [Int32]
    private let mask: Int

    init(_ pairs: [(UInt64, Int32)]) {
        // The pairs grouped by key, each key's ids in increasing order (sorted, not hashed
        // into a dictionary of arrays: building the tables is paid at every start-up).
        let sorted = pairs.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        var groups: [Range<Int>] = []
        var start = 0
        for index in sorted.indices where index + 1 == sorted.count || sorted[index + 1].0 != sorted[index].0 {
            groups.append(start..<(index + 1))
            start = index + 1
        }
        var capacity = 16
        while capacity < groups.count * 2 { capacity <<= 1 }
        var keys = [UInt64](repeating: 0, count: capacity)
        var used = [Bool](repeating: false, count: capacity)
        var starts = [Int32](repeating: 0, count: capacity + 1)
        var groupAt = [Int32](repeating: -1, count: capacity)
        for (number, group) in groups.enumerated() {
            let key = sorted[group.lowerBound].0
            var slot = Self.slot(key, capacity - 1)
            while used[slot] { slot = (slot + 1) & (capacity - 1) }
            used[slot] = true
            keys[slot] = key
            groupAt[slot] = Int32(number)
        }
        var ids: [Int32] = []
        ids.reserveCapacity(sorted.count)
        for slot in 0..<capacity {
            starts[slot] = Int32(ids.count)
            if groupAt[slot] >= 0 {
                for index in groups[Int(groupAt[slot])] { ids.append(sorted[index].1) }
            }
        }
        starts[capacity] = Int32(ids.count)
        self.keys = keys
        self.used = used
        self.starts = starts
        self.ids = ids
        mask = capacity - 1
    }

    @inline(__always) static func slot(_ key: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0xD6E8_FEB8_6659_FD93) >> 32) & mask
    }

    @inline(__always) func forEach(_ key: UInt64, _ body: (Int32) -> Void) {
        var slot = Self.slot(key, mask)
        while used[slot] {
            if keys[slot] == key {
                for k in Int(starts[slot])..<Int(starts[slot + 1]) { body(ids[k]) }
                return
            }
            slot = (slot + 1) & mask
        }
    }
}
