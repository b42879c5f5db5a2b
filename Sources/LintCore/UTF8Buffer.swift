/// An immutable, contiguous UTF-8 buffer with a stable address, handed to the regex
/// engine without copying. The bytes are always valid UTF-8: extractors replace invalid
/// input before text reaches a buffer, so engines may skip their own validation.
public final class UTF8Buffer: @unchecked Sendable {
    // Owned allocation; never mutated after init, so sharing across threads is safe.
    public let pointer: UnsafeMutableBufferPointer<UInt8>

    public init<C: Collection>(validUTF8 bytes: C) where C.Element == UInt8 {
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(bytes.count, 1))
        _ = buffer.initialize(from: bytes)
        pointer = buffer
        count = bytes.count
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
