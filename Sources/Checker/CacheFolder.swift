import AtomicFiles
import Foundation

/// The folder adlaw keeps its caches in (the compiled rule set, the prefilter's literal
/// analyses) and what every cache file must match to be used.
///
/// Files are written atomically (temporary file and rename) and best-effort: a cache that
/// cannot be written never fails a run. Each kind of file keeps only its `keptFiles` most
/// recent versions (each rebuilt adlaw and each set of rules writes its own).
public struct CacheFolder: Sendable {
    /// The folder of cache files.
    let directory: String
    /// What must match for a file to be used: the adlaw version and the identity of the
    /// executable (a rebuilt adlaw may compile or analyse differently under one version).
    let version: String

    /// Files of one kind (one name prefix) kept when a new one is written.
    static let keptFiles = 8

    /// The cache folder: `ADLAW_CACHE_DIR`, else `$XDG_CACHE_HOME/adlaw`, else
    /// `~/.cache/adlaw`; `nil` when none can be named.
    public static func defaultDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let explicit = environment["ADLAW_CACHE_DIR"], !explicit.isEmpty { return explicit }
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") { return (xdg as NSString).appendingPathComponent("adlaw") }
        if let home = environment["HOME"], !home.isEmpty { return (home as NSString).appendingPathComponent(".cache/adlaw") }
        return nil
    }

    /// The version string of this executable: adlaw's version, the executable's size and
    /// modification time.
    static func executableVersion() -> String {
        var version = AdlawVersion.current
        if let path = Bundle.main.executablePath,
           let attributes = try? FileManager.default.attributesOfItem(atPath: path) {
            let size = (attributes[.size] as? NSNumber)?.int64Value ?? 0
            let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            version += " \(size) \(Int64(modified * 1000))"
        }
        return version
    }

    /// The path of the file `<prefix><hash in hex><suffix>`.
    func path(prefix: String, hash: UInt64, suffix: String) -> String {
        (directory as NSString).appendingPathComponent("\(prefix)\(String(hash, radix: 16))\(suffix)")
    }

    /// The file's bytes, or nil when it is missing or unreadable.
    func read(_ path: String) -> [UInt8]? {
        FileManager.default.contents(atPath: path).map { [UInt8]($0) }
    }

    /// Writes `bytes` to `path` atomically, then removes the oldest files of the same kind
    /// (`prefix`, `suffix`) beyond `keptFiles`. Best-effort: failures are ignored.
    func write(_ bytes: [UInt8], to path: String, prefix: String, suffix: String) {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try AtomicFile.write(Data(bytes), to: path, overwrite: .always)
        } catch {
            return
        }
        prune(prefix: prefix, suffix: suffix, keeping: path)
    }

    /// Removes the least recently written files of one kind beyond `keptFiles` (never `file`).
    func prune(prefix: String, suffix: String, keeping file: String) {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: directory) else { return }
        var others: [(path: String, written: Date)] = []
        for name in names where name.hasPrefix(prefix) && name.hasSuffix(suffix) {
            let path = (directory as NSString).appendingPathComponent(name)
            guard path != file else { continue }
            let attributes = try? fm.attributesOfItem(atPath: path)
            others.append((path, attributes?[.modificationDate] as? Date ?? .distantPast))
        }
        // Newest first; equal times by name, so the choice never depends on listing order.
        others.sort { $0.written != $1.written ? $0.written > $1.written : $0.path < $1.path }
        for other in others.dropFirst(Self.keptFiles - 1) { try? fm.removeItem(atPath: other.path) }
    }
}
