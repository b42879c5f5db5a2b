import CPCRE2
import LintCore

/// A compiled PCRE2 pattern, JIT-compiled as its `JITPolicy` says. The interpreted code is
/// read-only after compilation and the JIT-compiled copy is made once and then only read,
/// so one instance is shared by every thread; each thread brings its own `PCRE2Scratch`.
///
/// A pattern too large for one PCRE2 code is held in pieces (`PatternSplitter`): this
/// instance searches the first and `others` the rest, and a search keeps the match that
/// starts first, the earliest piece on a tie: what the one pattern would have found.
public final class PCRE2Regex: CompiledRegex, @unchecked Sendable {
    public let pattern: String
    public let isCaseInsensitive: Bool
    public let canMatchEmpty: Bool
    public let groupNames: [String: Int]
    public let captureCount: Int
    /// The compiled pattern, never JIT-compiled (a JIT compile must not race with matches).
    private let code: OpaquePointer
    /// Start positions searched before JIT-compiling; `nil`: never.
    private let jitAfterWork: Int?
    /// The JIT-compiled copy of `code`, published once (atomic; nil until then).
    private let jitSlot: UnsafeMutablePointer<UnsafeMutableRawPointer?>
    /// Set (atomic) by the one thread that makes the JIT-compiled copy.
    private let jitClaimed: UnsafeMutablePointer<Int32>
    /// Work of the interpreter so far, in start positions (atomic, relaxed).
    private let work: UnsafeMutablePointer<Int>
    /// Nanoseconds the interpreter may run the pattern before it is JIT-compiled; `nil`: no
    /// limit in time (`JITPolicy.lazy(timed:)`).
    private let jitAfterNanoseconds: Int?
    /// Nanoseconds the interpreter has run the pattern so far (atomic, relaxed).
    private let interpreted: UnsafeMutablePointer<Int>
    /// The pieces after the first of a split pattern (empty: one piece). Each is compiled
    /// from `pattern` cut by `PatternSplitter`, but its `pattern` is the whole source.
    let others: [PCRE2Regex]
    /// Bytes of compiled code (`PCRE2_INFO_SIZE`) of this piece.
    private let size: Int

    convenience init(pattern: String, caseInsensitive: Bool, jit: PCRE2Engine.JITPolicy) throws(RegexCompileError) {
        self.init(code: try Self.compileCode(pattern, caseInsensitive: caseInsensitive), pattern: pattern,
                  caseInsensitive: caseInsensitive, jit: jit)
    }

    /// PCRE2's code for `pattern`, which the caller owns.
    static func compileCode(_ pattern: String, caseInsensitive: Bool) throws(RegexCompileError) -> OpaquePointer {
        // USE_OFFSET_LIMIT lets a search stop at a last start offset (prefilter windows).
        // No PCRE2_MATCH_INVALID_UTF: with it, PCRE2 10.42's interpreter re-validates the
        // subject from the start offset to its end on every call, whatever the match options
        // say (70-75% of a check's cycles). Subjects are `UTF8Buffer`s, valid by construction,
        // so every search passes PCRE2_NO_UTF_CHECK instead.
        var options = UInt32(PCRE2_UTF) | UInt32(PCRE2_UCP) | UInt32(PCRE2_USE_OFFSET_LIMIT)
        if caseInsensitive { options |= UInt32(PCRE2_CASELESS) }
        var errorCode: Int32 = 0
        var errorOffset: Int = 0
        let bytes = Array(pattern.utf8)
        let compiled = bytes.withUnsafeBufferPointer { buffer in
            pcre2_compile_8(buffer.baseAddress, buffer.count, options, &errorCode, &errorOffset, nil)
        }
        guard let compiled else {
            // The offset is in bytes; report characters.
            let prefix = bytes.prefix(errorOffset)
            let characters = String(decoding: prefix, as: UTF8.self).unicodeScalars.count
            throw RegexCompileError(message: pcre2ErrorMessage(errorCode), patternOffset: characters,
                                    tooLarge: errorCode == PCRE2_ERROR_PATTERN_TOO_LARGE)
        }
        return compiled
    }

