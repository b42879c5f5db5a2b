import Foundation
import LintCore
import PCRE2Matcher
import RuleCompiler

/// The built-in rule pack, found through `ADLAW_RULES_DIR` or beside this source tree.
public enum BuiltInRules {
    public static var folder: String {
        if let dir = ProcessInfo.processInfo.environment["ADLAW_RULES_DIR"] { return dir }
        return URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Rules").path
    }

    /// Loads the pack; a fuzz run cannot start without it.
    public static func load(engine: PCRE2Engine) -> RuleSet {
        do {
            return try RuleSetLoader(engine: engine).load(folders: [folder])
        } catch {
            FuzzFailure.fail("cannot load the rule pack at \(folder): \(error)")
        }
    }
}
