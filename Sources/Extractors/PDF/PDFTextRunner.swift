import Foundation

/// Runs `pdftotext` (poppler-utils) on a PDF and returns its UTF-8 text, pages separated by
/// form feeds. The PDF goes to the tool on its standard input (`fd://0`, which poppler reads
/// whole, so no copy of a stranger's PDF is left in the temporary folder by a killed run), the
/// tool runs with a time limit and dies with adlaw (`setpriv --pdeathsig`, where util-linux
/// has it), and its output is bounded.
struct PDFTextRunner: Sendable {
    /// The tool: `ADLAW_PDFTOTEXT` if set, else `pdftotext` on `PATH`.
    var executable: String?
    var timeout: Double
    var maxOutput: Int
    /// util-linux `setpriv`, to have the tool killed if adlaw is.
    var setpriv: String?

    init(timeout: Double, maxOutput: Int = 64 << 20, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.timeout = timeout
        self.maxOutput = maxOutput
        let path = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        if let explicit = environment["ADLAW_PDFTOTEXT"], !explicit.isEmpty {
            executable = FileManager.default.isExecutableFile(atPath: explicit) ? explicit : nil
        } else {
            executable = path.map { "\($0)/pdftotext" }.first { FileManager.default.isExecutableFile(atPath: $0) }
        }
        setpriv = (path + ["/usr/bin", "/bin"]).map { "\($0)/setpriv" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    enum Failure: Error {
        case missing
        case failed(String)
        case timedOut
        case tooLarge
    }

    func text(of bytes: [UInt8]) throws(Failure) -> [UInt8] {
        guard let executable else { throw .missing }
        let process = Process()
        let arguments = ["-enc", "UTF-8", "-eol", "unix", "-q", "fd://0", "-"]
        if let setpriv {
            // The tool gets SIGKILL when adlaw ends, however it ends (even by SIGKILL).
            process.executableURL = URL(fileURLWithPath: setpriv)
            process.arguments = ["--pdeathsig", "KILL", "--", executable] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
        }
        let output = Pipe()
        let errors = Pipe()
        let input = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = input
        do { try process.run() } catch { throw .failed("cannot start \(executable): \(error.localizedDescription)") }
        // The PDF is written on its own thread while the output is read (either pipe can fill).
        let pdf = Data(bytes)
        DispatchQueue.global().async {
            try? input.fileHandleForWriting.write(contentsOf: pdf)
            try? input.fileHandleForWriting.close()
        }

        // Read both pipes while the tool runs (a full pipe would block it), with a deadline.
        let collected = Collected()
        let group = DispatchGroup()
        let limit = maxOutput
        group.enter()
        DispatchQueue.global().async {
            var data = Data()
            while true {
                let chunk = output.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                if data.count + chunk.count > limit {
                    collected.setOverflow()
                    process.terminate()
                    break
                }
                data.append(chunk)
            }
            collected.setOutput(data)
            group.leave()
        }
        group.enter()
        DispatchQueue.global().async {
            collected.setErrors(errors.fileHandleForReading.readDataToEndOfFile())
            group.leave()
        }
        if group.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            _ = group.wait(timeout: .now() + 5)
            throw .timedOut
        }
        process.waitUntilExit()
        if collected.overflow { throw .tooLarge }
        guard process.terminationStatus == 0 else {
            let message = String(decoding: collected.errors, as: UTF8.self)
                .split(separator: "\n").first.map(String.init) ?? "exit status \(process.terminationStatus)"
            throw .failed(message)
        }
        return [UInt8](collected.output)
    }

    /// Output gathered by the reading threads.
    private final class Collected: @unchecked Sendable {
        private let lock = NSLock()
        private var _output = Data()
        private var _errors = Data()
        private var _overflow = false

        func setOutput(_ data: Data) { lock.withLock { _output = data } }
        func setErrors(_ data: Data) { lock.withLock { _errors = data } }
        func setOverflow() { lock.withLock { _overflow = true } }
        var output: Data { lock.withLock { _output } }
        var errors: Data { lock.withLock { _errors } }
        var overflow: Bool { lock.withLock { _overflow } }
    }
}
