import Foundation
import LintCore
import Linting
import PCRE2Matcher
import RuleCompiler

/// The compiled rule set kept between runs, so a run does not read and compile the YAML
/// rule files again (about 0.1 s of Yams parsing and phrase-set expansion for the shipped
/// rules, most of a small run).
///
/// One file per set of rule folders: `rules-<hash>.cache` in the cache folder. The key is
/// taken over every file the loader reads (path and bytes of each `laws.yaml`, law file,
/// `sectors.yaml`, lexicon, rule file and `VERSION`, folder by folder, in order), the
/// executable's version and the PCRE2 version; the file repeats the whole 128-bit key
/// and ends with a checksum, so a stale or damaged file is never used (and `CacheFolder`
/// adds an HMAC under this user's key, so neither is a forged one): the rules
/// are loaded from YAML and the file written again. Only a rule set that loaded without
/// errors is written, so every error in the rule files is still reported, from the files.
/// Regexes are stored as their sources and compiled again when read (JIT-compiling stays
/// lazy, see `PCRE2Engine.JITPolicy`).
///
/// Layout: the magic `ADLAWRS` and a format byte, the version (u16 length + UTF-8), the key
/// (two u64), the rule set as `parts` JSON documents (each u32 length + bytes), an FNV-1a
/// 64 checksum of all the bytes before it (integers little-endian).
struct RuleSetCache {
    let folder: CacheFolder

    static let prefix = "rules-"
    static let suffix = ".cache"
    static let magic = Array("ADLAWRS".utf8) + [1]

    /// The 128-bit key of these folders' rule files, or nil when a folder cannot be read as
    /// a folder of rule files (the loader then reports why).
    func key(folders: [String], asOf: CalendarDate? = nil) -> (UInt64, UInt64)? {
        var material = Array(folder.version.utf8) + [0] + Array(PCRE2Engine.libraryVersion.utf8) + [0]
            + Array((asOf.map { "\($0)" } ?? "latest").utf8) + [0]
        func add(_ bytes: some Collection<UInt8>) {
            var count = UInt64(bytes.count)
            for _ in 0..<8 { material.append(UInt8(truncatingIfNeeded: count)); count >>= 8 }
            material += bytes
        }
        for path in folders {
            guard let contents = try? RuleSetLoader.scan(folder: path), contents.misplaced.isEmpty else { return nil }
            add(Array(path.utf8))
            let version = (path as NSString).appendingPathComponent("VERSION")
            var files = [contents.laws, contents.sectors, contents.polarity].compactMap { $0 } + contents.lawFiles + contents.lexicons + contents.rules
            if FileManager.default.fileExists(atPath: version) { files.append(version) }
            for file in files {
                guard let bytes = FileManager.default.contents(atPath: file) else { return nil }
                add(Array(file.utf8))
                add(bytes)
            }
        }
        return (PrefilterCacheCodec.checksum(material[...]), PrefilterCacheCodec.checksum(material[...], basis: 0x6C62_272E_07BB_0142))
    }

    /// The rule set of `folders` from the cache, else from `loadFiles` (whose result is
    /// then cached). Errors are those of `loadFiles`: the cache itself never fails a run.
    func ruleSet<Failure: Error>(folders: [String], asOf: CalendarDate? = nil, engine: PCRE2Engine,
                                 loadFiles: () throws(Failure) -> RuleSet) throws(Failure) -> RuleSet {
        guard let key = key(folders: folders, asOf: asOf) else { return try loadFiles() }
        let path = folder.path(prefix: Self.prefix, hash: key.0, suffix: Self.suffix)
        if let bytes = folder.read(path), let cached = decode(bytes, key: key, engine: engine) { return cached }
        let ruleSet = try loadFiles()
        if let bytes = encode(ruleSet, key: key) {
            folder.write(bytes, to: path, prefix: Self.prefix, suffix: Self.suffix)
        }
        return ruleSet
    }

    /// The rule set is written in `parts` JSON documents (the rules split evenly, the rest
    /// in the first), decoded in parallel when read.
    static let parts = 2

    func encode(_ ruleSet: RuleSet, key: (UInt64, UInt64)) -> [UInt8]? {
        var out = Self.magic
        let version = Array(folder.version.utf8)
        Self.append(UInt64(version.count), bytes: 2, to: &out)
        out += version
        Self.append(key.0, bytes: 8, to: &out)
        Self.append(key.1, bytes: 8, to: &out)
        let encoder = JSONEncoder()
        // The same rule set always gives the same bytes (dictionaries are unordered).
        encoder.outputFormatting = [.sortedKeys]
        let share = (ruleSet.rules.count + Self.parts - 1) / Self.parts
        for part in 0..<Self.parts {
            var piece = part == 0 ? ruleSet : RuleSet(rules: [], sectors: .empty, laws: [], lexicons: [:], roots: [])
            piece.rules = Array(ruleSet.rules.dropFirst(part * share).prefix(share))
            guard let json = try? encoder.encode(piece) else { return nil }
            Self.append(UInt64(json.count), bytes: 4, to: &out)
            out += json
        }
        Self.append(PrefilterCacheCodec.checksum(out[...]), bytes: 8, to: &out)
        return out
    }

    /// The rule set in `bytes`, or nil unless they are a whole, undamaged file of this
    /// version and key.
    func decode(_ bytes: [UInt8], key: (UInt64, UInt64), engine: PCRE2Engine) -> RuleSet? {
        let version = Array(folder.version.utf8)
        let end = bytes.count - 8
        guard bytes.count >= Self.magic.count + 2 + version.count + 16 + 8, bytes.starts(with: Self.magic),
              Self.read(bytes, at: end, bytes: 8) == PrefilterCacheCodec.checksum(bytes[..<end])
        else { return nil }
        var offset = Self.magic.count
        guard Self.read(bytes, at: offset, bytes: 2) == UInt64(version.count),
              bytes[(offset + 2)..<(offset + 2 + version.count)].elementsEqual(version) else { return nil }
        offset += 2 + version.count
        guard Self.read(bytes, at: offset, bytes: 8) == key.0, Self.read(bytes, at: offset + 8, bytes: 8) == key.1 else { return nil }
        offset += 16
        var pieces: [Range<Int>] = []
        for _ in 0..<Self.parts {
            guard offset + 4 <= end else { return nil }
            let length = Int(Self.read(bytes, at: offset, bytes: 4))
            guard length <= end - offset - 4 else { return nil }
            pieces.append((offset + 4)..<(offset + 4 + length))
            offset += 4 + length
        }
        guard offset == end else { return nil }
        let decoded = OrderedParallelMap.map(pieces, width: pieces.count, makeState: {}) { piece, _ -> RuleSet? in
            let decoder = JSONDecoder()
            decoder.userInfo = RegexDecodingContext(engine: engine).userInfo
            return try? decoder.decode(RuleSet.self, from: Data(bytes[piece]))
        }
        guard decoded.count == pieces.count, var ruleSet = decoded[0] else { return nil }
        for piece in decoded.dropFirst() {
            guard let piece else { return nil }
            ruleSet.rules += piece.rules
        }
        return ruleSet
    }

    static func append(_ value: UInt64, bytes: Int, to out: inout [UInt8]) {
        for index in 0..<bytes { out.append(UInt8(truncatingIfNeeded: value >> UInt64(8 * index))) }
    }

    static func read(_ bytes: [UInt8], at offset: Int, bytes count: Int) -> UInt64 {
        var value: UInt64 = 0
        for index in 0..<count { value |= UInt64(bytes[offset + index]) << UInt64(8 * index) }
        return value
    }
}
