/// Where a piece of text sits in a file that has no meaningful lines: a Word paragraph, a
/// slide's shape, a spreadsheet cell, a CSV field, a JSON value, a PDF page and line.
///
/// `description` is the form the tool prints (`slide 2, shape "標題 1", ¶1`) and the form a
/// corpus sidecar (`<file>.expect`) names; the other fields are its parts, for JSON readers.
public struct SourceLocation: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// A text file: line and column are the location.
        case text
        /// A Word paragraph: `part`, `paragraph`, optional `paraId`.
        case paragraph
        /// A PowerPoint paragraph: `slide`, `shape` (or notes), `paragraph`.
        case slide
        /// A spreadsheet cell: `sheet`, `cell`, `row`, `column`.
        case cell
        /// A CSV or TSV field: `row`, `column`, `cell`, `header`.
        case field
        /// A JSON string value: `pointer`.
        case json
        /// A PDF line: `page`, `line`.
        case page
    }

    public var kind: Kind
    /// The printed form.
    public var description: String
    /// The package part (`word/document.xml`, `ppt/slides/slide3.xml`, `xl/worksheets/sheet1.xml`).
    public var part: String?
    /// 1-based paragraph ordinal in its part (Word) or shape (PowerPoint).
    public var paragraph: Int?
    /// Word's stable paragraph id (`w14:paraId`), when the file has one.
    public var paraId: String?
    /// 1-based slide number in presentation order.
    public var slide: Int?
    /// The shape's name (PowerPoint), or `notes` for speaker notes.
    public var shape: String?
    /// The worksheet name.
    public var sheet: String?
    /// The cell reference (`B2`).
    public var cell: String?
    /// 1-based row (spreadsheet, CSV).
    public var row: Int?
    /// 1-based column number (spreadsheet, CSV).
    public var column: Int?
    /// The CSV header (first row) of the field's column, or the spreadsheet's row-1 text.
    public var header: String?
    /// RFC 6901 JSON pointer of a JSON string value.
    public var pointer: String?
    /// 1-based PDF page.
    public var page: Int?
    /// 1-based line on a PDF page, or in a text file.
    public var line: Int?
    /// 1-based character position of a finding in its paragraph or cell (Word, PowerPoint,
    /// spreadsheets), counted in Unicode scalars from the start of the paragraph's text.
    public var character: Int?

    public init(kind: Kind, description: String, part: String? = nil, paragraph: Int? = nil, paraId: String? = nil,
                slide: Int? = nil, shape: String? = nil, sheet: String? = nil, cell: String? = nil,
                row: Int? = nil, column: Int? = nil, header: String? = nil, pointer: String? = nil,
                page: Int? = nil, line: Int? = nil, character: Int? = nil) {
        self.kind = kind
        self.description = description
        self.part = part
        self.paragraph = paragraph
        self.paraId = paraId
        self.slide = slide
        self.shape = shape
        self.sheet = sheet
        self.cell = cell
        self.row = row
        self.column = column
        self.header = header
        self.pointer = pointer
        self.page = page
        self.line = line
        self.character = character
    }
}

/// Where each page of a paged document (PDF) starts in its source text, so a finding can
/// be located by page and line on that page.
public struct PageMap: Sendable, Hashable {
    /// Byte offset in the source text of the first byte of each page, ascending.
    public var pageStarts: [Int]

    public init(pageStarts: [Int]) { self.pageStarts = pageStarts }

    /// The page and line on that page of a source offset.
    public func location(of offset: Int, in source: SourceText) -> SourceLocation {
        var lo = 0, hi = max(0, pageStarts.count - 1)
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if pageStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        let pageStart = pageStarts.isEmpty ? 0 : pageStarts[lo]
        let line = source.lineIndex(containing: offset) - source.lineIndex(containing: pageStart) + 1
        return SourceLocation(kind: .page, description: "page \(lo + 1), line \(line)", page: lo + 1, line: line)
    }
}
