import LintCore

/// The unit of `character` in LSP positions, agreed at `initialize`.
enum PositionEncoding: String {
    case utf16 = "utf-16"
    case utf8 = "utf-8"

    /// A finding's range in this unit (LSP lines and characters are 0-based).
    func range(of finding: Finding) -> LSPRange {
        LSPRange(start: position(finding.start), end: position(finding.end))
    }

    private func position(_ position: TextPosition) -> LSPPosition {
        LSPPosition(line: position.line - 1, character: (self == .utf16 ? position.utf16Column : position.byteColumn) - 1)
    }
}

struct LSPPosition: Comparable {
    var line: Int
    var character: Int

    init(line: Int, character: Int) {
        self.line = line
        self.character = character
    }

    init?(_ json: JSONValue) {
        guard let line = json["line"]?.int, let character = json["character"]?.int else { return nil }
        self.init(line: line, character: character)
    }

    static func < (a: LSPPosition, b: LSPPosition) -> Bool {
        a.line != b.line ? a.line < b.line : a.character < b.character
    }

    var json: JSONValue { ["line": JSONValue(line), "character": JSONValue(character)] }
}

struct LSPRange {
    var start: LSPPosition
    var end: LSPPosition

    init(start: LSPPosition, end: LSPPosition) {
        self.start = start
        self.end = end
    }

    init?(_ json: JSONValue) {
        guard let start = json["start"].flatMap(LSPPosition.init), let end = json["end"].flatMap(LSPPosition.init) else { return nil }
        self.init(start: start, end: end)
    }

    /// A position inside the range or at its end (where the cursor sits after the phrase).
    func contains(_ position: LSPPosition) -> Bool { start <= position && position <= end }

    /// Whether two ranges share a position (an empty range at a finding's edge counts).
    func overlaps(_ other: LSPRange) -> Bool { start <= other.end && other.start <= end }

    var json: JSONValue { ["start": start.json, "end": end.json] }
}
