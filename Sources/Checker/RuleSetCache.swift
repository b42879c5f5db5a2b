import CLibCrypto
import Foundation
import LintCore
import PatternSearch
import PCRE2Matcher
import RuleCompiler

/// A compiled rule set and what the prefilter knows of its patterns: what a run needs
/// before it reads its first document.
public struct LoadedRules {
    public let ruleSet: RuleSet
    /// The literal analysis of each searched pattern, by the compiled pattern's identity
    /// (none when the rules were not cached: the prefilter then analyses them).
    let analyses: PatternAnalyses

    /// The prefilter's tables as the cache holds them, for the patterns it was written with.
    let ready: ReadyTables?

    init(ruleSet: RuleSet, analyses: [ObjectIdentifier: LiteralRequirementResult], ready: ReadyTables? = nil) {
        self.init(ruleSet: ruleSet, analyses: PatternAnalyses(analyses), ready: ready)
    }

    init(ruleSet: RuleSet, analyses: PatternAnalyses, ready: ReadyTables?) {
        self.ruleSet = ruleSet
        self.analyses = analyses
        self.ready = ready
    }

    /// The analysis the cache holds for `regex`, if any.
    func analysis(of regex: any CompiledRegex) -> LiteralRequirementResult? {
        analyses.analysis(of: regex)
    }

    /// The prefilter of `ruleSet` (the cached rules, or those a config leaves of them): with
    /// the cached tables when it searches the patterns they were built for, in the same
    /// order (the analyses are then not decoded unless the prefilter's targets are read);
    /// else built from the analyses.
    func prefilter(for ruleSet: RuleSet) -> Prefilter {
        if let ready, let prefilter = ready.prefilter(for: ruleSet, analyses: analyses) { return prefilter }
        return Prefilter(ruleSet: ruleSet, known: analysis(of:))
    }
}

/// The literal analyses of the cached patterns, by the compiled pattern's identity: given
/// (rules loaded from their files), or decoded from the cache file's analyses section the
/// first time one is asked for (by one thread; the others wait). A check with the stored
/// prefilter tables needs only whether each pattern has a required literal, which the
/// pattern table's flags say (`windowed`): decoding every analysis was 4% of the CPU time of
/// checking ten small files. The file's tag was checked when it was read, so the section is
/// what this adlaw wrote; should it still not decode, no pattern has a stored analysis
/// (a prefilter built from them analyses the patterns again: slower, the same findings).
final class PatternAnalyses: @unchecked Sendable {
    private let lock = NSLock()
    private var decoded: [ObjectIdentifier: LiteralRequirementResult]?
    /// The stored analyses section, the cached patterns in table order with their flags, and
    /// each pattern's index in the table.
    private let section: Data
    private let table: [any CompiledRegex]
    private let flags: [UInt8]
    private let tableIndex: [ObjectIdentifier: Int32]

    init(_ analyses: [ObjectIdentifier: LiteralRequirementResult]) {
        decoded = analyses
        section = Data()
        table = []
        flags = []
        tableIndex = [:]
    }

    init(section: Data, table: [any CompiledRegex], flags: [UInt8], tableIndex: [ObjectIdentifier: Int32]) {
        decoded = nil
        self.section = section
        self.table = table
        self.flags = flags
        self.tableIndex = tableIndex
    }

    /// Whether the analyses have been decoded (tests: a check leaves them alone).
    var isDecoded: Bool { lock.withLock { decoded != nil } }

    /// The analysis of `regex`, if one is known (decoding the section the first time).
    func analysis(of regex: any CompiledRegex) -> LiteralRequirementResult? {
        guard let id = Prefilter.identity(of: regex) else { return nil }
        return all[id]
    }

    /// Whether `regex` has a required literal, from the pattern table's flags without
    /// decoding an analysis; nil when it has no stored analysis.
    func windowed(_ regex: any CompiledRegex) -> Bool? {
        guard !table.isEmpty else { return analysis(of: regex).map { $0.requirement != nil } }
        guard let id = Prefilter.identity(of: regex), let i = tableIndex[id] else { return nil }
        let flag = flags[Int(i)]
        return flag & RuleSetCache.PatternEntry.analysed == 0 ? nil : flag & RuleSetCache.PatternEntry.noRequirement == 0
    }

    private var all: [ObjectIdentifier: LiteralRequirementResult] {
        lock.withLock {
            if let decoded { return decoded }
            var out: [ObjectIdentifier: LiteralRequirementResult] = [:]
            if let analyses = section.withUnsafeBytes({ RuleSetCache.PatternEntry.readAnalyses($0, flags: flags) }) {
                out.reserveCapacity(table.count)
                for (regex, analysis) in zip(table, analyses) {
                    if let analysis, let id = Prefilter.identity(of: regex), out[id] == nil { out[id] = analysis }
                }
            }
            decoded = out
            return out
        }
    }
}

/// The prefilter's tables in the rule-set cache and the patterns they were built for: the
/// pattern table's index of each target, in target order.
struct ReadyTables {
    let tables: Prefilter.Tables
    let order: [Int32]
    /// The pattern table's index of each compiled pattern read from the cache.
    let tableIndex: [ObjectIdentifier: Int32]

    /// The prefilter of `ruleSet` with these tables, or nil unless its searched patterns are,
    /// each first time it meets them, the table's patterns of `order` (and have analyses).
    /// The analyses are decoded only when the prefilter's targets are first read.
    func prefilter(for ruleSet: RuleSet, analyses: PatternAnalyses) -> Prefilter? {
        let patterns = Prefilter.searchedPatterns(of: ruleSet)
        guard Self.order(of: patterns, index: { Prefilter.identity(of: $0).flatMap { tableIndex[$0] } }) == order else { return nil }
        return Prefilter(patterns: patterns, windowed: analyses.windowed, analysis: { analyses.analysis(of: $0) }, tables: tables)
    }

