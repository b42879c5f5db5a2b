/// A position in source text: 1-based line, and 1-based columns in three units.
public struct TextPosition: Sendable, Hashable, Codable {
    public var line: Int
    /// Column in Unicode scalars (characters), as people count.
    public var column: Int
    /// Column in UTF-16 code units, as SARIF, LSP and editors count.
    public var utf16Column: Int
    /// Column in UTF-8 bytes, as clang, Vim and reviewdog count.
    public var byteColumn: Int

    public init(line: Int, column: Int, utf16Column: Int, byteColumn: Int) {
        self.line = line
        self.column = column
        self.utf16Column = utf16Column
        self.byteColumn = byteColumn
    }
}

/// The original bytes of a text file (UTF-8, possibly with invalid sequences) and its
/// line index. Converts byte offsets to line and column only at the reporting edge.
public final class SourceText: Sendable {
    public let bytes: SourceBytes
    /// Byte offset of the first byte of each line. A line ends after `\n`, `\r\n` or `\r`.
    public let lineStarts: [Int]

    public convenience init(bytes: [UInt8]) { self.init(storage: SourceBytes(bytes)) }

    /// The source read from a string's own UTF-8: a valid UTF-8 file is held once, by
    /// its decoded text, not a second time as bytes.
    public convenience init(_ string: String) { self.init(storage: SourceBytes(string)) }

    private init(storage: SourceBytes) {
        bytes = storage
        var starts = [0]
        let n = storage.count
        storage.withUnsafeBufferPointer { bytes in
            var i = 0
            while i < n {
                let b = bytes[i]
                if b == 0x0A {
                    starts.append(i + 1)
                } else if b == 0x0D {
                    if i + 1 < n && bytes[i + 1] == 0x0A { i += 1 }
                    starts.append(i + 1)
                }
                i += 1
            }
        }
        lineStarts = starts
    }

    /// 0-based index of the line containing `offset`.
    public func lineIndex(containing offset: Int) -> Int {
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    /// The byte range of a line's content, without its line terminator.
    public func lineContentRange(_ index: Int) -> Range<Int> {
        let start = lineStarts[index]
        var end = index + 1 < lineStarts.count ? lineStarts[index + 1] : bytes.count
        if end > start && bytes[end - 1] == 0x0A { end -= 1 }
        if end > start && bytes[end - 1] == 0x0D { end -= 1 }
        return start..<end
    }

    /// Positions of many offsets, computed in one pass per line so that findings on a
    /// very long line do not rescan it from its start each time.
    public func positions(of offsets: [Int]) -> [Int: TextPosition] {
        bytes.withUnsafeBufferPointer { positions(of: offsets, in: $0) }
    }

    private func positions(of offsets: [Int], in bytes: UnsafeBufferPointer<UInt8>) -> [Int: TextPosition] {
        var result: [Int: TextPosition] = [:]
        var cursorLine = -1, cursorOffset = 0, column = 1, utf16 = 1
        for offset in Set(offsets).sorted() {
            let clamped = min(max(0, offset), bytes.count)
            let line = lineIndex(containing: clamped)
            if line != cursorLine {
                cursorLine = line
                cursorOffset = lineStarts[line]
                column = 1
                utf16 = 1
            }
            while cursorOffset < clamped {
                let (length, scalar) = UTF8Scan.next(bytes, cursorOffset)
                cursorOffset += length
                column += 1
                utf16 += (scalar?.value ?? 0) >= 0x10000 ? 2 : 1
            }
            result[offset] = TextPosition(line: line + 1, column: column, utf16Column: utf16,
                                          byteColumn: clamped - lineStarts[line] + 1)
        }
        return result
    }

    public func position(of offset: Int) -> TextPosition { positions(of: [offset])[offset]! }

    /// The line holding `range.lowerBound`, cut to a window around the range when the
    /// line is long, with the highlighted part located in characters.
    public func snippet(for range: Range<Int>, context: Int = 80) -> Snippet {
        let line = lineIndex(containing: range.lowerBound)
        let content = lineContentRange(line)
        let hlStart = min(max(range.lowerBound, content.lowerBound), content.upperBound)
        let hlEnd = min(max(range.upperBound, hlStart), content.upperBound)
        let (windowStart, windowEnd) = bytes.withUnsafeBufferPointer {
            (UTF8Scan.offset($0, from: hlStart, backBy: context, limit: content.lowerBound),
             UTF8Scan.offset($0, from: hlEnd, forwardBy: context, limit: content.upperBound))
        }
        let before = Self.decode(bytes[windowStart..<hlStart])
        let highlighted = Self.decode(bytes[hlStart..<hlEnd])
        let after = Self.decode(bytes[hlEnd..<windowEnd])
        return Snippet(line: line + 1, before: before, highlighted: highlighted, after: after,
                       truncatedStart: windowStart > content.lowerBound,
                       truncatedEnd: windowEnd < content.upperBound,
                       continuesOnNextLine: range.upperBound > content.upperBound)
    }

    static func decode(_ slice: Slice<SourceBytes>) -> String {
        // Test the bytes, not Characters (grapheme breaking over every snippet is costly),
        // and the buffer's bytes, not the string's UTF-8 view (a generic scan, 2% of a check).
        let (text, hasTab) = slice.base.withUnsafeBufferPointer { all in
            let part = UnsafeBufferPointer(rebasing: all[slice.startIndex..<slice.endIndex])
            return (String(decoding: part, as: UTF8.self), part.contains(0x09))
        }
        guard hasTab else { return text }
        return String(text.unicodeScalars.map { $0 == "\t" ? " " : Character($0) })
    }
}

/// A source line cut around a finding, for terminal display.
public struct Snippet: Sendable, Hashable, Codable {
    public var line: Int
    public var before: String
    public var highlighted: String
    public var after: String
    public var truncatedStart: Bool
    public var truncatedEnd: Bool
    /// The finding goes on past the end of this line.
    public var continuesOnNextLine: Bool