    /// Bytes of compiled code of `code` (`PCRE2_INFO_SIZE`).
    static func codeSize(_ code: OpaquePointer) -> Int {
        var size = 0
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_SIZE), &size)
        return size
    }

    /// A pattern from code PCRE2 compiled or deserialized (`PCRE2Engine.deserialize`), which
    /// the instance then owns and frees.
    init(code compiled: OpaquePointer, pattern: String, caseInsensitive: Bool, jit: PCRE2Engine.JITPolicy,
         others: [PCRE2Regex] = []) {
        self.pattern = pattern
        self.others = others
        isCaseInsensitive = caseInsensitive
        code = compiled
        jitSlot = .allocate(capacity: 1)
        jitSlot.initialize(to: nil)
        jitClaimed = .allocate(capacity: 1)
        jitClaimed.initialize(to: 0)
        work = .allocate(capacity: 1)
        work.initialize(to: 0)
        interpreted = .allocate(capacity: 1)
        interpreted.initialize(to: 0)
        var size = 0
        pcre2_pattern_info_8(compiled, UInt32(PCRE2_INFO_SIZE), &size)
        self.size = size
        switch jit {
        case .never:
            jitAfterWork = nil
            jitAfterNanoseconds = nil
        case .eager:
            jitAfterWork = 0
            jitAfterNanoseconds = nil
        case let .lazy(afterWork, timed):
            jitAfterWork = timed ? PCRE2Engine.JITPolicy.work(afterWork, size: size) : max(0, afterWork)
            jitAfterNanoseconds = timed ? PCRE2Engine.JITPolicy.compileNanoseconds(size: size) : nil
        }

        var minLength: UInt32 = 0
        pcre2_pattern_info_8(compiled, UInt32(PCRE2_INFO_MINLENGTH), &minLength)
        canMatchEmpty = minLength == 0 || others.contains { $0.canMatchEmpty }
        var captures: UInt32 = 0
        pcre2_pattern_info_8(compiled, UInt32(PCRE2_INFO_CAPTURECOUNT), &captures)
        captureCount = others.reduce(Int(captures)) { max($0, $1.captureCount) }
        // Every piece numbers groups as the whole pattern does; each names those it holds.
        var names = Self.readNameTable(compiled)
        for piece in others {
            names.merge(piece.groupNames) { min($0, $1) }
        }
        groupNames = names
        if jitAfterWork == 0 { compileJIT() }
    }

    deinit {
        if let jitted = jitSlot.pointee { pcre2_code_free_8(OpaquePointer(jitted)) }
        pcre2_code_free_8(code)
        jitSlot.deallocate()
        jitClaimed.deallocate()
        work.deallocate()
        interpreted.deallocate()
    }

    /// The interpreted code, for `PCRE2Engine.serialize`.
    var compiledCode: OpaquePointer { code }

    /// How many PCRE2 codes the pattern is held in (more than one when it was split).
    public var pieceCount: Int { 1 + others.count }

    /// Bytes of compiled code of each piece (`PCRE2_INFO_SIZE`), in search order; PCRE2
    /// refuses a piece over `PCRE2Engine.compiledSizeLimit`.
    public var compiledSizes: [Int] { [size] + others.map(\.size) }

    /// Whether the JIT-compiled copy is in use (it may fail to compile, e.g. without JIT
    /// support; the interpreter then goes on).
    public var isJITCompiled: Bool { adlaw_load_acquire(jitSlot) != nil }

    /// Makes and publishes the JIT-compiled copy, once: other callers go on with the
    /// interpreter (or the copy, once published) instead of waiting.
    private func compileJIT() {
        guard adlaw_claim_once(jitClaimed) == 1, let copy = pcre2_code_copy_8(code) else { return }
        guard pcre2_jit_compile_8(copy, UInt32(PCRE2_JIT_COMPLETE)) == 0 else {
            pcre2_code_free_8(copy)
            return
        }
        adlaw_store_release(jitSlot, UnsafeMutableRawPointer(copy))
    }

    /// The code to search with: the JIT-compiled copy once there is one; before that the
    /// interpreter, until the searches (this one included) reach `jitAfterWork`: their
    /// start positions plus `JITPolicy.searchCost` for each search.
    private func codeForSearch(positions: Int) -> OpaquePointer {
        if let jitted = adlaw_load_acquire(jitSlot) { return OpaquePointer(jitted) }
        guard let limit = jitAfterWork else { return code }
        if adlaw_add_relaxed(work, max(1, positions) + PCRE2Engine.JITPolicy.searchCost) >= limit {
            compileJIT()
            if let jitted = adlaw_load_acquire(jitSlot) { return OpaquePointer(jitted) }
        }
        return code
    }

    private static func readNameTable(_ code: OpaquePointer) -> [String: Int] {
        var count: UInt32 = 0, entrySize: UInt32 = 0
        var table: UnsafePointer<UInt8>?
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_NAMECOUNT), &count)
        guard count > 0 else { return [:] }
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_NAMEENTRYSIZE), &entrySize)
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_NAMETABLE), &table)
        guard let table else { return [:] }
        var names: [String: Int] = [:]
        for i in 0..<Int(count) {
            let entry = table + i * Int(entrySize)
            let number = Int(entry[0]) << 8 | Int(entry[1])
            var nameBytes: [UInt8] = []
            var j = 2
            while j < Int(entrySize), entry[j] != 0 { nameBytes.append(entry[j]); j += 1 }
            let name = String(decoding: nameBytes, as: UTF8.self)
            if names[name] == nil { names[name] = number }
        }
        return names
    }

    public func firstMatch(in buffer: UTF8Buffer, from start: Int, end: Int,
                           scratch: any RegexScratch) throws(RegexMatchError) -> RegexMatch? {
        try firstMatch(in: buffer, from: start, end: end, offsetLimit: nil, scratch: scratch)
    }

    /// The first match starting at or after `start` and at or before `maxStart`: the same
    /// match `firstMatch(in:from:end:scratch:)` finds when it starts there, but the search
    /// gives up past `maxStart` (PCRE2's offset limit; the prefilter verifies a window
    /// around a literal hit with it).
    public func firstMatch(in buffer: UTF8Buffer, from start: Int, end: Int, maxStart: Int,
                           scratch: any RegexScratch) throws(RegexMatchError) -> RegexMatch? {
        guard maxStart >= start else { return nil }
        return try firstMatch(in: buffer, from: start, end: end, offsetLimit: maxStart, scratch: scratch)
    }

    private func firstMatch(in buffer: UTF8Buffer, from start: Int, end: Int, offsetLimit: Int?,
                            scratch: any RegexScratch) throws(RegexMatchError) -> RegexMatch? {
        guard let scratch = scratch as? PCRE2Scratch else {
            throw .engine(code: 0, message: "scratch from another regex engine")
        }
        guard !others.isEmpty else {
            return try searchPiece(in: buffer, from: start, end: end, offsetLimit: offsetLimit, scratch: scratch)?.match
        }
        // A split pattern: the match that starts first wins, the earlier piece on a tie (the
        // pieces hold the branches in order), so a later piece need only look for a match
        // that starts before the best so far. Where a match starts is where PCRE2's search
        // started it (`pcre2_get_startchar`), which `\K` may put before the match's range.
        var best = try searchPiece(in: buffer, from: start, end: end, offsetLimit: offsetLimit, scratch: scratch)
        for piece in others {
            var limit = offsetLimit
            if let found = best {
                guard found.startedAt > start else { break }
                limit = min(offsetLimit ?? Int.max, found.startedAt - 1)
            }
            if let match = try piece.searchPiece(in: buffer, from: start, end: end, offsetLimit: limit, scratch: scratch) {
                best = match
            }
        }
        guard var match = best?.match else { return nil }
        while match.groups.count < captureCount + 1 { match.groups.append(nil) }
        return match
    }

    /// The first match of this piece alone.
    private func searchPiece(in buffer: UTF8Buffer, from start: Int, end: Int, offsetLimit: Int?,
                             scratch: PCRE2Scratch) throws(RegexMatchError) -> (match: RegexMatch, startedAt: Int)? {
        let subjectLength = min(max(end, 0), buffer.count)
        guard start <= subjectLength else { return nil }
        let matchData = scratch.matchData(pairs: captureCount + 1)
        // The buffer is valid UTF-8 by construction, so skip PCRE2's re-validation, which
        // would otherwise rescan the rest of the subject on every call.
        let options = UInt32(PCRE2_NO_UTF_CHECK)
        pcre2_set_offset_limit_8(scratch.matchContext, offsetLimit.map { $0 } ?? adlaw_pcre2_unset())
        let searched = codeForSearch(positions: min(offsetLimit ?? subjectLength, subjectLength) - start + 1)
        // The interpreter's searches are timed when the policy limits them in time.
        let timed = jitAfterNanoseconds != nil && searched == code
        let began = timed ? adlaw_monotonic_ns() : 0
        let rc = pcre2_match_8(searched, buffer.baseAddress, subjectLength, start, options,
                               matchData, scratch.matchContext)
        // One search counts for at most a quarter of the budget: the clock is wall time, and
        // a search preempted on a busy machine measured milliseconds, which JIT-compiled
        // patterns the interpreter runs in microseconds (`JITPolicy.lazy`).
        if timed, let budget = jitAfterNanoseconds,
           adlaw_add_relaxed(interpreted, min(adlaw_monotonic_ns() - began, budget / 4)) >= budget {
            compileJIT()
        }
        if rc == PCRE2_ERROR_NOMATCH { return nil }
        if rc < 0 {
            switch rc {
            case PCRE2_ERROR_MATCHLIMIT: throw .matchLimit
            case PCRE2_ERROR_JIT_STACKLIMIT: throw .resourceLimit("JIT stack")
            case PCRE2_ERROR_DEPTHLIMIT: throw .resourceLimit("recursion depth")
            case PCRE2_ERROR_HEAPLIMIT: throw .resourceLimit("backtracking heap")
            default: throw .engine(code: rc, message: pcre2ErrorMessage(rc))
            }
        }
        let ovector = pcre2_get_ovector_pointer_8(matchData)!
        let unset = adlaw_pcre2_unset()
        var groups: [Range<Int>?] = []
        groups.reserveCapacity(captureCount + 1)
        for i in 0...captureCount {
            let lo = ovector[2 * i], hi = ovector[2 * i + 1]
            groups.append(lo == unset || i >= Int(rc) && i > 0 && lo == unset ? nil : Int(lo)..<max(Int(lo), Int(hi)))
        }
        // \K can move the start after the end; keep the range well-formed.
        let whole = groups[0] ?? start..<start
        return (RegexMatch(range: whole, groups: groups), pcre2_get_startchar_8(matchData))
    }
}
