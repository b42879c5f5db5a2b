import Foundation
import LintCore
#if canImport(Glibc)
import Glibc
#endif

/// Standard streams and terminal facts, in one place.
///
/// A failed write to standard output (a full disk, a reader that went away, a closed
/// stream) ends the run with a message and exit code 2, never with a signal: Foundation's
/// `FileHandle.write(_:)` traps on an error (SIGILL, exit 132), and SIGPIPE would kill the
/// process silently. `prepareStreams()` runs first thing.
public enum Terminal {
    /// Ignores SIGPIPE (a write to a closed pipe then fails with EPIPE, reported like any
    /// other failed write) and puts `/dev/null` on closed standard streams, opened read-only
    /// so writes to a closed stdout still fail (EBADF) rather than vanish; otherwise the
    /// next file adlaw opens would get descriptor 1 and receive the report.
    static func prepareStreams() {
        signal(SIGPIPE, SIG_IGN)
        for fd in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] where fcntl(fd, F_GETFD) == -1 && errno == EBADF {
            let opened = open("/dev/null", O_RDONLY)
            if opened >= 0 && opened != fd {
                dup2(opened, fd)
                close(opened)
            }
        }
    }

    /// Writes `text` to standard output, all of it, or throws saying why not.
    static func write(_ text: String) throws(CLIError) {
        if let failure = writeAll(STDOUT_FILENO, text) {
            throw .output(Self.describe(failure))
        }
    }

    /// Writes text for people (tables, explanations, extracted copy) with control characters
    /// and bidirectional overrides shown, not obeyed: rule files and copy may come from a
    /// stranger's pull request. Line ends and tabs stay.
    static func writeText(_ text: String) throws(CLIError) {
        try write(VisibleText.escaped(text, keepingNewlines: true))
    }

    /// Writes a line to standard error; failures there cannot be reported and are ignored.
    public static func writeError(_ text: String) {
        _ = writeAll(STDERR_FILENO, text.hasSuffix("\n") ? text : text + "\n")
    }

    /// Writes every byte (retrying short writes and interruptions); the errno of a failure.
    private static func writeAll(_ fd: Int32, _ text: String) -> Int32? {
        var text = text
        return text.withUTF8 { buffer -> Int32? in
            guard var pointer = buffer.baseAddress else { return nil }
            var left = buffer.count
            while left > 0 {
                let written = Glibc.write(fd, pointer, left)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                pointer += written
                left -= written
            }
            return nil
        }
    }

    static func describe(_ error: Int32) -> String {
        let reason = switch error {
        case EPIPE: "the program reading it stopped (broken pipe)"
        case EBADF: "it is closed"
        case ENOSPC: "no space left on the device"
        default: String(cString: strerror(error))
        }
        return "cannot write to standard output: \(reason); the output is incomplete"
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
