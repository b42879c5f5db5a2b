/// Where the text of each paragraph of a Word part sits in its XML: every character the
/// extractor reads (`w:t` text, and `w:tab`, `w:br`, `w:noBreakHyphen` as one character
/// each), with the run it belongs to. Paragraphs are numbered as `WordExtractor` numbers
/// them (every `w:p` outside the VML fallback of a text box and moved-away text, skipping
/// separator footnotes), so a finding's `¶N` and character position name a place here.
struct WordPartLayout {
    /// A run (`w:r`): where it starts and ends, and its formatting to repeat when it is split.
    struct Run {
        var startTag: Range<Int>
        var properties: Range<Int>?
        var endTag: Range<Int> = 0..<0
    }

    /// One or more characters of a paragraph's text at one place in the XML.
    struct Piece {
        /// Index in `runs`, or nil when the text is not inside a `w:r` (math, or damage).
        var run: Int?
        /// Offset of the first character in the paragraph's text (Unicode scalars).
        var start: Int
        var count: Int
        /// For `w:t` text: the raw byte offset of each character and of the end.
        var offsets: [Int]?
        /// The element (`w:t`, `w:tab` ...) the characters come from.
        var element: Range<Int>
    }

    struct Paragraph {
        var ordinal: Int
        var startTag: Range<Int>
        /// Just after `w:pPr`, where content starts.
        var contentStart: Int
        var endTag: Range<Int> = 0..<0
        var text = ""
        var pieces: [Piece] = []
    }

    var runs: [Run] = []
    var paragraphs: [Int: Paragraph] = [:]

    init(_ bytes: [UInt8], tokens: [XMLToken]) {
        var stack: [Int] = []  // ordinals of open paragraphs
        var runStack: [Int] = []
        var skipping = 0
        var textStart: Int?
        var elementOfText: Range<Int>?
        var ordinal = 0
        var openElements: [String] = []
        for token in tokens {
            switch token.kind {
            case let .start(_, selfClosing):
                let name = token.localName ?? ""
                let tag = bytes[token.range]
                let separator = (name == "footnote" || name == "endnote")
                    && ["separator", "continuationSeparator", "continuationNotice"].contains(XMLTokenizer.attribute("w:type", in: tag) ?? "")
                if name == "Fallback" || name == "moveFrom" || separator {
                    if !selfClosing { skipping += 1; openElements.append(name) }
                    continue
                }
                if !selfClosing { openElements.append(name) }
                guard skipping == 0 else { continue }
                switch name {
                case "p":
                    ordinal += 1
                    paragraphs[ordinal] = Paragraph(ordinal: ordinal, startTag: token.range, contentStart: token.range.upperBound)
                    if !selfClosing { stack.append(ordinal) } else { paragraphs[ordinal]?.endTag = token.range.upperBound..<token.range.upperBound }
                case "r" where !selfClosing:
                    runs.append(Run(startTag: token.range))
                    runStack.append(runs.count - 1)
                case "rPr" where !selfClosing && openElements.dropLast().last == "r":
                    if let run = runStack.last { runs[run].properties = token.range.lowerBound..<token.range.lowerBound }
                case "t" where !selfClosing:
                    textStart = token.range.upperBound
                    elementOfText = token.range
                case "tab", "ptab", "br", "cr", "noBreakHyphen":
                    let character: Character = name == "br" || name == "cr" ? "\n" : name == "noBreakHyphen" ? "-" : "\t"
                    if let p = stack.last {
                        let start = paragraphs[p]!.text.unicodeScalars.count
                        paragraphs[p]!.text.append(character)
                        paragraphs[p]!.pieces.append(Piece(run: runStack.last, start: start, count: 1, offsets: nil, element: token.range))
                    }
                default:
                    break
                }
            case .end:
                let name = token.localName ?? ""
                if openElements.last == name { openElements.removeLast() }
                if name == "Fallback" || name == "moveFrom" || (name == "footnote" || name == "endnote") && skipping > 0 {
                    skipping = max(0, skipping - 1)
                    continue
                }
                guard skipping == 0 else { continue }
                switch name {
                case "p":
                    if let p = stack.popLast() { paragraphs[p]?.endTag = token.range }
                case "pPr":
                    if let p = stack.last, paragraphs[p]!.pieces.isEmpty { paragraphs[p]!.contentStart = token.range.upperBound }
                case "rPr":
                    if let run = runStack.last, let start = runs[run].properties?.lowerBound, openElements.last == "r" {
                        runs[run].properties = start..<token.range.upperBound
                    }
                case "r":
                    if let run = runStack.popLast() { runs[run].endTag = token.range }
                case "t":
                    if let start = textStart, let element = elementOfText, let p = stack.last {
                        let (chars, offsets) = XMLText.characters(bytes[start..<token.range.lowerBound])
                        let first = paragraphs[p]!.text.unicodeScalars.count
                        for c in chars { paragraphs[p]!.text.append(c) }
                        if !chars.isEmpty {
                            paragraphs[p]!.pieces.append(Piece(run: runStack.last, start: first, count: chars.count, offsets: offsets,
                                                               element: element.lowerBound..<token.range.upperBound))
                        }
                    }
                    textStart = nil
                default:
                    break
                }
            case .text, .other:
                break
            }
        }
    }
}
