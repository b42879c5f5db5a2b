import Foundation

/// A broken invariant: printed, then the process aborts so that libFuzzer saves the input
/// as a crash artifact. Fuzz harnesses only; library code never aborts.
public enum FuzzFailure {
    public static func fail(_ message: String, file: StaticString = #fileID, line: UInt = #line) -> Never {
        FileHandle.standardError.write(Data("adlaw fuzz invariant broken (\(file):\(line)): \(message)\n".utf8))
        abort()
    }

    public static func check(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
                             file: StaticString = #fileID, line: UInt = #line) {
        if !condition() { fail(message(), file: file, line: line) }
    }
}