    /// The index of each distinct pattern of `patterns` (by identity, as the prefilter makes
    /// its targets), in order of first use; nil when one has no index.
    static func order(of patterns: [any CompiledRegex], index: (any CompiledRegex) -> Int32?) -> [Int32]? {
        var seen = Set<ObjectIdentifier>(), out: [Int32] = []
        for regex in patterns {
            guard let id = Prefilter.identity(of: regex) else { continue }
            guard seen.insert(id).inserted else { continue }
            guard let i = index(regex) else { return nil }
            out.append(i)
        }
        return out
    }
}

/// The compiled rule set kept between runs, in one file, so a run does not read and compile
/// the YAML rule files again (about 0.1 s of Yams parsing and phrase-set expansion for the
/// shipped rules), nor analyse every pattern for the prefilter.
///
/// One file per set of rule folders: `rules-<hash>.cache` in the cache folder, the hash of
/// the folders' paths, the executable's version, the PCRE2 version and the day laws are
/// resolved for. The key is a SHA-256 over those and every file the loader reads (path and
/// bytes of each `laws.yaml`, law file, `sectors.yaml`, lexicon, rule file and `VERSION`,
/// folder by folder, in order); the file repeats the whole key, and `CacheFolder` ends it
/// with a MAC under this user's key, so a stale, damaged or forged file is never used:
/// the rules are loaded from YAML and the file written again. Only a rule set that loaded
/// without errors is written, so every error in the rule files is still reported, from the
/// files. Beside the key the file stores the rule files' `fingerprint` (their times, sizes
/// and inodes): a run whose files give it uses the file without reading them (hashing the
/// 481 shipped rule files was 2% of checking ten small files); else the key decides.
///
/// Layout: the magic `ADLAWRS` and a format byte, the version (u16 length + UTF-8), the
/// 32-byte key, the 32-byte fingerprint (zeros when the files were too recent to be known
/// by their times), a section count (u32) and each section's length (u32), then the sections:
/// 1. the pattern table's sources (`PatternEntry.table`, a byte layout of its own: decoding
///    it as JSON was a tenth of a small run): each distinct pattern once (source, case
///    folding) with a flag byte that says whether the prefilter has its literal analysis
///    and whether that found a required literal;
/// 2. the same patterns compiled, in PCRE2's own serialized form (`PCRE2Engine.serialize`);
/// 3. the prefilter's tables for the searched patterns (`Prefilter.Tables.encoded`), after
///    the pattern table's index of each target (u32 count, then u32 each), or nothing when
///    some searched pattern has no analysis: a run then builds the tables from the
///    analyses (as it does when a config leaves out rules, so that the targets differ);
/// 4. the rule set in `parts` JSON pieces (`JSONEncoder`, sorted keys, so the same rules give
///    the same bytes; the rules split evenly, the rest in the first), in
///    which every regex is an index into the table (`RegexEncodingContext`), decoded in
///    parallel, without the rules' examples;
/// 5. what a check never reads, each decoded only when first asked for: the pattern table's
///    literal analyses (`LiteralRequirementResult`, each distinct literal and second set
///    once; read when the stored prefilter tables do not fit the run's patterns, or a command
///    reads the prefilter's targets: `PatternAnalyses`), then in JSON each the examples of
///    every rule in rule order (`adlaw test`, `explain`, `rules check`), the law registry,
///    the lexicons and what every rule cites (`adlaw laws`). Decoding them with the rules
///    was 11% of the CPU time of checking ten small files, the analyses another 4%;
/// 6. each rule's rationale and references (`DeferredDetails`): one JSON document per rule,
///    decoded when a finding of that rule (or a command) first reads them.
/// Integers are little-endian. The header, the pattern table and the prefilter's tables are
/// written with the one `ByteWriter` of PatternSearch and read with its `ByteReader`; the
/// compiled patterns are PCRE2's serialization and the rest `JSONEncoder`'s.
///
/// The file is mapped, not read (`CacheFolder.read`), and decoded in place; the deferred
/// sections are copied out, so no mapping outlives the decoding.
///
/// Reading compiles no pattern: PCRE2 reads the compiled table back (a copy of each
/// pattern's code, where compiling them took a quarter of the decoding), which is safe only
/// because `CacheFolder` has checked the file's tag. No pattern text inside the rules is
/// decoded; the prefilter takes the stored tables, or the analyses as they are.
struct RuleSetCache {
    let folder: CacheFolder

    static let prefix = "rules-"
    static let suffix = ".cache"
    static let magic = Array("ADLAWRS".utf8) + [12]
    /// Files of the separate prefilter cache of earlier versions, removed when a rule set
    /// is written (their contents are in the rule-set file now).
    static let legacyPrefix = "prefilter-"
    static let legacySuffix = ".bin"
    static let keyLength = 32

    /// The rule set is written in `parts` JSON documents, decoded in parallel when read.
    static let parts = 2
    /// The sections before the rules: the pattern table's sources, the patterns compiled and
    /// the prefilter's tables.
    static let tableSections = 3
    /// After the rules, each decoded on first use: the pattern table's analyses, every
    /// rule's examples in rule order, the laws, the lexicons, the citations and each rule's
    /// rationale and references.
    static let deferredSections = 6

