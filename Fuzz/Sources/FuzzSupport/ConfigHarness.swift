import AdlawConfiguration

/// Parses arbitrary bytes as `.adlaw.yml`. A config may be refused, but only with problems
/// that name the file and a position; YAML aliases must not amplify (a run past libFuzzer's
/// time or memory limit is a finding).
public enum ConfigHarness {
    public static let file = "fz/.adlaw.yml"

    public static func run(_ bytes: [UInt8]) {
        // Configs are read as UTF-8 text; `ConfigFile.load` refuses other bytes before parsing.
        guard let text = String(validating: bytes, as: UTF8.self) else { return }
        do {
            _ = try ConfigFile.parse(text, file: file, directory: "/nonexistent/fz")
        } catch {
            FuzzFailure.check(!error.problems.isEmpty, "a config error without a problem")
            for problem in error.problems {
                FuzzFailure.check(problem.file == file && problem.line >= 1 && problem.column >= 1,
                                  "a config problem without a position: \(problem)")
                FuzzFailure.check(!problem.message.isEmpty, "an empty config problem")
            }
        }
    }
}
