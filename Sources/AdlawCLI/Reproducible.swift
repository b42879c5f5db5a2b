import Foundation

/// Byte-identical output for the same inputs: `--reproducible` or `ADLAW_REPRODUCIBLE=1`
/// leaves out the one thing that varies between runs, the wall-clock timings.
enum Reproducible {
    static let environmentVariable = "ADLAW_REPRODUCIBLE"

    static func requested(flag: Bool, environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        if flag { return true }
        guard let value = environment[environmentVariable]?.lowercased() else { return false }
        return !["", "0", "false", "no"].contains(value)
    }
}
