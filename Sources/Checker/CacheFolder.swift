import AtomicFiles
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The folder adlaw keeps its caches in (the compiled rule set with its patterns' literal
/// analyses) and what every cache file must match to be used.
///
/// Files are written atomically (temporary file and rename) and best-effort: a cache that
/// cannot be written never fails a run. Each kind of file keeps only its `keptFiles` most
/// recent versions (each rebuilt adlaw and each set of rules writes its own).
///
/// Every file ends with a tag, a nonce and a MAC of its bytes under this user's `CacheKey`
/// (ChaCha20-Poly1305): a file that does not carry the right one (forged, from another user,
/// damaged) is not used. A file is read only when it is a regular file of this user no
/// larger than `maxFileSize`, and cleaning removes only regular files named as adlaw names
/// them.
public struct CacheFolder: Sendable {
    /// The folder of cache files.
    let directory: String
    /// What must match for a file to be used: the adlaw version and the identity of the
    /// executable (a rebuilt adlaw may compile or analyse differently under one version).
    let version: String
    /// Authenticates the files.
    let key: CacheKey

    /// The largest cache file read (the shipped rules make a few MB).
    static let maxFileSize = 64 << 20

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

    /// The bytes of a cache file written by this user's adlaw (its tag checked and removed),
    /// or nil when it is missing, not a regular file of this user, too large or not authentic.
    /// The file is mapped, not read: reading the rule set's 8 MB into fresh memory (the
    /// kernel zeroing each page, then copying the file into it) was 11% of the CPU time of
    /// checking ten small files. Cache files are only ever replaced by a rename
    /// (`AtomicFile`), never written in place, so the mapped file does not change under us.
    func read(_ path: String) -> CacheFileBytes? {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_uid == geteuid(),
              info.st_size <= off_t(Self.maxFileSize + CacheKey.tagLength), info.st_size > 0,
              let file = CacheFileBytes(mapping: fd, size: Int(info.st_size)),
              let data = key.opened(file.all) else { return nil }
        return file.slice(data)
    }

    /// Writes `bytes` (and their tag) to `path` atomically, then removes the oldest files of
    /// the same kind (`prefix`, `suffix`) beyond `keptFiles`. Best-effort: failures are ignored.
    func write(_ bytes: [UInt8], to path: String, prefix: String, suffix: String) {
        guard bytes.count <= Self.maxFileSize else { return }
        guard let sealed = key.sealed(bytes) else { return }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try AtomicFile.write(Data(sealed), to: path, overwrite: .always, linkedFolders: true)
        } catch {
            return
        }
        prune(prefix: prefix, suffix: suffix, keeping: path)
    }

    /// Whether `name` is one adlaw gives its files of this kind: `<prefix><hex><suffix>`.
    static func isCacheName(_ name: String, prefix: String, suffix: String) -> Bool {
        guard name.hasPrefix(prefix), name.hasSuffix(suffix), name.count > prefix.count + suffix.count else { return false }
        let hash = name.dropFirst(prefix.count).dropLast(suffix.count)
        return hash.count <= 16 && hash.allSatisfy { $0.isHexDigit && ($0.isNumber || $0.isLowercase) }
    }

    /// Removes every file of one kind (a kind this version no longer writes).
    func removeAll(prefix: String, suffix: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for name in names where Self.isCacheName(name, prefix: prefix, suffix: suffix) {
            let path = (directory as NSString).appendingPathComponent(name)
            var info = stat()
            guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { continue }
            unlink(path)
        }
    }

    /// Removes the least recently written files of one kind beyond `keptFiles` (never `file`).
    func prune(prefix: String, suffix: String, keeping file: String) {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: directory) else { return }
        var others: [(path: String, written: Date)] = []
        for name in names where Self.isCacheName(name, prefix: prefix, suffix: suffix) {
            let path = (directory as NSString).appendingPathComponent(name)
            guard path != file else { continue }
            // Only regular files: never a folder (removeItem would delete it whole) or a link.
            var info = stat()
            guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { continue }
            others.append((path, Date(timeIntervalSince1970: TimeInterval(info.st_mtim.tv_sec) + TimeInterval(info.st_mtim.tv_nsec) / 1e9)))
        }
        // Newest first; equal times by name, so the choice never depends on listing order.
        others.sort { $0.written != $1.written ? $0.written > $1.written : $0.path < $1.path }
        for other in others.dropFirst(Self.keptFiles - 1) { unlink(other.path) }
    }
}

/// The bytes of a cache file, mapped read-only (or, in tests, a copy in memory); `bytes` is
/// what a reader uses (the file without its tag). Unmapped when released: readers keep no
/// pointer into it, so a file truncated in place later cannot hurt a run that has read it.
final class CacheFileBytes: @unchecked Sendable {
    /// The whole mapping (or copy).
    let all: UnsafeRawBufferPointer
    /// The part a reader uses.
    private(set) var bytes: UnsafeRawBufferPointer
    private let mapped: Bool

    /// A private read-only mapping of `size` bytes of `fd`, nil when it cannot be mapped.
    init?(mapping fd: Int32, size: Int) {
        // Populated at once: the tag is checked over every page next.
        guard let base = mmap(nil, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0), base != MAP_FAILED else { return nil }
        all = UnsafeRawBufferPointer(start: base, count: size)
        bytes = all
        mapped = true
    }

    /// A copy of `data` in memory (tests; decoding bytes that are not a mapped file).
    init<Bytes: Collection<UInt8>>(copying data: Bytes) {
        let storage = UnsafeMutableRawBufferPointer.allocate(byteCount: max(data.count, 1), alignment: 16)
        _ = storage.initializeMemory(as: UInt8.self, from: data)
        all = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(storage)[..<data.count])
        bytes = all
        mapped = false
    }

    /// This object with `bytes` narrowed to `part` (a part of `all`).
    func slice(_ part: UnsafeRawBufferPointer) -> CacheFileBytes {
        bytes = part
        return self
    }

    deinit {
        if mapped {
            munmap(UnsafeMutableRawPointer(mutating: all.baseAddress), all.count)
        } else {
            UnsafeMutableRawPointer(mutating: all.baseAddress)?.deallocate()
        }
    }
}
