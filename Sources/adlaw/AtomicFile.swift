import Foundation

/// Writes files so that they are never seen half-written: the bytes go to a temporary
/// file in the same folder, are flushed to disk, and the temporary file is renamed over
/// the target in one step. If anything fails, the target is left as it was.
enum AtomicFile {
    enum WriteError: Error, CustomStringConvertible {
        case exists(String)
        case notOurs(String)
        case failed(String, String)

        var description: String {
            switch self {
            case let .exists(path): "\(path) already exists; pass --force to replace it"
            case let .notOurs(path): "\(path) exists and was not written by adlaw; pass --force to replace it, or choose another path"
            case let .failed(path, reason): "cannot write \(path): \(reason)"
            }
        }
    }

    /// When an existing file may be replaced.
    enum Overwrite {
        case never
        case always
        /// Only when the existing contents pass the test (e.g. an earlier adlaw report).
        case when(@Sendable (Data) -> Bool)
    }

    static func write(_ data: Data, to path: String, overwrite: Overwrite) throws(WriteError) {
        let fm = FileManager.default
        if fm.fileExists(atPath: path) {
            switch overwrite {
            case .never: throw .exists(path)
            case .always: break
            case let .when(isOurs):
                let existing = fm.contents(atPath: path) ?? Data()
                if !isOurs(existing) { throw .notOurs(path) }
            }
        }
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).\(UUID().uuidString.prefix(8)).tmp")
        guard fm.createFile(atPath: temporary.path, contents: nil) else {
            throw .failed(path, "cannot create a file in \(folder.path)")
        }
        do {
            let handle = try FileHandle(forWritingTo: temporary)
            try handle.write(contentsOf: data)
            try handle.synchronize()
            try handle.close()
            guard rename(temporary.path, path) == 0 else {
                throw WriteError.failed(path, String(cString: strerror(errno)))
            }
        } catch let error as WriteError {
            try? fm.removeItem(at: temporary)
            throw error
        } catch {
            try? fm.removeItem(at: temporary)
            throw .failed(path, error.localizedDescription)
        }
    }
}
