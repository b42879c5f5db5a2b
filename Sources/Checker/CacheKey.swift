import CLibCrypto
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The secret that authenticates this user's cache files: 32 random bytes in
/// `$XDG_CONFIG_HOME/adlaw/cache.key` (else `~/.config/adlaw/cache.key`), readable by the
/// user alone, kept apart from the cache folder.
///
/// The caches hold compiled rules and their literal analyses, so a forged one could switch
/// rules off or change what they say. A checksum anyone can recompute did not stop that; an
/// HMAC-SHA256 under a key only this user can read does, even when the cache folder itself
/// is shared, committed to a repository (`ADLAW_CACHE_DIR=.cache`) or restored by CI.
struct CacheKey {
    let bytes: [UInt8]

    static let length = 32
    static let tagLength = 32

    /// This user's key, created on first use; nil when no folder can be named or the file
    /// is not this user's alone (then nothing is cached).
    static func load(environment: [String: String] = ProcessInfo.processInfo.environment) -> CacheKey? {
        let folder: String
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") {
            folder = (xdg as NSString).appendingPathComponent("adlaw")
        } else if let home = environment["HOME"], home.hasPrefix("/") {
            folder = (home as NSString).appendingPathComponent(".config/adlaw")
        } else {
            return nil
        }
        let path = (folder as NSString).appendingPathComponent("cache.key")
        if let key = read(path) { return key }
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        var random = SystemRandomNumberGenerator()
        let fresh = (0..<length).map { _ in UInt8.random(in: 0...255, using: &random) }
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        if fd >= 0 {
            let written = fresh.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            fsync(fd)
            close(fd)
            if written != length { unlink(path); return nil }
        }
        // Another run may have made it first: its key is the one.
        return read(path)
    }

    /// The key in `path` if it is a regular file of this user, unreadable by others, of the
    /// right length.
    private static func read(_ path: String) -> CacheKey? {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_uid == geteuid(),
              info.st_mode & 0o077 == 0, info.st_size == off_t(length) else { return nil }
        var bytes = [UInt8](repeating: 0, count: length)
        let count = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, length) }
        return count == length ? CacheKey(bytes: bytes) : nil
    }

    /// HMAC-SHA256 of `data` under the key.
    func tag(_ data: ArraySlice<UInt8>) -> [UInt8] {
        data.withUnsafeBytes { tag($0) }
    }

    /// HMAC-SHA256 of `data` under the key.
    func tag(_ data: UnsafeRawBufferPointer) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: Self.tagLength)
        var length: UInt32 = 0
        bytes.withUnsafeBufferPointer { key in
            _ = HMAC(EVP_sha256(), key.baseAddress, Int32(key.count), data.baseAddress, data.count, &out, &length)
        }
        return out
    }

    /// `data` followed by its tag.
    func sealed(_ data: [UInt8]) -> [UInt8] { data + tag(data[...]) }

    /// The data of sealed bytes whose tag is right (compared in constant time), else nil:
    /// `sealed` without its tag.
    func opened(_ sealed: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer? {
        guard sealed.count >= Self.tagLength else { return nil }
        let data = UnsafeRawBufferPointer(rebasing: sealed[..<(sealed.count - Self.tagLength)])
        let expected = tag(data)
        let matches = expected.withUnsafeBufferPointer {
            CRYPTO_memcmp(sealed.baseAddress! + data.count, $0.baseAddress, Self.tagLength) == 0
        }
        return matches ? data : nil
    }
}
