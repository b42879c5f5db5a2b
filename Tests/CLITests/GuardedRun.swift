import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Runs `adlaw` the way the hostile-input tests need: output to files (any size), standard
/// input from a file, a kill timeout that only guards against hangs (the tests assert what
/// happened, never how long it took), and the child's own peak memory (`peakMemoryMiB`).
struct GuardedRun {
    struct Result {
        /// The exit code, or nil when the process was ended by a signal.
        var exitCode: Int32?
        /// The signal that ended the process, if one did.
        var signal: Int32?
        /// The process was still running at the hang guard and was killed.
        var hung: Bool
        /// Peak resident memory of the process, in MiB.
        var peakMemoryMiB: Int
        var stdout: String
        var stderr: String
        var stdoutBytes: Int

        var combined: String { stdout + stderr }
    }

    /// A signal sent to the run once `when` holds (checked while it runs), as CI sends
    /// SIGTERM to a cancelled job.
    struct Interrupt {
        var signal: Int32
        var when: () -> Bool
    }

    /// Where the child's standard output goes.
    enum Output {
        /// A file, read back into `Result.stdout`.
        case captured
        /// A path such as `/dev/full`.
        case path(String)
        /// No descriptor 1 at all.
        case closed
        /// A pipe whose reading end is already closed (writes fail with EPIPE); SIGPIPE is
        /// ignored in the child (as CI runners and `trap '' PIPE` leave it) or left at its default.
        case brokenPipe(ignoringSIGPIPE: Bool)
    }

    /// Runs `adlaw arguments` in `directory`. `stdin` is a file to read standard input from
    /// (`/dev/null` when nil).
    static func adlaw(_ arguments: [String], in directory: URL, stdin: URL? = nil,
                      hangGuardSeconds: Double = 900, environment: [String: String] = [:],
                      stdout: Output = .captured, interrupt: Interrupt? = nil) throws -> Result {
        let scratch = TestSupport.temporaryFolder("adlaw-guarded")
        defer { TestSupport.remove(scratch) }
        let outPath = scratch.appendingPathComponent("stdout").path
        let errPath = scratch.appendingPathComponent("stderr").path

        var env = ProcessInfo.processInfo.environment
        env["ADLAW_RULES_DIR"] = TestSupport.rulesFolder
        for key in ["GITHUB_ACTIONS", "NO_COLOR"] { env[key] = nil }
        for (key, value) in environment { env[key] = value }

        // `env -C` changes folder in the child, which then execs adlaw (same process id).
        var argv = ["/usr/bin/env", "-C", directory.path, CLI.binary.path] + arguments
        if case .brokenPipe(true) = stdout { argv = ["/bin/sh", "-c", "trap '' PIPE; exec \"$0\" \"$@\""] + argv }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdin?.path ?? "/dev/null", O_RDONLY, 0)
        var pipeEnds: [Int32] = [-1, -1]
        switch stdout {
        case .captured: posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        case let .path(path): posix_spawn_file_actions_addopen(&actions, 1, path, O_WRONLY, 0)
        case .closed: posix_spawn_file_actions_addclose(&actions, 1)
        case .brokenPipe:
            guard pipe(&pipeEnds) == 0 else { throw CLIRunner.Failure.notFound("pipe failed") }
            close(pipeEnds[0])
            posix_spawn_file_actions_adddup2(&actions, pipeEnds[1], 1)
            posix_spawn_file_actions_addclose(&actions, pipeEnds[1])
        }
        defer { if pipeEnds[1] >= 0 { close(pipeEnds[1]) } }
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)

        let cArgs = argv.map { strdup($0) } + [nil]
        let cEnv = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            cArgs.forEach { free($0) }
            cEnv.forEach { free($0) }
        }
        var pid: pid_t = 0
        // The kernel carries the spawning process's memory high-water mark into the child
        // through exec, so `wait4`'s ru_maxrss is at least this test process's own peak (which
        // grows over a full `swift test`). Where it is no higher, the child's own mark is the
        // VmHWM polled from /proc while it runs.
        var selfUsage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &selfUsage)
        let parentPeakKiB = Int(selfUsage.ru_maxrss)
        var polledPeakKiB = 0
        // SIGPIPE at its default in the child unless the case asks for it ignored.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        // No signal blocked in the child: the test's own thread (a dispatch worker) blocks
        // most, and posix_spawn would pass that mask on.
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        let spawned = posix_spawn(&pid, argv[0], &actions, &attributes, cArgs, cEnv)
        guard spawned == 0 else { throw CLIRunner.Failure.notFound("posix_spawn failed: \(String(cString: strerror(spawned)))") }

        var status: Int32 = 0
        var usage = rusage()
        var hung = false
        let deadline = Date().addingTimeInterval(hangGuardSeconds)
        var interrupted = false
        while true {
            if let interrupt, !interrupted, interrupt.when() {
                kill(pid, interrupt.signal)
                interrupted = true
            }
            polledPeakKiB = max(polledPeakKiB, Self.highWaterKiB(of: pid))
            let done = wait4(pid, &status, WNOHANG, &usage)
            if done == pid { break }
            if done < 0 && errno != EINTR { throw CLIRunner.Failure.notFound("wait4 failed: \(String(cString: strerror(errno)))") }
            if Date() > deadline {
                hung = true
                kill(pid, SIGKILL)
                _ = wait4(pid, &status, 0, &usage)
                break
            }
            usleep(20_000)
        }
        let termination = status & 0x7F
        let out = (try? Data(contentsOf: URL(fileURLWithPath: outPath))) ?? Data()
        let err = (try? Data(contentsOf: URL(fileURLWithPath: errPath))) ?? Data()
        return Result(exitCode: termination == 0 ? (status >> 8) & 0xFF : nil,
                      signal: termination == 0 ? nil : termination,
                      hung: hung,
                      peakMemoryMiB: (Int(usage.ru_maxrss) > parentPeakKiB ? Int(usage.ru_maxrss) : polledPeakKiB) / 1024,
                      stdout: String(decoding: out.prefix(64 << 20), as: UTF8.self),
                      stderr: String(decoding: err.prefix(64 << 20), as: UTF8.self),
                      stdoutBytes: out.count)
    }
}

