/// The byte layout of adlaw's rule-set cache file, written and read in one place: integers
/// little-endian (16 or 32 bits), byte strings as a 32-bit length and the bytes. The
/// rule-set cache's header and pattern table and the prefilter's tables (`Prefilter.Tables`)
/// are all written with `ByteWriter` and read with `ByteReader`; the compiled patterns are
/// PCRE2's own serialized form and the rules JSON (`JSONEncoder`), each a section the
/// header counts.
public struct ByteWriter {
    public private(set) var bytes: [UInt8] = []

    public init() {}

    public mutating func u16(_ value: Int) {
        let v = UInt16(truncatingIfNeeded: value)
        bytes.append(UInt8(truncatingIfNeeded: v))
        bytes.append(UInt8(truncatingIfNeeded: v >> 8))
    }

    public mutating func u32(_ value: Int) {
        let v = UInt32(truncatingIfNeeded: value)
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: v >> UInt32(shift))) }
    }

    public mutating func i32(_ value: Int32) { u32(Int(UInt32(bitPattern: value))) }

    /// A byte string: its length (u32), then its bytes.
    public mutating func chunk<Bytes: Collection<UInt8>>(_ value: Bytes) {
        u32(value.count)
        bytes += value
    }

    /// Bytes as they are (no length).
    public mutating func raw<Bytes: Sequence<UInt8>>(_ value: Bytes) { bytes += value }

    public mutating func byte(_ value: UInt8) { bytes.append(value) }
}

/// Reads what `ByteWriter` wrote from a buffer; every read is nil (and reads nothing) when
/// the rest of the buffer cannot hold it, so a cut or damaged buffer is refused, never read
/// past.
public struct ByteReader {
    public let bytes: UnsafeRawBufferPointer
    public private(set) var offset = 0

    public init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    /// The bytes not read yet.
    public var remaining: Int { bytes.count - offset }
    public var atEnd: Bool { offset == bytes.count }

    public mutating func u16() -> Int? {
        guard remaining >= 2 else { return nil }
        defer { offset += 2 }
        return Int(UInt16(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt16.self)))
    }

    public mutating func u32() -> Int? {
        guard remaining >= 4 else { return nil }
        defer { offset += 4 }
        return Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
    }

    public mutating func i32() -> Int32? { u32().map { Int32(bitPattern: UInt32($0)) } }

    /// A count of items of at least `size` bytes each that the rest can hold, else nil.
    public mutating func count(itemsOf size: Int) -> Int? {
        let start = offset
        guard let value = u32(), value <= remaining / size else {
            offset = start
            return nil
        }
        return value
    }

    public mutating func byte() -> UInt8? {
        guard remaining >= 1 else { return nil }
        defer { offset += 1 }
        return bytes[offset]
    }

    /// The next `count` bytes.
    public mutating func take(_ count: Int) -> UnsafeRawBufferPointer? {
        guard count >= 0, remaining >= count else { return nil }
        defer { offset += count }
        return UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + count)])
    }

    /// A byte string written by `ByteWriter.chunk`.
    public mutating func chunk() -> UnsafeRawBufferPointer? {
        let start = offset
        guard let length = u32(), let value = take(length) else {
            offset = start
            return nil
        }
        return value
    }

    /// A UTF-8 string written by `ByteWriter.chunk`, nil when it is not valid UTF-8.
    public mutating func text() -> String? {
        chunk().flatMap { String(validating: $0, as: UTF8.self) }
    }
}
