import Foundation

/// Standard streams and terminal facts, in one place.
enum Terminal {
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func writeError(_ text: String) {
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
    static var stdinIsTerminal: Bool { isatty(STDIN_FILENO) == 1 }

    /// Whether text is piped or redirected into standard input: a pipe, a socket or a regular
    /// file. A terminal, `/dev/null` (a character device) or a closed stream is not: a run
    /// with no path then has nothing to read and must say so, not report a clean check.
    static var stdinHasInput: Bool {
        var info = stat()
        guard fstat(STDIN_FILENO, &info) == 0 else { return false }
        let type = info.st_mode & S_IFMT
        return type == S_IFIFO || type == S_IFSOCK || type == S_IFREG
    }

    /// Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org).
    static func useColor(disabled: Bool) -> Bool {
        if disabled { return false }
        if let value = ProcessInfo.processInfo.environment["NO_COLOR"], !value.isEmpty { return false }
        return stdoutIsTerminal
    }
}
