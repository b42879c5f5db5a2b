/// The memory one file may take to be checked: about ten times its size, never less than
/// `floor` (small files and ordinary sheets are never refused) and never more than `hardCap`.
/// A file whose extracted copy would cost more is refused with an error naming the budget,
/// before the costly part: cell by cell while a sheet or CSV is read, and for every format
/// after extraction, before the copy is linted.
///
/// Costs are estimates from what extraction produces, measured with `/usr/bin/time -v` on
/// the debug build (docs/robustness.md, "Memory budget"): every segment (a cell, a field, a
/// paragraph) with its location, offset map and prepared copy for matching costs about
/// 1.3 KB (a CSV of 199,000 two-byte fields took 237 MB to extract and 305 MB to check);
/// every byte of extracted text about 8 bytes (8 MB of copy in one segment took 56 MB to
/// extract and 62 MB to check). Matches are not estimated: what linting keeps is capped
/// instead (the prefilter's windows per segment, findings per rule and per file), so copy
/// dense with risky phrases costs about what plain copy does (docs/robustness.md).
public struct MemoryBudget: Sendable, Hashable {
    /// The budget is this many times the file's size...
    public var multiple: Int
    /// ...but at least this many bytes...
    public var floor: Int
    /// ...and at most this many, whatever the file's size.
    public var hardCap: Int

    public static let bytesPerSegment = 1_300
    public static let bytesPerTextByte = 8

    public init(multiple: Int = 10, floor: Int = 64 << 20, hardCap: Int = 2 << 30) {
        self.multiple = multiple
        self.floor = floor
        self.hardCap = hardCap
    }

    /// The budget of a file of `fileSize` bytes.
    public func limit(fileSize: Int) -> Int {
        let (scaled, overflow) = max(0, fileSize).multipliedReportingOverflow(by: multiple)
        return min(hardCap, max(floor, overflow ? .max : scaled))
    }

    /// The estimated cost of checking a file of `fileSize` bytes that extracts to `segments`
    /// segments holding `textBytes` bytes of text.
    public func cost(fileSize: Int, segments: Int, textBytes: Int) -> Int {
        fileSize + segments * Self.bytesPerSegment + textBytes * Self.bytesPerTextByte
    }

    /// The most segments a file of `fileSize` bytes may extract to.
    public func maxSegments(fileSize: Int) -> Int {
        max(0, limit(fileSize: fileSize) - fileSize) / Self.bytesPerSegment
    }

    /// The budget of a file of `fileSize` bytes and how it is set, for error messages:
    /// `64 MB (10 times its size, at least 64 MB, at most 1024 MB)`.
    /// A budget set for every file (`--max-memory`) says so: `512 MB (set for every file)`.
    public func explain(fileSize: Int) -> String {
        if floor == hardCap { return "\(Self.megabytes(hardCap)) MB (set for every file by --max-memory)" }
        return "\(Self.megabytes(limit(fileSize: fileSize))) MB (\(multiple) times its size, at least \(Self.megabytes(floor)) MB, at most \(Self.megabytes(hardCap)) MB)"
    }

    /// Bytes as whole megabytes (MiB), rounded up.
    public static func megabytes(_ bytes: Int) -> Int { (bytes + (1 << 20) - 1) >> 20 }
}
