import LintCore

/// `Rules/lexicons/polarity.yaml` (or, in older packs, `Rules/polarity.yaml`): the words that
/// negate a safe-harbour phrase in the same clause. It is data beside the lexicons, not a rule.
///
///     negators: [$negations, 一律不, 不適用, 避免, 謝絕]   # a phrase set (terms or regex)
///     within: 8                                        # characters between negator and phrase
///
/// See `Polarity` for what it changes: `unless: sentence-has / document-has /
/// document-lacks` and `requires` no longer count a phrase the copy negates.
enum PolarityFile {
    static let keys = ["negators", "within", "description"]

    static func compile(_ text: String, file: String, engine: any RegexEngine, normalizer: TextNormalizer,
                        lexicons: [String: LexiconInfo]) throws(RuleFileError) -> Polarity {
        let map = try YAMLMap(try YAMLDocument.parse(text, file: file), file: file, path: "")
        try map.rejectUnknownKeys(allowed: keys)
        guard let node = map["negators"] else { throw map.error(at: nil, .missingKey("negators")) }
        let context = CompileContext(file: file, engine: engine, normalizer: normalizer, lexicons: lexicons,
                                     loose: false, caseInsensitive: true)
        let set = try PhraseSet.read(node, key: "negators", context: context)
        let regex = try context.compile(set.source(loose: false), key: "negators", line: set.line, column: set.column)
        let within = try map.int("within")
        let distance = within?.value ?? 8
        guard (0...30).contains(distance) else {
            throw context.error(within?.line ?? 1, within?.column ?? 1,
                                .invalidValue(key: "within", value: "\(distance)", allowed: ["a number from 0 to 30"]))
        }
        return Polarity(negators: regex, within: distance, window: distance + set.maxLength(regexWindow: 8))
    }
}