    /// One entry of the pattern table.
    ///
    /// The table is two sections. The sources (read by every run): the entry count (u32),
    /// then each entry's pattern (u32 length + UTF-8) and a flag byte (1 case-insensitive,
    /// 2 analysed, 4 no requirement, 8 the stripped view, 16 by branch). The analyses (read
    /// only when a run needs them, see `PatternAnalyses`): the literal pool (u32 count, then
    /// each distinct literal once: u32 length + bytes), the set pool (u32 count, then each
    /// distinct second set of a term once: u32 count, then u32 pool index each), the entry
    /// count again (u32), then for each analysed entry either why it has no requirement (u32
    /// length + UTF-8) or the literal count (u32) and each literal (u32 pool index, i32
    /// bound, -1 for none); by branch, then the term count (u32) and for each term its first
    /// literals (u32 count, then u32 index and i32 bound each) and its second set (u32 set
    /// index + 1, 0 for none, then an i32 bound for each literal).
    ///
    /// The shipped rules' 703 patterns require 20,489 distinct literals (most of them many
    /// times): each literal and each second set is read once and shared (as one array, so the
    /// prefilter finds a set it has seen without comparing its literals). Read as a literal
    /// each time, the table was 2.7 MB and reading it 5% of the CPU time of checking ten
    /// small files; with the stored prefilter tables a check reads only the sources.
    struct PatternEntry {
        var pattern: String
        var caseInsensitive: Bool
        var analysis: LiteralRequirementResult?

        /// The flag bits of an entry.
        static let caseInsensitiveFlag: UInt8 = 1, analysed: UInt8 = 2, noRequirement: UInt8 = 4, stripped: UInt8 = 8, byBranch: UInt8 = 16

        /// The flag byte of this entry.
        var flags: UInt8 {
            var flags: UInt8 = caseInsensitive ? Self.caseInsensitiveFlag : 0
            guard let analysis else { return flags }
            flags |= Self.analysed
            guard let requirement = analysis.requirement else { return flags | Self.noRequirement }
            if requirement.view == .stripped { flags |= Self.stripped }
            if !requirement.terms.isEmpty { flags |= Self.byBranch }
            return flags
        }

        /// The sources and analyses sections of `entries`.
        static func table(_ entries: [PatternEntry]) -> (sources: [UInt8], analyses: [UInt8]) {
            var pool: [[UInt8]] = [], poolIndex: [[UInt8]: Int] = [:]
            var sets: [[Int]] = [], setIndex: [[Int]: Int] = [:]
            func literal(_ bytes: [UInt8]) -> Int {
                if let known = poolIndex[bytes] { return known }
                pool.append(bytes)
                poolIndex[bytes] = pool.count - 1
                return pool.count - 1
            }
            func set(_ literals: [[UInt8]]) -> Int {
                let indices = literals.map(literal)
                if let known = setIndex[indices] { return known }
                sets.append(indices)
                setIndex[indices] = sets.count - 1
                return sets.count - 1
            }
            var sources = ByteWriter()
            sources.u32(entries.count)
            var body = ByteWriter()
            body.u32(entries.count)
            for entry in entries {
                sources.chunk(entry.pattern.utf8)
                sources.byte(entry.flags)
                guard let analysis = entry.analysis else { continue }
                guard let requirement = analysis.requirement else {
                    body.chunk((analysis.failure?.reason ?? "").utf8)
                    continue
                }
                body.u32(requirement.literals.count)
                for (bytes, maxBefore) in zip(requirement.literals, requirement.literalMaxBefore) {
                    body.u32(literal(bytes))
                    body.i32(Int32(clamping: maxBefore ?? -1))
                }
                guard !requirement.terms.isEmpty else { continue }
                body.u32(requirement.terms.count)
                for term in requirement.terms {
                    body.u32(term.first.count)
                    for (index, maxBefore) in zip(term.first, term.firstMaxBefore) {
                        body.u32(index)
                        body.i32(Int32(clamping: maxBefore ?? -1))
                    }
                    body.u32(term.second.isEmpty ? 0 : set(term.second) + 1)
                    for maxBefore in term.secondMaxBefore { body.i32(Int32(clamping: maxBefore ?? -1)) }
                }
            }
            var out = ByteWriter()
            out.u32(pool.count)
            for literal in pool { out.chunk(literal) }
            out.u32(sets.count)
            for set in sets {
                out.u32(set.count)
                for index in set { out.u32(index) }
            }
            out.raw(body.bytes)
            return (sources.bytes, out.bytes)
        }

        /// The entries of a table (tests, and a run that needs everything), or nil unless both
        /// sections are exactly `table`'s output, as `readSources` and `readAnalyses` check.
        static func read(sources: ArraySlice<UInt8>, analyses: ArraySlice<UInt8>) -> [PatternEntry]? {
            guard let list = sources.withUnsafeBytes({ readSources($0) }),
                  let results = analyses.withUnsafeBytes({ readAnalyses($0, flags: list.map { $0.flags }) }) else { return nil }
            return zip(list, results).map { PatternEntry(pattern: $0.pattern, caseInsensitive: $0.caseInsensitive, analysis: $1) }
        }

        /// The patterns of a sources section with their flag bytes, nil unless it is exactly
        /// `table`'s output (flags that a written entry can have).
        static func readSources(_ bytes: UnsafeRawBufferPointer) -> [(pattern: String, caseInsensitive: Bool, flags: UInt8)]? {
            var reader = ByteReader(bytes)
            guard let total = reader.count(itemsOf: 5) else { return nil }
            var out: [(pattern: String, caseInsensitive: Bool, flags: UInt8)] = []
            out.reserveCapacity(total)
            for _ in 0..<total {
                guard let pattern = reader.text(), let flags = reader.byte(), flags & ~31 == 0 else { return nil }
                if flags & analysed == 0 || flags & noRequirement != 0 {
                    // Not analysed, or without a requirement: no view, no branches.
                    guard flags & (stripped | byBranch) == 0, flags & noRequirement == 0 || flags & analysed != 0 else { return nil }
                } else if flags & byBranch != 0, flags & stripped != 0 {
                    return nil
                }
                out.append((pattern, flags & caseInsensitiveFlag != 0, flags))
            }
            return reader.atEnd ? out : nil
        }