    public init(line: Int, before: String, highlighted: String, after: String,
                truncatedStart: Bool = false, truncatedEnd: Bool = false, continuesOnNextLine: Bool = false) {
        self.line = line
        self.before = before
        self.highlighted = highlighted
        self.after = after
        self.truncatedStart = truncatedStart
        self.truncatedEnd = truncatedEnd
        self.continuesOnNextLine = continuesOnNextLine
    }
}

/// Decoding steps over possibly invalid UTF-8: an invalid byte is one unit of its own.
public enum UTF8Scan {
    /// Length and scalar of the sequence at `i` (`nil` scalar: one invalid byte).
    @inline(__always)
    public static func next(_ bytes: [UInt8], _ i: Int) -> (Int, Unicode.Scalar?) {
        bytes.withUnsafeBufferPointer { next($0, i) }
    }

    /// Length and scalar of the sequence at `i` (`nil` scalar: one invalid byte).
    @inline(__always)
    public static func next(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int) -> (Int, Unicode.Scalar?) {
        let b0 = bytes[i]
        if b0 < 0x80 { return (1, Unicode.Scalar(b0)) }
        let n = bytes.count
        func cont(_ k: Int) -> UInt32? {
            guard i + k < n, bytes[i + k] & 0xC0 == 0x80 else { return nil }
            return UInt32(bytes[i + k] & 0x3F)
        }
        switch b0 {
        case 0xC2...0xDF:
            if let c1 = cont(1) { return (2, Unicode.Scalar((UInt32(b0 & 0x1F) << 6) | c1)) }
        case 0xE0...0xEF:
            if let c1 = cont(1), let c2 = cont(2) {
                let v = (UInt32(b0 & 0x0F) << 12) | (c1 << 6) | c2
                if v >= 0x800, !(0xD800...0xDFFF).contains(v), let s = Unicode.Scalar(v) { return (3, s) }
            }
        case 0xF0...0xF4:
            if let c1 = cont(1), let c2 = cont(2), let c3 = cont(3) {
                let v = (UInt32(b0 & 0x07) << 18) | (c1 << 12) | (c2 << 6) | c3
                if v >= 0x10000, v <= 0x10FFFF, let s = Unicode.Scalar(v) { return (4, s) }
            }
        default:
            break
        }
        return (1, nil)
    }

    static func offset(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, forwardBy count: Int, limit: Int) -> Int {
        var i = start, left = count
        while left > 0 && i < limit {
            i += next(bytes, i).0
            left -= 1
        }
        return min(i, limit)
    }

    static func offset(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, backBy count: Int, limit: Int) -> Int {
        var i = start, left = count
        while left > 0 && i > limit {
            i -= 1
            var back = 0
            while i > limit && bytes[i] & 0xC0 == 0x80 && back < 3 { i -= 1; back += 1 }
            left -= 1
        }
        return max(i, limit)
    }
}

/// The bytes of a `SourceText`: an array's, or a string's own UTF-8 storage (a decoded
/// valid UTF-8 file is then held once, as its `String`). Immutable; indices are offsets.
///
/// No pointer outlives the closure it was obtained in: every access goes through the
/// array's or the string's own scoped access (`withUnsafeBufferPointer`,
/// `utf8.withContiguousStorageIfAvailable`), so nothing rests on where the standard library
/// keeps a value's storage. (Until 2026-12-07 the address was kept past `withUTF8`, which
/// the standard library does not promise to keep valid.) A string is made native and
/// contiguous once, when the bytes are made, so its UTF-8 is always available in place.
public struct SourceBytes: RandomAccessCollection, Sendable {
    private let owner: Owner
    public let count: Int

    private enum Owner: Sendable {
        case array([UInt8])
        case string(String)
    }

    public init(_ bytes: [UInt8]) {
        owner = .array(bytes)
        count = bytes.count
    }

    public init(_ string: String) {
        var native = string
        // A no-op for a string read from a file (already native UTF-8); a bridged or
        // foreign string is copied once here rather than at every access.
        native.makeContiguousUTF8()
        count = native.utf8.count
        owner = .string(native)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    @inline(__always)
    public subscript(position: Int) -> UInt8 {
        precondition(position >= 0 && position < count, "SourceBytes index out of range")
        switch owner {
        case let .array(bytes): return bytes[position]
        case let .string(text): return text.utf8[text.utf8.index(text.utf8.startIndex, offsetBy: position)]
        }
    }

    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        switch owner {
        case let .array(bytes):
            return try bytes.withUnsafeBufferPointer(body)
        case let .string(text):
            if let result = try text.utf8.withContiguousStorageIfAvailable(body) { return result }
            // Not reached: `init` made the string contiguous.
            return try Array(text.utf8).withUnsafeBufferPointer(body)
        }
    }

    public func withContiguousStorageIfAvailable<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R? {
        try withUnsafeBufferPointer(body)
    }
}
