import Foundation
import LintCore
import Linting

/// The prefilter's literal analyses kept between runs, so a run does not analyse every
/// pattern of the rule set again (the costliest part of start-up).
///
/// One file per set of searched patterns: `prefilter-<hash>.bin` in the cache folder, the
/// hash taken over the patterns' PCRE2 sources (which the rule files, lexicons and sector
/// signals determine) and the executable's version. Entries are looked up by exact pattern
/// source and the file is checksummed (`PrefilterCacheCodec`), so a stale, damaged or
/// foreign file only costs the analysis it would have saved: it is ignored and written
/// again (see `CacheFolder`).
struct PrefilterCache {
    let folder: CacheFolder

    static let prefix = "prefilter-"
    static let suffix = ".bin"

    /// The cache file for these patterns.
    func path(for patterns: [any CompiledRegex]) -> String {
        var key = Array(folder.version.utf8) + [0]
        for source in Set(patterns.map(\.pattern)).sorted() { key += Array(source.utf8) + [0] }
        return folder.path(prefix: Self.prefix, hash: PrefilterCacheCodec.checksum(key[...]), suffix: Self.suffix)
    }

    /// Previously cached analyses for these patterns, or none (missing, damaged, foreign).
    func load(_ path: String) -> [String: LiteralRequirementResult] {
        guard let bytes = folder.read(path) else { return [:] }
        return (try? PrefilterCacheCodec.decode(bytes, version: folder.version)) ?? [:]
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

    func store(_ analyses: [String: LiteralRequirementResult], at file: String) {
        folder.write(PrefilterCacheCodec.encode(analyses, version: folder.version), to: file,
                     prefix: Self.prefix, suffix: Self.suffix)
    }
}