        /// The analyses of an analyses section, one for each entry of `flags` (nil for one not
        /// analysed), or nil unless it is exactly `table`'s output for entries of these flags,
        /// with the checks `LiteralRequirementResult`'s decoder makes (literals non-empty,
        /// bounds of -1 or more) and every index in range.
        static func readAnalyses(_ bytes: UnsafeRawBufferPointer, flags entryFlags: [UInt8]) -> [LiteralRequirementResult?]? {
            var reader = ByteReader(bytes)
            func count() -> Int? { reader.u32() }
            /// A count of items of at least `size` bytes each that the rest can hold.
            func count(itemsOf size: Int) -> Int? { reader.count(itemsOf: size) }
            func bound() -> Int?? {
                guard let raw = reader.i32() else { return nil }
                let value = Int(raw)
                return value < -1 ? nil : .some(value < 0 ? nil : value)
            }
            guard let poolCount = count(itemsOf: 5) else { return nil }
            var pool: [[UInt8]] = []
            pool.reserveCapacity(poolCount)
            for _ in 0..<poolCount {
                guard let literal = reader.chunk(), !literal.isEmpty else { return nil }
                pool.append(Array(literal))
            }
            guard let setCount = count(itemsOf: 8) else { return nil }
            var sets: [[[UInt8]]] = []
            sets.reserveCapacity(setCount)
            for _ in 0..<setCount {
                guard let size = count(itemsOf: 4), size > 0 else { return nil }
                var set: [[UInt8]] = []
                set.reserveCapacity(size)
                for _ in 0..<size {
                    guard let index = count(), index < pool.count else { return nil }
                    set.append(pool[index])
                }
                sets.append(set)
            }
            guard count() == entryFlags.count else { return nil }
            var out: [LiteralRequirementResult?] = []
            out.reserveCapacity(entryFlags.count)
            for flags in entryFlags {
                guard flags & analysed != 0 else {
                    out.append(nil)
                    continue
                }
                if flags & noRequirement != 0 {
                    guard let reason = reader.text() else { return nil }
                    out.append(LiteralRequirementResult(requirement: nil, failure: LiteralAnalysisFailure(reason: reason)))
                    continue
                }
                guard let literalCount = count(itemsOf: 8), literalCount > 0 else { return nil }
                var literals: [[UInt8]] = [], bounds: [Int?] = []
                literals.reserveCapacity(literalCount)
                bounds.reserveCapacity(literalCount)
                for _ in 0..<literalCount {
                    guard let index = count(), index < pool.count, let maxBefore = bound() else { return nil }
                    literals.append(pool[index])
                    bounds.append(maxBefore)
                }
                var terms: [LiteralRequirement.Term] = []
                if flags & byBranch != 0 {
                    guard flags & stripped == 0, let termCount = count(itemsOf: 12), termCount > 0 else { return nil }
                    for _ in 0..<termCount {
                        var term = LiteralRequirement.Term(first: [], firstMaxBefore: [], second: [], secondMaxBefore: [])
                        guard let firstCount = count(itemsOf: 8), firstCount > 0 else { return nil }
                        for _ in 0..<firstCount {
                            guard let index = count(), index < literals.count, let maxBefore = bound() else { return nil }
                            term.first.append(index)
                            term.firstMaxBefore.append(maxBefore)
                        }
                        guard let set = count(), set <= sets.count else { return nil }
                        if set > 0 {
                            term.second = sets[set - 1]
                            term.secondMaxBefore.reserveCapacity(term.second.count)
                            for _ in term.second {
                                guard let maxBefore = bound() else { return nil }
                                term.secondMaxBefore.append(maxBefore)
                            }
                        }
                        terms.append(term)
                    }
                }
                // The weakest bound holds for the whole requirement (nil when any is unbounded).
                let worst = bounds.contains(nil) ? nil : bounds.compactMap { $0 }.max()
                let requirement = LiteralRequirement(literals: literals, maxBefore: worst, literalMaxBefore: bounds,
                                                     view: flags & stripped != 0 ? .stripped : .raw, terms: terms)
                out.append(LiteralRequirementResult(requirement: requirement, failure: nil))
            }
            return reader.atEnd ? out : nil
        }
    }

    /// The rule files of `folders` in the order the key reads them (each folder's
    /// `laws.yaml`, `sectors.yaml`, polarity, law files, lexicons, rules and `VERSION`), or
    /// nil when a folder cannot be read as a folder of rule files (the loader then reports why).
    static func ruleFiles(folders: [String]) -> [(folder: String, files: [String])]? {
        var out: [(folder: String, files: [String])] = []
        for path in folders {
            guard let contents = try? RuleSetLoader.scan(folder: path), contents.misplaced.isEmpty else { return nil }
            let version = (path as NSString).appendingPathComponent("VERSION")
            var files = [contents.laws, contents.sectors, contents.polarity].compactMap { $0 } + contents.lawFiles + contents.lexicons + contents.rules
            if FileManager.default.fileExists(atPath: version) { files.append(version) }
            out.append((path, files))
        }
        return out
    }