extension GuardedRun.Result {
    /// What every hostile input must give: the run ended on its own with exit code 0, 1 or 2
    /// (never a signal, never the hang guard), within `memoryMiB` of memory, and when
    /// `naming` is given, the output names that file.
    func expectSurvived(exitCodes: Set<Int32> = [0, 1, 2], memoryMiB: Int = 1024, naming file: String? = nil,
                        sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!hung, "the run hung and was killed by the guard", sourceLocation: sourceLocation)
        #expect(signal == nil, "the run was ended by signal \(signal ?? 0)\n\(stderr.suffix(2000))", sourceLocation: sourceLocation)
        if let exitCode {
            #expect(exitCodes.contains(exitCode), "exit code \(exitCode), expected one of \(exitCodes.sorted())\n\(stderr.suffix(2000))",
                    sourceLocation: sourceLocation)
        }
        // Under a sanitizer (scripts/sanitize.sh sets ADLAW_SANITIZER) the sanitizer's shadow
        // memory and quarantine dominate the peak, so the bound is checked in normal runs only.
        if ProcessInfo.processInfo.environment["ADLAW_SANITIZER"] == nil {
            #expect(peakMemoryMiB < memoryMiB, "peak memory \(peakMemoryMiB) MiB, above \(memoryMiB) MiB", sourceLocation: sourceLocation)
        }
        if let file {
            #expect(combined.contains(file), "the output does not name \(file):\n\(combined.prefix(2000))", sourceLocation: sourceLocation)
        }
    }
}

extension GuardedRun {
    /// The memory high-water mark of a running process (VmHWM in /proc/PID/status), in KiB;
    /// 0 once it has exited or where /proc cannot tell.
    static func highWaterKiB(of pid: pid_t) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return 0 }
        return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") ?? 0
    }
}
