import Foundation

/// Runs `git` and captures its output. Both pipes are drained concurrently so a large
/// blob on standard output cannot block on a full standard-error pipe, or the reverse.
struct GitCommand {
    let directory: String

    struct Output {
        var status: Int32
        var stdout: Data
        var stderr: String
    }

    /// Runs git with `arguments`, writing `input` (if any) to its standard input.
    func run(_ arguments: [String], input: Data? = nil) throws(GitError) -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var environment = ProcessInfo.processInfo.environment
        // Paths byte for byte, never C-quoted; messages untranslated.
        environment["LC_ALL"] = "C"
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let inputPipe = input.map { _ in Pipe() }
        process.standardInput = inputPipe ?? FileHandle.nullDevice
        do { try process.run() } catch {
            throw GitError.notAvailable("cannot run git: \(error.localizedDescription)")
        }
        if let input, let inputPipe {
            // Written on its own thread: git answers while it reads, and both pipes are drained below.
            DispatchQueue.global().async {
                try? inputPipe.fileHandleForWriting.write(contentsOf: input)
                try? inputPipe.fileHandleForWriting.close()
            }
        }
        let collected = Collected()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            collected.setOut(out.fileHandleForReading.readDataToEndOfFile())
            group.leave()
        }
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        if process.terminationReason == .exit && process.terminationStatus == 127 {
            throw GitError.notAvailable("git is not installed (scripts/setup.sh installs it)")
        }
        return Output(status: process.terminationStatus, stdout: collected.out, stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Runs git and returns its standard output, or throws with git's message.
    func output(_ arguments: [String], input: Data? = nil) throws(GitError) -> Data {
        let result = try run(arguments, input: input)
        guard result.status == 0 else {
            throw GitError.failed(command: "git " + arguments.joined(separator: " "), message: result.stderr.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return result.stdout
    }

    private final class Collected: @unchecked Sendable {
        private let lock = NSLock()
        private var data = Data()

        func setOut(_ value: Data) { lock.lock(); data = value; lock.unlock() }
        var out: Data { lock.lock(); defer { lock.unlock() }; return data }
    }
}
