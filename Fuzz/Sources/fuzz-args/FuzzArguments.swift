import AdlawCLI
import FuzzSupport

/// libFuzzer entry point: `adlaw`'s argument parsing (the first-word check, then
/// swift-argument-parser with every command but `serve` and `mcp`) on an arbitrary argument
/// list: the input's bytes split at NUL, each argument decoded as UTF-8 with repair, as the
/// runtime decodes `argv`. Nothing runs; only what would run is compared.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzArguments(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = FuzzInput.bytes(data, size)
    guard bytes.count <= 4_096 else { return 0 }
    let arguments = bytes.split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
    ArgumentsHarness.check(arguments)
    return 0
}

/// What parsing any argument list must satisfy.
enum ArgumentsHarness {
    static func check(_ arguments: [String]) {
        let parsed = AdlawCommandLine.parse(arguments)
        FuzzFailure.check(AdlawCommandLine.parse(arguments) == parsed, "parsing \(arguments) twice differs")
        if case let .refused(message, code) = parsed {
            FuzzFailure.check(code == 2 || code == 1, "\(arguments): refused with exit code \(code)")
            FuzzFailure.check(!message.isEmpty || code == 1, "\(arguments): refused without a message")
        }
        // After `--` (following the command's name) every argument is a path: options,
        // `-h.md`, `--help`, `--output=x` included. The command takes them all, last and in
        // order, and none of them can turn the run into help.
        guard arguments.count >= 2, let end = arguments.dropFirst().firstIndex(of: "--") else { return }
        let after = Array(arguments[(end + 1)...])
        let before = Array(arguments[..<end])
        switch parsed {
        case let .command(name, paths) where ["check", "audit", "extract", "test"].contains(name):
            FuzzFailure.check(paths.count >= after.count && Array(paths.suffix(after.count)) == after,
                              "\(arguments): \(name) reads \(paths), not the \(after) after `--`")
        case .help:
            FuzzFailure.check(AdlawCommandLine.parse(before) == .help,
                              "\(arguments): help from an argument after `--`")
        default:
            break
        }
    }
}
