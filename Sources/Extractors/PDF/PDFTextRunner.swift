import Foundation

/// Runs `pdftotext` (poppler-utils) on a PDF and returns its UTF-8 text, pages separated by
/// form feeds. The PDF is written to a private temporary file (the tool needs to seek), the
/// tool runs with a time limit, and its output is bounded.
struct PDFTextRunner: Sendable {
    /// The tool: `ADLAW_PDFTOTEXT` if set, else `pdftotext` on `PATH`.
    var executable: String?
    var timeout: Double
    var maxOutput: Int

    init(timeout: Double, maxOutput: Int = 64 << 20, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.timeout = timeout
        self.maxOutput = maxOutput
        if let explicit = environment["ADLAW_PDFTOTEXT"], !explicit.isEmpty {
            executable = FileManager.default.isExecutableFile(atPath: explicit) ? explicit : nil
        } else {
            executable = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
                .map { "\($0)/pdftotext" }
                .first { FileManager.default.isExecutableFile(atPath: $0) }
        }
    }

    enum Failure: Error {
        case missing
        case failed(String)
        case timedOut
        case tooLarge
    }

    func text(of bytes: [UInt8]) throws(Failure) -> [UInt8] {
        guard let executable else { throw .missing }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("adlaw-pdf-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw .failed("cannot create a temporary folder: \(error.localizedDescription)")
        }
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("in.pdf")
        do { try Data(bytes).write(to: input) } catch { throw .failed("cannot write a temporary file: \(error.localizedDescription)") }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["-enc", "UTF-8", "-eol", "unix", "-q", input.path, "-"]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { throw .failed("cannot start \(executable): \(error.localizedDescription)") }

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
