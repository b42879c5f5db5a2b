/// An immutable, contiguous UTF-8 buffer with a stable address, handed to the regex
/// engine without copying. The bytes are always valid UTF-8, by construction: a buffer made
/// from a `String` is valid, and one made from bytes is checked once here, so the regex
/// engine may skip its own validation on every search (PCRE2 rescanning the rest of the
/// subject on each call was 70% of a check).
public final class UTF8Buffer: @unchecked Sendable {
    // Owned allocation; never mutated after init, so sharing across threads is safe.
    public let pointer: UnsafeMutableBufferPointer<UInt8>

    /// Bytes that should be valid UTF-8 (the normalizer's output). They are checked once;
    /// each byte of an ill-formed sequence, should there be one, becomes `?`, one byte for
    /// one, so offsets into the buffer stay the offsets the caller computed.
    public init<C: Collection>(validUTF8 bytes: C) where C.Element == UInt8 {
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(bytes.count, 1))
        _ = buffer.initialize(from: bytes)
        UTF8Buffer.repairIllFormed(UnsafeMutableBufferPointer(rebasing: buffer[0..<bytes.count]))
        pointer = buffer
        count = bytes.count
    }

    /// Takes over `buffer` (allocated with `allocate(capacity:)`, its first `count` bytes
    /// initialized), checking those bytes once as `init(validUTF8:)` does: text written in
    /// place (the normalizer's output) is not copied a second time.
    public init(adopting buffer: UnsafeMutableBufferPointer<UInt8>, count: Int) {
        precondition(count <= buffer.count)
        UTF8Buffer.repairIllFormed(UnsafeMutableBufferPointer(rebasing: buffer[0..<count]))
        pointer = buffer
        self.count = count
    }

    /// Replaces every byte of an ill-formed UTF-8 sequence in `bytes` with `?` (0x3F) and
    /// returns how many bytes were replaced. Well-formed means what RFC 3629 and PCRE2's
    /// UTF check accept: no overlong forms, no surrogates, nothing above U+10FFFF.
    @discardableResult
    public static func repairIllFormed(_ bytes: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var replaced = 0
        var i = 0
        while let bad = firstIllFormed(UnsafeBufferPointer(bytes), from: i) {
            bytes[bad] = 0x3F
            replaced += 1
            i = bad + 1
        }
        return replaced
    }

    /// Whether `bytes` are well-formed UTF-8 (as `repairIllFormed` and
    /// `String(validating:as:)` judge them), checked without copying them.
    public static func isWellFormed(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        firstIllFormed(bytes, from: 0) == nil
    }

    /// The offset of the first byte at or after `start` that begins no well-formed sequence.
    private static func firstIllFormed(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var i = start
        let n = bytes.count
        while i < n {
            // Eight ASCII bytes at a time.
            while i + 8 <= n {
                let word = UnsafeRawPointer(bytes.baseAddress! + i).loadUnaligned(as: UInt64.self)
                if word & 0x8080_8080_8080_8080 != 0 { break }
                i += 8
            }
            guard i < n else { break }
            if bytes[i] < 0x80 { i += 1; continue }
            let length = sequenceLength(bytes, at: i)
            if length == 0 { return i }
            i += length
        }
        return nil
    }

    /// The length of the well-formed multi-byte sequence starting at `i`, or 0.
    private static func sequenceLength(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        let n = bytes.count
        let b0 = bytes[i]
        func continuation(_ k: Int, _ range: ClosedRange<UInt8> = 0x80...0xBF) -> Bool {
            i + k < n && range.contains(bytes[i + k])
        }
        switch b0 {
        case 0xC2...0xDF: return continuation(1) ? 2 : 0
        case 0xE0: return continuation(1, 0xA0...0xBF) && continuation(2) ? 3 : 0
        case 0xE1...0xEC, 0xEE...0xEF: return continuation(1) && continuation(2) ? 3 : 0
        case 0xED: return continuation(1, 0x80...0x9F) && continuation(2) ? 3 : 0
        case 0xF0: return continuation(1, 0x90...0xBF) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF1...0xF3: return continuation(1) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF4: return continuation(1, 0x80...0x8F) && continuation(2) && continuation(3) ? 4 : 0
        default: return 0
        }
    }

    /// The string's UTF-8 bytes, copied once.
    public init(_ string: String) {
        var copy = string
        let n = copy.utf8.count
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(n, 1))
        copy.withUTF8 { source in
            if let base = source.baseAddress, n > 0 { buffer.baseAddress!.initialize(from: base, count: n) }
        }
        pointer = buffer
        count = n
    }

    deinit { pointer.deallocate() }

    public let count: Int

    public var baseAddress: UnsafePointer<UInt8> { UnsafePointer(pointer.baseAddress!) }

    @inlinable public subscript(index: Int) -> UInt8 { pointer[index] }

    /// The text of a byte range (which must fall on character boundaries).
    public func string(_ range: Range<Int>) -> String {
        let clamped = max(0, range.lowerBound)..<min(count, max(range.lowerBound, range.upperBound))
        return String(decoding: UnsafeBufferPointer(rebasing: pointer[clamped]), as: UTF8.self)
    }

    /// Whether `offset` is the first byte of a character (or the end of the buffer).
    @inlinable public func isCharacterBoundary(_ offset: Int) -> Bool {
        offset <= 0 || offset >= count || (pointer[offset] & 0xC0) != 0x80
    }

    /// The offset `n` characters before `offset` (clamped at 0).
    public func offset(_ offset: Int, backBy n: Int) -> Int {
        var o = min(offset, count), left = n
        while left > 0 && o > 0 {
            o -= 1
            while o > 0 && (pointer[o] & 0xC0) == 0x80 { o -= 1 }
            left -= 1
        }
        return o
    }

    /// The offset `n` characters after `offset` (clamped at the end).
    public func offset(_ offset: Int, forwardBy n: Int) -> Int {
        var o = max(0, offset), left = n
        while left > 0 && o < count {
            o += 1
            while o < count && (pointer[o] & 0xC0) == 0x80 { o += 1 }
            left -= 1
        }
        return o
    }

    /// Number of characters (Unicode scalars) in a byte range.
    public func scalarCount(_ range: Range<Int>) -> Int {
        var n = 0
        for i in max(0, range.lowerBound)..<min(count, range.upperBound) where (pointer[i] & 0xC0) != 0x80 {
            n += 1
        }
        return n
    }
}
