import LintCore

extension RuleSetLoader {
    /// Compiles one rule file's text against the lexicons, sectors and laws of a rule set
    /// that is already loaded, without reading any folder: for fuzzing the compiler and for
    /// tools that check one rule at a time. `expectedID` is the id the file's path implies.
    public func compileRule(text: String, file: String, expectedID: String,
                            in ruleSet: RuleSet) throws(RuleFileError) -> Rule {
        let compiler = RuleFileCompiler(engine: engine, normalizer: normalizer, lexicons: ruleSet.lexicons,
                                        sectors: ruleSet.sectors, laws: ruleSet.lawTable, asOf: ruleSet.lawsAsOf)
        return try compiler.compile(text: text, file: file, expectedID: expectedID)
    }
}