    /// SHA-256 over length-prefixed pieces.
    private final class Digest {
        private let context: OpaquePointer?
        init?() {
            context = EVP_MD_CTX_new()
            guard context != nil, EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1 else { return nil }
        }
        deinit { EVP_MD_CTX_free(context) }
        func feed(_ bytes: UnsafeRawBufferPointer) {
            var count = UInt64(bytes.count).littleEndian
            withUnsafeBytes(of: &count) { _ = EVP_DigestUpdate(context, $0.baseAddress, $0.count) }
            if bytes.count > 0 { _ = EVP_DigestUpdate(context, bytes.baseAddress, bytes.count) }
        }
        func feed(_ text: String) { Array(text.utf8).withUnsafeBytes { feed($0) } }
        func feed(_ numbers: [Int64]) { numbers.map(\.littleEndian).withUnsafeBytes { feed($0) } }
        func finish() -> [UInt8]? {
            var digest = [UInt8](repeating: 0, count: RuleSetCache.keyLength)
            var length: UInt32 = 0
            guard EVP_DigestFinal_ex(context, &digest, &length) == 1, length == RuleSetCache.keyLength else { return nil }
            return digest
        }
    }

    /// The parts of every key besides the rule files: this adlaw, PCRE2 and the day.
    private func feedCommon(_ digest: Digest, asOf: CalendarDate?) {
        digest.feed(folder.version)
        digest.feed(PCRE2Engine.libraryVersion)
        digest.feed(asOf.map { "\($0)" } ?? "latest")
    }

    /// The SHA-256 key of these folders' rule files, or nil when a folder cannot be read as
    /// a folder of rule files (the loader then reports why).
    func key(folders: [String], asOf: CalendarDate? = nil) -> [UInt8]? {
        Self.ruleFiles(folders: folders).flatMap { key(files: $0, asOf: asOf) }
    }

    /// The SHA-256 key of these rule files: their paths and bytes.
    func key(files: [(folder: String, files: [String])], asOf: CalendarDate?) -> [UInt8]? {
        guard let digest = Digest() else { return nil }
        feedCommon(digest, asOf: asOf)
        for (path, names) in files {
            digest.feed(path)
            for file in names {
                guard let bytes = FileManager.default.contents(atPath: file) else { return nil }
                digest.feed(file)
                bytes.withUnsafeBytes { digest.feed($0) }
            }
        }
        return digest.finish()
    }

    /// Files whose modification or status change is this recent (seconds) are not known by
    /// their times: a change within the same tick of a coarse clock would not show.
    static let settleSeconds: Int64 = 2

    /// A key of what the file system says of the rule files (the paths, and each file's
    /// device, inode, size, modification and status-change times, to the nanosecond), or
    /// `unsettled` when some file was modified or changed less than `settleSeconds` before
    /// `now` (or after it), or nil when one cannot be read. A run whose files give the
    /// fingerprint stored in the cache file uses it without reading the files; any other
    /// run compares the key of their bytes. A file changed after the fingerprint was taken
    /// has a later status-change time (which no one can set back), so it never gives the
    /// stored fingerprint again.
    func fingerprint(files: [(folder: String, files: [String])], asOf: CalendarDate?, now: timespec) -> [UInt8]? {
        guard let digest = Digest() else { return nil }
        feedCommon(digest, asOf: asOf)
        let newest = Int64(now.tv_sec) - Self.settleSeconds
        var settled = true
        for (path, names) in files {
            digest.feed(path)
            for file in names {
                var info = stat()
                guard stat(file, &info) == 0 else { return nil }
                digest.feed(file)
                let times = [Int64(info.st_mtim.tv_sec), Int64(info.st_mtim.tv_nsec), Int64(info.st_ctim.tv_sec), Int64(info.st_ctim.tv_nsec)]
                digest.feed([Int64(bitPattern: UInt64(info.st_dev)), Int64(bitPattern: UInt64(info.st_ino)), Int64(info.st_size)] + times)
                if times[0] >= newest || times[2] >= newest { settled = false }
            }
        }
        guard let value = digest.finish() else { return nil }
        return settled ? value : Self.unsettled
    }

    /// The fingerprint of files too recent to be known by their times: never accepted.
    static let unsettled = [UInt8](repeating: 0, count: keyLength)

    /// The name of the cache file of `folders`: this adlaw, PCRE2, the day and the folders'
    /// paths (not their contents: a changed rule set replaces its file).
    func location(folders: [String], asOf: CalendarDate?) -> UInt64? {
        guard let digest = Digest() else { return nil }
        feedCommon(digest, asOf: asOf)
        for path in folders { digest.feed(path) }
        return digest.finish().map(Self.nameHash)
    }

    /// The key and fingerprint a cache file's header holds, nil unless it starts as a file
    /// of this format and version does.
    func storedKeys(_ bytes: UnsafeRawBufferPointer) -> (key: [UInt8], fingerprint: [UInt8], fingerprintOffset: Int)? {
        var header = ByteReader(bytes)
        let version = Array(folder.version.utf8)
        guard let magic = header.take(Self.magic.count), magic.elementsEqual(Self.magic),
              header.u16() == version.count, let stored = header.take(version.count), stored.elementsEqual(version),
              let key = header.take(Self.keyLength) else { return nil }
        let offset = header.offset
        guard let fingerprint = header.take(Self.keyLength) else { return nil }
        return (Array(key), Array(fingerprint), offset)
    }

    static func now() -> timespec {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return now
    }

