/// Finds, in one linear pass before cmark-gfm parses a document, the markup that the
/// library (Debian's 0.29.0.gfm.6) handles in quadratic time, so such a document is refused
/// with its line instead of taking minutes:
///
/// - table rows with thousands of cells: the table extension re-reads a row for each cell
///   (a 20,000-column table, 2 MB, took 75 s);
/// - paragraphs with tens of thousands of link or image openers (`[`, `![`): each new link
///   walks back over the openers still waiting (`![[]()` 100,000 times, 600 KB, took 75 s);
/// - paragraphs with tens of thousands of unclosed inline HTML comments (`<!--`), which
///   cmark scans to the end of the paragraph each time (CVE-2023-22484).
///
/// Real copy stays far below each limit: tables of a few dozen columns, paragraphs of a
/// few dozen links.
enum MarkdownGuard {
    static let maxTableCells = 1_000
    static let maxOpenersPerParagraph = 10_000

    /// A line past a limit and what the limit is.
    struct Violation: Equatable {
        var line: Int
        var what: String
    }

    static func firstViolation(_ bytes: [UInt8]) -> Violation? {
        var line = 1
        var paragraphLine = 1
        var brackets = 0, comments = 0
        var pipes = 0
        var lineIsBlank = true
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            switch b {
            case 0x0A:
                if pipes > maxTableCells { return Violation(line: line, what: "a table row with more than \(maxTableCells) cells") }
                if lineIsBlank {
                    brackets = 0
                    comments = 0
                    paragraphLine = line + 1
                }
                line += 1
                pipes = 0
                lineIsBlank = true
            case 0x7C:
                pipes += 1
                lineIsBlank = false
            case 0x5B:
                brackets += 1
                lineIsBlank = false
                if brackets > maxOpenersPerParagraph {
                    return Violation(line: paragraphLine, what: "a paragraph with more than \(maxOpenersPerParagraph) `[` (link or image openers)")
                }
            case 0x3C:
                lineIsBlank = false
                if i + 3 < n, bytes[i + 1] == 0x21, bytes[i + 2] == 0x2D, bytes[i + 3] == 0x2D {
                    comments += 1
                    if comments > maxOpenersPerParagraph {
                        return Violation(line: paragraphLine, what: "a paragraph with more than \(maxOpenersPerParagraph) `<!--`")
                    }
                }
            case 0x20, 0x09, 0x0D:
                break
            default:
                lineIsBlank = false
            }
            i += 1
        }
        if pipes > maxTableCells { return Violation(line: line, what: "a table row with more than \(maxTableCells) cells") }
        return nil
    }
}
