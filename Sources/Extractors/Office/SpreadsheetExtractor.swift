import Foundation
import LintCore

/// Excel workbooks (`.xlsx`): every text cell of every sheet in workbook order (shared
/// strings, inline strings and text formula results; numbers and formulas are not copy),
/// and cell comments. Located by sheet and cell, `文案!B2`, with the column's row-1 text as
/// its header in the JSON location.
public struct SpreadsheetExtractor: TextExtractor {
    public let format = "xlsx"
    public let extensions = ["xlsx", "xlsm", "xltx"]
    public var limits: ExtractionLimits

    public init(limits: ExtractionLimits = ExtractionLimits()) { self.limits = limits }

    public func extract(_ bytes: [UInt8], path: String) throws(ExtractionError) -> ExtractedDocument {
        let package = try OOXMLPackage(bytes: bytes, path: path, limits: limits)
        try OfficeKind.expect(.spreadsheet, in: package)
        guard let main = try package.mainPart(), let data = try package.read(main) else {
            throw .malformed(path: path, line: nil, column: nil, reason: "no workbook part; the file is damaged")
        }
        let workbook = WorkbookHandler()
        try parse(data, part: main, package: package, handler: workbook)
        let relationships = try package.relationships(of: main)
        var shared: [String] = []
        if let target = relationships.values.first(where: { $0.type == "sharedStrings" })?.target, let strings = try package.read(target) {
            let handler = SharedStringsHandler()
            try parse(strings, part: target, package: package, handler: handler)
            shared = handler.strings
        }
        var view = OfficeTextView(memory: limits.memory, fileSize: bytes.count)
        // The cell limit, or fewer cells when the file's memory budget allows fewer.
        let budgeted = limits.memory.maxSegments(fileSize: bytes.count)
        let maxCells = min(limits.maxCells, budgeted)
        for sheet in workbook.sheets {
            guard let part = relationships[sheet.id]?.target, let sheetData = try package.read(part) else { continue }
            let handler = SheetHandler(sheet: sheet.name, part: part, shared: shared, maxCells: maxCells - view.segments.count)
            try parse(sheetData, part: part, package: package, handler: handler)
            if handler.overflow {
                let why = budgeted < limits.maxCells ? ", more than its memory budget of \(limits.memory.explain(fileSize: bytes.count)) allows" : ""
                throw .limitExceeded(path: path, what: "more than \(maxCells) cells with text (sheet \(sheet.name))\(why); split the workbook to check it")
            }
            for cell in handler.cells {
                view.append(cell.text, zone: .cell, location: cell.location)
            }
            for rel in try package.relationships(of: part).values where rel.type == "comments" {
                guard let commentsData = try package.read(rel.target) else { continue }
                let comments = CellCommentsHandler(sheet: sheet.name, part: rel.target)
                try parse(commentsData, part: rel.target, package: package, handler: comments)
                for cell in comments.cells { view.append(cell.text, zone: .comment, location: cell.location) }
            }
        }
        try view.checkBudget(path: path)
        return view.document(path: path, format: format)
    }

    private func parse(_ data: Data, part: String, package: OOXMLPackage, handler: XMLEventHandler) throws(ExtractionError) {
        try XMLEventParser(part: part, path: package.path, maxDepth: limits.maxNestingDepth).parse(data, handler: handler)
    }

    /// `Sheet1!B2`, quoting names that are not plain words (`'Q1 文案'!B2`), as Excel does.
    static func reference(sheet: String, cell: String) -> String {
        let plain = sheet.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || $0.properties.numericType != nil || $0 == "_" }
        return (plain ? sheet : "'\(sheet.replacingOccurrences(of: "'", with: "''"))'") + "!" + cell
    }

    /// `B12` -> (row 12, column 2).
    static func coordinates(_ cell: String) -> (row: Int, column: Int)? {
        var column = 0
        var digits = ""
        for scalar in cell.unicodeScalars {
            if scalar.properties.isUppercase, scalar.isASCII, digits.isEmpty {
                column = column * 26 + Int(scalar.value - 64)
            } else if ("0"..."9").contains(scalar) {
                digits.unicodeScalars.append(scalar)
            } else {
                return nil
            }
        }
        guard column > 0, let row = Int(digits) else { return nil }
        return (row, column)
    }
}