    /// The rule set of `folders` from the cache, else from `loadFiles` (whose result is
    /// then cached with its patterns' analyses). Errors are those of `loadFiles`: the cache
    /// itself never fails a run.
    ///
    /// The file is found by the folders' paths; it is used when the rule files give the
    /// fingerprint it stores (their times: no file is read), else when their bytes give the
    /// key it stores (and the fingerprint is then stored too, once the files are settled).
    func rules<Failure: Error>(folders: [String], asOf: CalendarDate? = nil, engine: PCRE2Engine,
                               loadFiles: () throws(Failure) -> RuleSet) throws(Failure) -> LoadedRules {
        guard let files = Self.ruleFiles(folders: folders), let name = location(folders: folders, asOf: asOf) else {
            return LoadedRules(ruleSet: try loadFiles(), analyses: [:])
        }
        // Taken before any file is read: a file changed later has a later change time.
        let fingerprint = self.fingerprint(files: files, asOf: asOf, now: Self.now()) ?? Self.unsettled
        let path = folder.path(prefix: Self.prefix, hash: name, suffix: Self.suffix)
        var key: [UInt8]?
        if let file = folder.read(path), let stored = storedKeys(file.bytes) {
            if fingerprint != Self.unsettled, stored.fingerprint == fingerprint,
               let cached = decode(file, key: stored.key, engine: engine) { return cached }
            key = self.key(files: files, asOf: asOf)
            if let key, stored.key == key, let cached = decode(file, key: key, engine: engine) {
                if fingerprint != Self.unsettled {
                    // Settled since the file was written: store the fingerprint, so the next
                    // run need not read the rule files.
                    var bytes = Array(file.bytes)
                    bytes.replaceSubrange(stored.fingerprintOffset..<(stored.fingerprintOffset + Self.keyLength), with: fingerprint)
                    folder.write(bytes, to: path, prefix: Self.prefix, suffix: Self.suffix)
                }
                return cached
            }
        }
        guard let key = key ?? self.key(files: files, asOf: asOf) else { return LoadedRules(ruleSet: try loadFiles(), analyses: [:]) }
        let ruleSet = try loadFiles()
        let prefilter = Prefilter(ruleSet: ruleSet)
        var analyses: [ObjectIdentifier: LiteralRequirementResult] = [:]
        for target in prefilter.targets {
            if let id = Prefilter.identity(of: target.regex) {
                analyses[id] = LiteralRequirementResult(requirement: target.requirement, failure: target.failure)
            }
        }
        let loaded = LoadedRules(ruleSet: ruleSet, analyses: analyses)
        if let bytes = encode(loaded, key: key, fingerprint: fingerprint) {
            folder.write(bytes, to: path, prefix: Self.prefix, suffix: Self.suffix)
            folder.removeAll(prefix: Self.legacyPrefix, suffix: Self.legacySuffix)
        }
        return loaded
    }

    func encode(_ loaded: LoadedRules, key: [UInt8], fingerprint: [UInt8] = RuleSetCache.unsettled) -> [UInt8]? {
        let ruleSet = loaded.ruleSet
        let encoder = JSONEncoder()
        // The same rule set always gives the same bytes (dictionaries are unordered).
        encoder.outputFormatting = [.sortedKeys]
        let table = RegexEncodingContext()
        encoder.userInfo = table.userInfo
        if let apart = RuleSet.partsApartKey { encoder.userInfo[apart] = true }
        var sections: [Data] = []
        let share = (ruleSet.rules.count + Self.parts - 1) / Self.parts
        for part in 0..<Self.parts {
            var piece = part == 0 ? ruleSet : RuleSet(rules: [], sectors: .empty, laws: [], lexicons: [:], roots: [])
            piece.rules = Array(ruleSet.rules.dropFirst(part * share).prefix(share))
            guard let json = try? encoder.encode(piece) else { return nil }
            sections.append(json)
        }
        // By source too: the table keeps the first of equal patterns, which need not be the
        // one the prefilter was given.
        var bySource: [String: LiteralRequirementResult] = [:]
        for regex in Prefilter.searchedPatterns(of: ruleSet) {
            if bySource[regex.pattern] == nil, let analysis = loaded.analysis(of: regex) { bySource[regex.pattern] = analysis }
        }
        let entries = table.patterns.map {
            PatternEntry(pattern: $0.pattern, caseInsensitive: $0.isCaseInsensitive, analysis: bySource[$0.pattern])
        }
        let patterns = PatternEntry.table(entries)
        guard let compiled = PCRE2Engine.serialize(table.patterns) else { return nil }
        sections.insert(contentsOf: [Data(patterns.sources), Data(compiled), Data(Self.readyTables(of: ruleSet, table: table.patterns, bySource: bySource))],
                        at: 0)
        let exampleEncoder = JSONEncoder()
        exampleEncoder.outputFormatting = [.sortedKeys]
        guard let examples = try? exampleEncoder.encode(ruleSet.rules.map(\.examples)),
              let laws = try? exampleEncoder.encode(ruleSet.laws),
              let lexicons = try? exampleEncoder.encode(ruleSet.lexicons),
              let citations = try? exampleEncoder.encode(RuleSet.Citations(byRule: ruleSet.citations)) else { return nil }
        var details = ByteWriter()
        details.u32(ruleSet.rules.count)
        for rule in ruleSet.rules {
            guard let json = try? exampleEncoder.encode(RuleDetails(rationale: rule.rationale, references: rule.references)) else { return nil }
            details.chunk(json)
        }
        sections += [Data(patterns.analyses), examples, laws, lexicons, citations, Data(details.bytes)]

        var out = ByteWriter()
        out.raw(Self.magic)
        let version = Array(folder.version.utf8)
        guard version.count <= Int(UInt16.max) else { return nil }
        out.u16(version.count)
        out.raw(version)
        out.raw(key)
        guard fingerprint.count == Self.keyLength else { return nil }
        out.raw(fingerprint)
        out.u32(sections.count)
        for section in sections {
            guard section.count <= Int(UInt32.max) else { return nil }
            out.u32(section.count)
        }
        for section in sections { out.raw(section) }
        return out.bytes
    }

