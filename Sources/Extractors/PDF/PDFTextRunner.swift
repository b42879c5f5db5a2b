import Foundation

/// Runs a poppler-utils tool on a PDF and returns its UTF-8 output: `pdftotext` for the text
/// (pages separated by form feeds), `pdfinfo` for the document's properties (its tagging).
/// The PDF goes to the tool on its standard input (`fd://0`, which poppler reads whole, so no
/// copy of a stranger's PDF is left in the temporary folder by a killed run), the tool runs
/// with a time limit and dies with adlaw (`setpriv --pdeathsig`, where util-linux has it), and
/// its output is bounded.
struct PDFTextRunner: Sendable {
    /// The poppler tools adlaw runs.
    enum Tool: String, Sendable {
        case pdftotext, pdfinfo

        /// The environment variable that names the tool: `ADLAW_PDFTOTEXT`, `ADLAW_PDFINFO`.
        var variable: String { "ADLAW_" + rawValue.uppercased() }

        var arguments: [String] {
            switch self {
            case .pdftotext: ["-enc", "UTF-8", "-eol", "unix", "-q", "fd://0", "-"]
            case .pdfinfo: ["-enc", "UTF-8", "fd://0"]
            }
        }
    }

    let tool: Tool
    /// The tool: its variable if set, else (for pdfinfo) beside an explicit pdftotext, else on `PATH`.
    var executable: String?
    var timeout: Double
    var maxOutput: Int
    /// util-linux `setpriv`, to have the tool killed if adlaw is.
    var setpriv: String?

    init(tool: Tool = .pdftotext, timeout: Double, maxOutput: Int = 64 << 20,
         environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.tool = tool
        self.timeout = timeout
        self.maxOutput = maxOutput
        let path = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        let isExecutable = { (file: String) in FileManager.default.isExecutableFile(atPath: file) }
        if let explicit = environment[tool.variable], !explicit.isEmpty {
            executable = isExecutable(explicit) ? explicit : nil
        } else if tool != .pdftotext, let text = environment[Tool.pdftotext.variable], !text.isEmpty {
            // A poppler installed off PATH: its other tools sit beside pdftotext.
            let beside = URL(fileURLWithPath: text).deletingLastPathComponent().appendingPathComponent(tool.rawValue).path
            executable = isExecutable(beside) ? beside : nil
        } else {
            executable = path.map { "\($0)/\(tool.rawValue)" }.first(where: isExecutable)
        }
        setpriv = (path + ["/usr/bin", "/bin"]).map { "\($0)/setpriv" }.first(where: isExecutable)
    }

    enum Failure: Error {
        case missing
        case failed(String)
        case timedOut
        case tooLarge
    }

    /// The tool's output for `bytes`.
    func text(of bytes: [UInt8]) throws(Failure) -> [UInt8] {
        guard let executable else { throw .missing }
        let process = Process()
        let arguments = tool.arguments
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