/// `xl/workbook.xml`: sheet names and relationship ids, in workbook order.
private final class WorkbookHandler: XMLEventHandler {
    var sheets: [(name: String, id: String)] = []
    func start(_ name: String, attributes: [String: String]) {
        if name == "sheet", let sheet = attributes["name"], let id = attributes["r:id"] { sheets.append((sheet, id)) }
    }
    func end(_ name: String) {}
    func text(_ string: String) {}
}

/// `xl/sharedStrings.xml`: the text of each `si`, across rich-text runs, without the
/// phonetic guides (`rPh`).
private final class SharedStringsHandler: XMLEventHandler {
    var strings: [String] = []
    private var current: String?
    private var collecting = false
    private var phonetic = 0

    func start(_ name: String, attributes: [String: String]) {
        switch name {
        case "si": current = ""
        case "rPh": phonetic += 1
        case "t": collecting = phonetic == 0 && current != nil
        default: break
        }
    }

    func end(_ name: String) {
        switch name {
        case "si":
            strings.append(current ?? "")
            current = nil
        case "rPh": phonetic = max(0, phonetic - 1)
        case "t": collecting = false
        default: break
        }
    }

    func text(_ string: String) { if collecting { current? += string } }
}

/// One worksheet: its text cells.
final class SheetHandler: XMLEventHandler {
    struct Cell {
        var text: String
        var location: SourceLocation
    }

    let sheet: String
    let part: String
    let shared: [String]
    private(set) var cells: [Cell] = []
    /// Cells this sheet may add; past it `overflow` is set and no more are kept.
    let maxCells: Int
    private(set) var overflow = false
    private var headers: [Int: String] = [:]
    private var reference: String?
    private var type: String?
    private var value: String?
    private var collecting = false

    init(sheet: String, part: String, shared: [String], maxCells: Int = .max) {
        self.sheet = sheet
        self.part = part
        self.shared = shared
        self.maxCells = maxCells
    }

    func start(_ name: String, attributes: [String: String]) {
        switch name {
        case "c":
            reference = attributes["r"]
            type = attributes["t"]
            value = nil
        case "v", "t":
            collecting = reference != nil
            if value == nil { value = "" }
        default:
            break
        }
    }

    func end(_ name: String) {
        switch name {
        case "v", "t":
            collecting = false
        case "c":
            defer { reference = nil }
            guard let reference, let raw = value, !overflow else { return }
            let text: String
            switch type {
            case "s":
                guard let index = Int(raw.trimmingCharacters(in: .whitespaces)), shared.indices.contains(index) else { return }
                text = shared[index]
            case "inlineStr", "str":
                text = raw
            default:
                return // numbers, booleans, dates, errors
            }
            let position = SpreadsheetExtractor.coordinates(reference)
            if let position, position.row == 1 { headers[position.column] = text }
            let header = position.flatMap { $0.row > 1 ? headers[$0.column] : nil }
            let location = SourceLocation(kind: .cell, description: SpreadsheetExtractor.reference(sheet: sheet, cell: reference),
                                          part: part, sheet: sheet, cell: reference, row: position?.row,
                                          column: position?.column, header: header)
            guard cells.count < maxCells else {
                overflow = true
                return
            }
            cells.append(Cell(text: text, location: location))
        default:
            break
        }
    }

    func text(_ string: String) { if collecting { value? += string } }
}

/// `xl/comments1.xml`: cell notes.
private final class CellCommentsHandler: XMLEventHandler {
    let sheet: String
    let part: String
    var cells: [SheetHandler.Cell] = []
    private var reference: String?
    private var text = ""
    private var collecting = false

    init(sheet: String, part: String) {
        self.sheet = sheet
        self.part = part
    }

    func start(_ name: String, attributes: [String: String]) {
        if name == "comment" {
            reference = attributes["ref"]
            text = ""
        } else if name == "t" {
            collecting = reference != nil
        }
    }

    func end(_ name: String) {
        if name == "t" { collecting = false }
        if name == "comment", let reference {
            let position = SpreadsheetExtractor.coordinates(reference)
            let location = SourceLocation(kind: .cell, description: SpreadsheetExtractor.reference(sheet: sheet, cell: reference) + " (comment)",
                                          part: part, sheet: sheet, cell: reference, row: position?.row, column: position?.column)
            cells.append(SheetHandler.Cell(text: text, location: location))
            self.reference = nil
        }
    }

    func text(_ string: String) { if collecting { text += string } }
}