    /// The prefilter tables section: the tables of the searched patterns of `ruleSet` as a run
    /// reading the file will meet them (equal patterns are one compiled pattern then, so the
    /// targets are the table's distinct patterns in order of first use), built with the
    /// analyses the pattern table keeps; empty when some pattern has none.
    static func readyTables(of ruleSet: RuleSet, table: [any CompiledRegex], bySource: [String: LiteralRequirementResult]) -> [UInt8] {
        struct Key: Hashable { var pattern: String, caseInsensitive: Bool }
        var index: [Key: Int32] = [:]
        for (i, regex) in table.enumerated() where index[Key(pattern: regex.pattern, caseInsensitive: regex.isCaseInsensitive)] == nil {
            index[Key(pattern: regex.pattern, caseInsensitive: regex.isCaseInsensitive)] = Int32(i)
        }
        // Distinct by source and case folding here, as the decoded table makes them.
        var seen = Set<Int32>(), order: [Int32] = []
        for regex in Prefilter.searchedPatterns(of: ruleSet) where Prefilter.identity(of: regex) != nil {
            guard let i = index[Key(pattern: regex.pattern, caseInsensitive: regex.isCaseInsensitive)] else { return [] }
            if seen.insert(i).inserted { order.append(i) }
        }
        guard order.allSatisfy({ bySource[table[Int($0)].pattern] != nil }) else { return [] }
        let prefilter = Prefilter(patterns: order.map { table[Int($0)] }, known: { bySource[$0.pattern] })
        var out = ByteWriter()
        out.u32(order.count)
        for i in order { out.u32(Int(i)) }
        out.raw(prefilter.tables.encoded)
        return out.bytes
    }

    /// The tables of a prefilter tables section (see `readyTables`), or nil when it is empty.
    static func readReadyTables(_ bytes: UnsafeRawBufferPointer, table: [any CompiledRegex], tableIndex: [ObjectIdentifier: Int32]) -> ReadyTables?? {
        guard !bytes.isEmpty else { return .some(nil) }
        var reader = ByteReader(bytes)
        guard let count = reader.count(itemsOf: 4) else { return nil }
        var order: [Int32] = []
        order.reserveCapacity(count)
        for _ in 0..<count {
            guard let i = reader.u32(), i < table.count else { return nil }
            order.append(Int32(i))
        }
        guard let rest = reader.take(reader.remaining), let tables = Prefilter.Tables(decoding: rest) else { return nil }
        return .some(ReadyTables(tables: tables, order: order, tableIndex: tableIndex))
    }

    /// The pattern table's index of each compiled pattern read from the cache (the first of
    /// equal ones).
    static func tableIndex(of table: [any CompiledRegex]) -> [ObjectIdentifier: Int32] {
        var tableIndex: [ObjectIdentifier: Int32] = [:]
        tableIndex.reserveCapacity(table.count)
        for (i, regex) in table.enumerated() {
            if let id = Prefilter.identity(of: regex), tableIndex[id] == nil { tableIndex[id] = Int32(i) }
        }
        return tableIndex
    }

    /// The rules in `bytes`, or nil unless they are a whole file of this version and key
    /// whose patterns all compile.
    func decode(_ bytes: [UInt8], key: [UInt8], engine: PCRE2Engine) -> LoadedRules? {
        decode(CacheFileBytes(copying: bytes), key: key, engine: engine)
    }

    /// The rules in `bytes` (a slice at any start), as `decode` above.
    func decode(_ bytes: ArraySlice<UInt8>, key: [UInt8], engine: PCRE2Engine) -> LoadedRules? {
        decode(CacheFileBytes(copying: bytes), key: key, engine: engine)
    }

    /// The rules in `file` (the mapped cache file without its tag), as `decode` above. Read
    /// in place; nothing decoded keeps a pointer into it (the sections decoded on first use
    /// are copied).
    func decode(_ file: CacheFileBytes, key: [UInt8], engine: PCRE2Engine) -> LoadedRules? {
        let bytes = file.bytes
        let count = Self.tableSections + Self.parts + Self.deferredSections
        guard let stored = storedKeys(bytes), stored.key == key else { return nil }
        var header = ByteReader(bytes)
        guard header.take(stored.fingerprintOffset + Self.keyLength) != nil, header.u32() == count else { return nil }
        var lengths: [Int] = []
        for _ in 0..<count {
            guard let length = header.u32() else { return nil }
            lengths.append(length)
        }
        var sections: [UnsafeRawBufferPointer] = []
        for length in lengths {
            guard let section = header.take(length) else { return nil }
            sections.append(section)
        }
        guard header.atEnd else { return nil }

        guard let entries = PatternEntry.readSources(sections[0]),
              let table = engine.deserialize(sections[1], sources: entries.map { ($0.pattern, $0.caseInsensitive) })
        else { return nil }
        let tableIndex = Self.tableIndex(of: table)
        guard let ready = Self.readReadyTables(sections[2], table: table, tableIndex: tableIndex) else { return nil }
        // Not copied: `file` is held until they are decoded.
        let pieces = sections.dropFirst(Self.tableSections).prefix(Self.parts).map { Self.data($0) }
        let decoded = withExtendedLifetime(file) {
            OrderedParallelMap.map(pieces, width: Self.parts, makeState: {}) { piece, _ -> RuleSet? in
                let decoder = JSONDecoder()
                decoder.userInfo = RegexDecodingContext(table: table).userInfo
                if let apart = RuleSet.partsApartKey { decoder.userInfo[apart] = true }
                return try? decoder.decode(RuleSet.self, from: piece)
            }
        }
        guard decoded.count == Self.parts, var ruleSet = decoded[0] else { return nil }
        for piece in decoded.dropFirst() {
            guard let piece else { return nil }
            ruleSet.rules += piece.rules
        }
        // Copied out (2.8 MB of the 10), so the mapping is gone when this returns: a file
        // truncated in place while mapped would kill a run that touched it (SIGBUS).
        let deferred = sections.suffix(Self.deferredSections).map { Data($0) }
        let ruleCount = ruleSet.rules.count
        let analyses = PatternAnalyses(section: deferred[0], table: table, flags: entries.map { $0.flags }, tableIndex: tableIndex)
        let examples = DeferredJSON<[[RuleExample]], [[RuleExample]]>(json: deferred[1], fallback: []) { $0.count == ruleCount ? $0 : nil }
        guard let details = DeferredDetails(section: deferred[5], count: ruleCount) else { return nil }
        ruleSet.rules = ruleSet.rules.enumerated().map { index, rule in
            rule.withExamples(CachedExamples(table: examples, index: index)).withDetails(CachedDetails(table: details, index: index))
        }
        ruleSet.lawsPart = DeferredJSON<[LawEntry], [LawEntry]>(json: deferred[2], fallback: []) { $0 }
        ruleSet.lexiconsPart = DeferredJSON<[String: LexiconInfo], [String: LexiconInfo]>(json: deferred[3], fallback: [:]) { $0 }
        ruleSet.citationsPart = DeferredJSON<RuleSet.Citations, [RuleID: [CitedProvisions]]>(json: deferred[4], fallback: [:]) { $0.byRule }
        return LoadedRules(ruleSet: ruleSet, analyses: analyses, ready: ready)
    }

