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
/// rules off or change what they say. A checksum anyone can recompute did not stop that; a
/// MAC under a key only this user can read does, even when the cache folder itself is
/// shared, committed to a repository (`ADLAW_CACHE_DIR=.cache`) or restored by CI.
///
/// The tag is a random 12-byte nonce and a 16-byte ChaCha20-Poly1305 MAC over the file under
/// it (`mac`). It was an HMAC-SHA256: hashing the 10 MB rule-set file was 5-6% of the CPU
/// time of checking ten small files, and Poly1305 does the same file about 7x faster (0.9
/// against 6.1 ms here, SHA extensions included). Poly1305 needs a key used once: ChaCha20
/// makes one from the key and the nonce, and a random 96-bit nonce per file written does not
/// repeat in practice, so a file's tag tells nothing about another's.
struct CacheKey {
    let bytes: [UInt8]
    /// The key the tags are made with: HMAC-SHA256 of a fixed label under `bytes`, so the
    /// user's key itself is never a cipher key.
    let macKey: [UInt8]

    static let length = 32
    static let nonceLength = 12
    static let macLength = 16
    /// The bytes after a file's data: the nonce, then the MAC.
    static let tagLength = nonceLength + macLength

    init(bytes: [UInt8]) {
        self.bytes = bytes
        var out = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        let label = Array("adlaw cache tag: ChaCha20-Poly1305".utf8)
        bytes.withUnsafeBufferPointer { key in
            _ = HMAC(EVP_sha256(), key.baseAddress, Int32(key.count), label, label.count, &out, &length)
        }
        macKey = out
    }

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

    /// The tag of `data` under the nonce `nonce`: ChaCha20-Poly1305 (RFC 8439) under
    /// `macKey`, with `data` as its associated data and nothing encrypted, i.e. a Poly1305
    /// MAC under a one-time key that ChaCha20 makes from the key and the nonce. Nil only
    /// when libcrypto fails.
    func mac(_ data: UnsafeRawBufferPointer, nonce: UnsafeRawBufferPointer) -> [UInt8]? {
        guard nonce.count == Self.nonceLength, let context = EVP_CIPHER_CTX_new() else { return nil }
        defer { EVP_CIPHER_CTX_free(context) }
        let started = macKey.withUnsafeBufferPointer { key in
            EVP_EncryptInit_ex(context, EVP_chacha20_poly1305(), nil, key.baseAddress,
                               nonce.baseAddress?.assumingMemoryBound(to: UInt8.self)) == 1
        }
        guard started else { return nil }
        var written: Int32 = 0
        var offset = 0
        while offset < data.count, let base = data.baseAddress {
            let count = min(data.count - offset, 1 << 30)
            guard EVP_EncryptUpdate(context, nil, &written, (base + offset).assumingMemoryBound(to: UInt8.self), Int32(count)) == 1 else { return nil }
            offset += count
        }
        var none = [UInt8](repeating: 0, count: 16)
        var out = [UInt8](repeating: 0, count: Self.macLength)
        guard EVP_EncryptFinal_ex(context, &none, &written) == 1,
              EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_AEAD_GET_TAG, Int32(Self.macLength), &out) == 1 else { return nil }
        return out
    }

    /// `data` followed by its tag (a fresh random nonce and the MAC under it); nil only when
    /// libcrypto fails.
    func sealed(_ data: [UInt8]) -> [UInt8]? {
        var random = SystemRandomNumberGenerator()
        let nonce = (0..<Self.nonceLength).map { _ in UInt8.random(in: 0...255, using: &random) }
        guard let mac = data.withUnsafeBytes({ bytes in nonce.withUnsafeBytes { mac(bytes, nonce: $0) } }) else { return nil }
        return data + nonce + mac
    }

    /// The data of sealed bytes whose tag is right (the MAC compared in constant time), else
    /// nil: `sealed` without its tag.
    func opened(_ sealed: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer? {
        guard sealed.count >= Self.tagLength, let base = sealed.baseAddress else { return nil }
        let data = UnsafeRawBufferPointer(rebasing: sealed[..<(sealed.count - Self.tagLength)])
        let nonce = UnsafeRawBufferPointer(start: base + data.count, count: Self.nonceLength)
        guard let expected = mac(data, nonce: nonce) else { return nil }
        let matches = expected.withUnsafeBufferPointer {
            CRYPTO_memcmp(base + data.count + Self.nonceLength, $0.baseAddress, Self.macLength) == 0
        }
        return matches ? data : nil
    }
}
