import Foundation
import LintCore
import Linting
import AtomicFiles

/// The prefilter's literal analyses kept between runs, so a run does not analyse every
/// pattern of the rule set again (the costliest part of start-up).
///
/// One file per set of searched patterns: `prefilter-<hash>.bin` in the cache folder, the
/// hash taken over the patterns' PCRE2 sources (which the rule files, lexicons and sector
/// signals determine) and `version`. Entries are looked up by exact pattern source and the
/// file is checksummed (`PrefilterCacheCodec`), so a stale, damaged or foreign file only
/// costs the analysis it would have saved: it is ignored and written again. Writing is
/// atomic (temporary file and rename) and best-effort: a cache that cannot be written
/// never fails a run.
struct PrefilterCache {
    /// The folder of cache files.
    let directory: String
    /// What must match for a file to be used: the adlaw version and the identity of the
    /// executable (a rebuilt adlaw may analyse differently under the same version).
    let version: String

    /// The cache folder: `ADLAW_CACHE_DIR`, else `$XDG_CACHE_HOME/adlaw`, else
    /// `~/.cache/adlaw`; `nil` when none can be named.
    static func defaultDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let explicit = environment["ADLAW_CACHE_DIR"], !explicit.isEmpty { return explicit }
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") { return (xdg as NSString).appendingPathComponent("adlaw") }
        if let home = environment["HOME"], !home.isEmpty { return (home as NSString).appendingPathComponent(".cache/adlaw") }
        return nil
    }

    /// The version string of this executable: adlaw's version, the executable's size and
    /// modification time.
    static func executableVersion() -> String {
        var version = Adlaw.version
        if let path = Bundle.main.executablePath,
           let attributes = try? FileManager.default.attributesOfItem(atPath: path) {
            let size = (attributes[.size] as? NSNumber)?.int64Value ?? 0
            let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            version += " \(size) \(Int64(modified * 1000))"
        }
        return version
    }

    /// The cache file for these patterns.
    func path(for patterns: [any CompiledRegex]) -> String {
        var key = Array(version.utf8) + [0]
        for source in Set(patterns.map(\.pattern)).sorted() { key += Array(source.utf8) + [0] }
        let hash = PrefilterCacheCodec.checksum(key[...])
        return (directory as NSString).appendingPathComponent("prefilter-\(String(hash, radix: 16)).bin")
    }

    /// Previously cached analyses for these patterns, or none (missing, damaged, foreign).
    func load(_ path: String) -> [String: LiteralRequirementResult] {
        guard let data = FileManager.default.contents(atPath: path) else { return [:] }
        return (try? PrefilterCacheCodec.decode([UInt8](data), version: version)) ?? [:]
    }

    /// The prefilter of `ruleSet`, with the analyses from the cache; when some had to be
    /// made, the cache file is (re)written.
    func prefilter(for ruleSet: RuleSet) -> Prefilter {
        let patterns = Prefilter.searchedPatterns(of: ruleSet)
        let file = path(for: patterns)
        let prefilter = Prefilter(patterns: patterns, known: load(file))
        if prefilter.newlyAnalysed > 0 { store(prefilter.analyses, at: file) }
        return prefilter
    }

    /// Cache files kept: each rebuilt adlaw and each set of rules writes its own, so the
    /// oldest beyond these are removed when a new one is written.
    static let keptFiles = 8

    func store(_ analyses: [String: LiteralRequirementResult], at file: String) {
        let bytes = PrefilterCacheCodec.encode(analyses, version: version)
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try AtomicFile.write(Data(bytes), to: file, overwrite: .always)
        } catch {
            // Best-effort: the next run analyses again.
            return
        }
        prune(keeping: file)
    }

    /// Removes the least recently written cache files beyond `keptFiles` (never `file`).
    func prune(keeping file: String) {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: directory) else { return }
        var others: [(path: String, written: Date)] = []
        for name in names where name.hasPrefix("prefilter-") && name.hasSuffix(".bin") {
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