    /// `section` of the file as `Data` without a copy, for as long as the caller holds the
    /// file.
    static func data(_ section: UnsafeRawBufferPointer) -> Data {
        guard let base = section.baseAddress, !section.isEmpty else { return Data() }
        return Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: section.count, deallocator: .none)
    }

    /// The first 8 bytes of `key` as a little-endian number (the file's name).
    static func nameHash(_ key: [UInt8]) -> UInt64 {
        var value: UInt64 = 0
        for (index, byte) in key.prefix(8).enumerated() { value |= UInt64(byte) << UInt64(8 * index) }
        return value
    }
}

/// A section of a cached rule set decoded the first time it is read (by one thread; the
/// others wait for it), as `Stored` and then `convert`ed. The file's tag was checked when
/// it was read, so the section is what this adlaw wrote; should it still not decode, the
/// value is `fallback` (no examples, no laws), which `adlaw rules check` reports, rather
/// than a check failing.
final class DeferredJSON<Stored: Decodable, Value: Sendable>: DeferredPart, @unchecked Sendable {
    private let json: Data
    private let fallback: Value
    private let convert: @Sendable (Stored) -> Value?
    private let lock = NSLock()
    private var decoded: Value?

    init(json: Data, fallback: Value, convert: @escaping @Sendable (Stored) -> Value?) {
        self.json = json
        self.fallback = fallback
        self.convert = convert
    }

    /// Whether the section has been decoded (tests: a check leaves it alone).
    var isDecoded: Bool { lock.withLock { decoded != nil } }

    var value: Value {
        lock.withLock {
            if let decoded { return decoded }
            let value = (try? JSONDecoder().decode(Stored.self, from: json)).flatMap(convert) ?? fallback
            decoded = value
            return value
        }
    }
}

/// Each rule's rationale and references in the cached rule set (a count, then one JSON
/// document per rule in rule order, written with `ByteWriter.chunk`), each decoded the
/// first time that rule's are read: a check decodes only those of the rules it reports.
/// Should one still not decode (the file's tag was checked), it is empty, as
/// `DeferredJSON`'s fallback is.
final class DeferredDetails: @unchecked Sendable {
    private let section: Data
    private let ranges: [Range<Int>]
    private let lock = NSLock()
    private var decoded: [RuleDetails?]

    /// The table of `section`, nil unless it holds exactly `count` documents.
    init?(section: Data, count: Int) {
        let ranges = section.withUnsafeBytes { bytes -> [Range<Int>]? in
            var reader = ByteReader(bytes)
            guard reader.count(itemsOf: 4) == count else { return nil }
            var ranges: [Range<Int>] = []
            ranges.reserveCapacity(count)
            for _ in 0..<count {
                guard let length = reader.u32() else { return nil }
                let start = reader.offset
                guard reader.take(length) != nil else { return nil }
                ranges.append(start..<(start + length))
            }
            return reader.atEnd ? ranges : nil
        }
        guard let ranges else { return nil }
        self.section = section
        self.ranges = ranges
        decoded = Array(repeating: nil, count: count)
    }

    /// Whether rule `index`'s have been decoded (tests: a check leaves the others alone).
    func isDecoded(_ index: Int) -> Bool { lock.withLock { decoded[index] != nil } }

    func details(at index: Int) -> RuleDetails {
        lock.withLock {
            if let known = decoded[index] { return known }
            let range = ranges[index]
            let json = section[(section.startIndex + range.lowerBound)..<(section.startIndex + range.upperBound)]
            let value = (try? JSONDecoder().decode(RuleDetails.self, from: json)) ?? RuleDetails(rationale: "", references: [])
            decoded[index] = value
            return value
        }
    }
}

/// One rule's rationale and references in the cached rule set's details section.
struct CachedDetails: RuleDetailsSource {
    let table: DeferredDetails
    let index: Int

    var details: RuleDetails { table.details(at: index) }
}

/// One rule's examples in the cached rule set's examples section.
struct CachedExamples: ExampleSource {
    let table: DeferredJSON<[[RuleExample]], [[RuleExample]]>
    let index: Int

    var examples: [RuleExample] {
        let all = table.value
        return all.indices.contains(index) ? all[index] : []
    }
}
