import LintCore

/// What every pattern-kind compiler needs: the engine, the normalizer, the lexicons,
/// and the file being compiled (for error locations).
struct CompileContext {
    let file: String
    let engine: any RegexEngine
    let normalizer: TextNormalizer
    let lexicons: [String: LexiconInfo]
    /// `loose: true`: phrases match with spaces or decorative punctuation inside.
    let loose: Bool
    let caseInsensitive: Bool
    /// What the patterns belong to (`rule food.x`), named in a size error.
    var owner: String? = nil

    func error(_ line: Int, _ column: Int, _ kind: RuleFileError.Kind) -> RuleFileError {
        RuleFileError(file: file, line: line, column: column, kind: kind)
    }

    /// Compiles a complete pattern; rejects patterns that can match the empty string.
    func compile(_ source: String, key: String, line: Int, column: Int) throws(RuleFileError) -> any CompiledRegex {
        let regex: any CompiledRegex
        do {
            regex = try engine.compile(source, caseInsensitive: caseInsensitive)
        } catch {
            if error.tooLarge {
                // The engine says why it could not split the pattern (PCRE2Engine.notSplitMarker).
                let notSplit = error.message.range(of: "cannot be split into several: ").map { String(error.message[$0.upperBound...]) }
                throw self.error(line, column, .patternTooLarge(key: key, bytes: source.utf8.count, notSplit: notSplit, owner: owner))
            }
            throw self.error(line, column, .badRegex(error.description))
        }
        if regex.canMatchEmpty { throw self.error(line, column, .emptyMatch(key: key)) }
        return regex
    }
}
