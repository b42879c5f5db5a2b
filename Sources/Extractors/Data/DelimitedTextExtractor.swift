import LintCore

/// CSV and TSV copy sheets: every non-empty field is a segment (zone `table-cell`), located
/// by line and column in the file and by cell (`C3`) with its column's header (the first
/// row's text): `C3 (內文)`. Quoted fields may hold delimiters, line breaks and `""`.
///
/// The scanner is written here rather than taken from SwiftCSV or CSV.swift (both available)
/// because neither reports where a field is in the file, and every finding must map back to
/// its bytes; RFC 4180 quoting is small enough to get exactly right.
public struct DelimitedTextExtractor: TextExtractor {
    public let format: String
    public let extensions: [String]
    public let delimiter: UInt8
    /// The memory a file may take to be checked: it bounds the fields read.
    public var memory = MemoryBudget()

    public static let csv = DelimitedTextExtractor(format: "csv", extensions: ["csv"], delimiter: 0x2C)
    public static let tsv = DelimitedTextExtractor(format: "tsv", extensions: ["tsv", "tab"], delimiter: 0x09)

    public init(format: String, extensions: [String], delimiter: UInt8) {
        self.format = format
        self.extensions = extensions
        self.delimiter = delimiter
    }

    /// This extractor with another memory budget.
    public func with(memory: MemoryBudget) -> DelimitedTextExtractor {
        var copy = self
        copy.memory = memory
        return copy
    }

    public func extract(_ bytes: [UInt8], path: String) throws(ExtractionError) -> ExtractedDocument {
        let decoded = try TextDecoding.decode(bytes, path: path)
        var notes = decoded.notes(path: path)
        // The scanner and segment builder read an array (a copy while extracting).
        let source = Array(decoded.source.bytes)
        var segments: [TextSegment] = []
        var headers: [Int: String] = [:]
        var unterminated: Int?
        var scanner = FieldScanner(source: source, delimiter: delimiter)
        // The field limit, or fewer fields when the file's memory budget allows fewer.
        let budget = memory
        let budgeted = budget.maxSegments(fileSize: bytes.count)
        let maxFields = min(ExtractionLimits.defaultMaxCells, budgeted)
        while let field = scanner.next() {
            if field.unterminated { unterminated = field.start }
            var builder = SegmentBuilder()
            for piece in field.pieces {
                switch piece {
                case let .raw(range): builder.copyValidating(source, range)
                case let .escapedQuote(at): builder.unit([0x22], base: at..<(at + 2))
                }
            }
            let column = Self.columnName(field.column)
            let header = field.row > 1 ? headers[field.column] : nil
            let description = "\(column)\(field.row)" + (header.map { " [\($0)]" } ?? "")
            let location = SourceLocation(kind: .field, description: description, cell: "\(column)\(field.row)",
                                          row: field.row, column: field.column, header: header)
            guard let segment = builder.build(zone: .tableCell, location: location) else { continue }
            if field.row == 1 { headers[field.column] = segment.text.trimmingCharacters() }
            guard segments.count < maxFields else {
                let why = budgeted < ExtractionLimits.defaultMaxCells ? ", more than its memory budget of \(budget.explain(fileSize: bytes.count)) allows" : ""
                throw .limitExceeded(path: path, what: "more than \(maxFields) non-empty fields (from \(description))\(why); split the file to check it")
            }
            segments.append(segment)
        }
        if let offset = unterminated {
            let position = decoded.source.position(of: offset)
            notes.append(Diagnostic(code: .unterminatedQuote, level: .warning, path: path, line: position.line, column: position.column,
                                    message: "a quoted field starts here and never ends; the rest of the file was read as that field"))
        }
        return ExtractedDocument(path: path, format: format, segments: segments, source: decoded.source, notes: notes)
    }

    /// 1 -> `A`, 27 -> `AA`.
    static func columnName(_ number: Int) -> String {
        var n = number, name = ""
        while n > 0 {
            let remainder = (n - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + remainder))) + name
            n = (n - 1) / 26
        }
        return name
    }
}

/// RFC 4180 fields with their source ranges.
struct FieldScanner {
    enum Piece {
        case raw(Range<Int>)
        /// `""` inside a quoted field: one `"`.
        case escapedQuote(at: Int)
    }

    struct Field {
        var row: Int
        var column: Int
        var start: Int
        var pieces: [Piece]
        var unterminated = false
    }

    let source: [UInt8]
    let delimiter: UInt8
    private var i = 0
    private var row = 1
    private var column = 1
    private var atRecordStart = true

    init(source: [UInt8], delimiter: UInt8) {
        self.source = source
        self.delimiter = delimiter
    }

    mutating func next() -> Field? {
        let n = source.count
        guard i < n else { return nil }
        var field = Field(row: row, column: column, start: i, pieces: [])
        if source[i] == 0x22 {
            // Quoted: up to the closing quote; `""` is a quote.
            i += 1
            var runStart = i
            var closed = false
            while i < n {
                if source[i] == 0x22 {
                    if i + 1 < n && source[i + 1] == 0x22 {
                        if i > runStart { field.pieces.append(.raw(runStart..<i)) }
                        field.pieces.append(.escapedQuote(at: i))
                        i += 2
                        runStart = i
                        continue
                    }
                    if i > runStart { field.pieces.append(.raw(runStart..<i)) }
                    i += 1
                    closed = true
                    break
                }
                i += 1
            }
            if !closed {
                if i > runStart { field.pieces.append(.raw(runStart..<i)) }
                field.unterminated = true
            }
            // Anything between the closing quote and the delimiter is kept as text.
            let tail = i
            while i < n && source[i] != delimiter && source[i] != 0x0A && source[i] != 0x0D { i += 1 }
            if i > tail { field.pieces.append(.raw(tail..<i)) }
        } else {
            let start = i
            while i < n && source[i] != delimiter && source[i] != 0x0A && source[i] != 0x0D { i += 1 }
            if i > start { field.pieces.append(.raw(start..<i)) }
        }
        // The end of the field: a delimiter, a line end, or the end of the file.
        if i < n && source[i] == delimiter {
            i += 1
            column += 1
            atRecordStart = false
        } else {
            if i < n && source[i] == 0x0D { i += 1 }
            if i < n && source[i] == 0x0A { i += 1 }
            row += 1
            column = 1
            atRecordStart = true
        }
        return field
    }
}
