import LintCore

/// Marks hashtags (`#限時優惠`, `#保證有效`) in a segment's text as the inline zone `hashtag`.
///
/// A hashtag is `#` (or the full-width `＃`) at the start of the text or after whitespace or
/// punctuation, followed by letters, digits, marks or `_`; it ends at the first other
/// character. `# 標題` (a space after the mark) and `C#` are not hashtags.
enum HashtagScanner {
    static func annotate(_ segment: TextSegment) -> TextSegment {
        let spans = hashtags(in: segment.text)
        guard !spans.isEmpty else { return segment }
        var out = segment
        out.inlineZones = (segment.inlineZones + spans).sorted { $0.range.lowerBound < $1.range.lowerBound }
        return out
    }

    static func hashtags(in text: String) -> [ZoneSpan] {
        var spans: [ZoneSpan] = []
        var offset = 0
        var previous: Unicode.Scalar?
        var open: (start: Int, characters: Int)?
        func close(at end: Int) {
            if let tag = open, tag.characters > 0 { spans.append(ZoneSpan(range: tag.start..<end, zone: .hashtag)) }
            open = nil
        }
        for scalar in text.unicodeScalars {
            if open != nil {
                if isTagCharacter(scalar) {
                    open?.characters += 1
                } else {
                    close(at: offset)
                }
            }
            if open == nil, scalar == "#" || scalar == "＃", previous.map(isBoundary) ?? true {
                open = (offset, 0)
            }
            offset += UTF8.width(scalar)
            previous = scalar
        }
        close(at: offset)
        return spans
    }

    private static func isTagCharacter(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == "_" { return true }
        let properties = scalar.properties
        return properties.isAlphabetic || properties.numericType != nil || properties.generalCategory == .nonspacingMark
    }

    private static func isBoundary(_ scalar: Unicode.Scalar) -> Bool {
        !isTagCharacter(scalar) && scalar != "&" && scalar != "/"
    }
}
