import LintCore

/// The colour, background and size of a run of Word or PowerPoint text, as far as the file
/// sets them on the run, its paragraph, cell or shape, or the page or slide. What a style,
/// theme, layout or master sets is not read, so a colour that could come from one is unknown
/// and no contrast is judged on a guess.
struct OfficeRunStyle: Sendable {
    var color: CSSColor?
    var background: CSSColor?
    var points: Double?
    var bold = false

    /// The fact of `range` (in the paragraph's text), when both colours are known. The size
    /// and `large` (18 pt, or 14 pt bold) are left out when the run does not set its size.
    func fact(range: Range<Int>, location: SourceLocation) -> StructureFact? {
        guard let color, let background, !range.isEmpty else { return nil }
        var fact = StructureFact(kind: .text, sourceRange: range, location: location)
        fact["color"] = .text(color.hex)
        fact["background"] = .text(background.hex)
        fact["contrast"] = .number(CSSColor.contrast(color, background))
        fact["bold"] = .flag(bold)
        if let points {
            fact["size"] = .number(points)
            fact["large"] = .flag(points >= 18 || (points >= 14 && bold))
        }
        return fact
    }

    /// Whether two runs look the same (so adjacent ones make one fact).
    func sameLook(as other: OfficeRunStyle) -> Bool {
        color?.hex == other.color?.hex && background?.hex == other.background?.hex && points == other.points && bold == other.bold
    }

    /// Facts of a paragraph's runs, adjacent runs of the same look joined, each located at
    /// its first character.
    static func facts(_ runs: [(range: Range<Int>, style: OfficeRunStyle)], text: String, location: SourceLocation) -> [StructureFact] {
        var joined: [(range: Range<Int>, style: OfficeRunStyle)] = []
        for run in runs where !run.range.isEmpty {
            if let last = joined.last, last.range.upperBound == run.range.lowerBound, last.style.sameLook(as: run.style) {
                joined[joined.count - 1].range = last.range.lowerBound..<run.range.upperBound
            } else {
                joined.append(run)
            }
        }
        let utf8 = Array(text.utf8)
        return joined.compactMap { run in
            guard run.range.upperBound <= utf8.count else { return nil }
            var at = location
            at.character = String(decoding: utf8[..<run.range.lowerBound], as: UTF8.self).unicodeScalars.count + 1
            return run.style.fact(range: run.range, location: at)
        }
    }
}
