import CPCRE2
import LintCore

/// PCRE2 behind the `RegexEngine` protocol: UTF + UCP, JIT-compiled (see `JITPolicy`), invalid UTF-8 never
/// matches, and every match bounded by a match limit and a JIT stack.
public struct PCRE2Engine: RegexEngine {
    /// Limits that keep a catastrophic pattern from hanging the run.
    public struct Limits: Sendable, Hashable {
        /// Backtracking steps per match attempt (`pcre2_set_match_limit`).
        public var matchLimit: UInt32
        /// Interpreter recursion depth, used when the JIT is unavailable.
        public var depthLimit: UInt32
        /// Heap for backtracking, in KiB (interpreter only).
        public var heapLimitKiB: UInt32
        /// Maximum JIT stack size in bytes (one stack per scratch, i.e. per thread).
        public var jitStackMax: Int

        public init(matchLimit: UInt32 = 2_000_000, depthLimit: UInt32 = 10_000,
                    heapLimitKiB: UInt32 = 64 * 1024, jitStackMax: Int = 1 << 20) {
            self.matchLimit = matchLimit
            self.depthLimit = depthLimit
            self.heapLimitKiB = heapLimitKiB
            self.jitStackMax = jitStackMax
        }
    }

    /// When patterns are JIT-compiled.
    public enum JITPolicy: Sendable, Hashable {
        /// The interpreter only (to test it).
        case never
        /// Every pattern as soon as it is compiled.
        case eager
        /// A pattern is interpreted until its searches have done `afterWork` in all (start
        /// positions, plus `searchCost` for each search), then JIT-compiled once for every
        /// thread. The JIT is about 14x
        /// faster but costs about 130 µs per pattern to compile (45 ms for the shipped rule
        /// set, a third of a small run's start-up), and most patterns search little or
        /// nothing in a small run, where the prefilter finds none of their literals.
        ///
        /// `timed`: also JIT-compiled once the interpreter has run the pattern for about as
        /// long as compiling it takes (`compileNanoseconds`), however little work that was.
        /// Start positions do not say what a search costs: the symptom-and-outcome patterns
        /// of 40-60 KB took 100-250 µs a search in the interpreter, 20 ms of the CPU time of
        /// checking ten small files, where JIT-compiling one takes about 1.5 ms. The clock is
        /// wall time (reading a thread's CPU time is a system call), so one search counts for
        /// at most a quarter of the budget: on a machine with more runnable threads than
        /// cores, a search that lost its core for a time slice measured milliseconds and
        /// JIT-compiled a pattern the interpreter runs in microseconds. Timed, the work
        /// budget also grows with the compile cost (`work`).
        case lazy(afterWork: Int, timed: Bool = false)

        /// About how long PCRE2 takes to JIT-compile a pattern of `size` bytes of compiled
        /// code (measured on the shipped rules: 60-140 µs for 300-800 bytes, 1.2-1.9 ms for
        /// 27-62 KB).
        public static func compileNanoseconds(size: Int) -> Int { 50_000 + 25 * size }

        /// Work a pattern is interpreted for before it is JIT-compiled: about what the
        /// interpreter does in the time the JIT takes to compile a pattern (of up to
        /// `workSize` bytes, see `work`).
        public static let defaultWork = 8_192

        /// The compiled size `afterWork` is meant for when the policy is `timed`.
        public static let workSize = 1_024

        /// The work a pattern of `size` bytes of compiled code is interpreted for before it
        /// is JIT-compiled under `.lazy(afterWork:timed: true)`: `afterWork` times what
        /// compiling it costs against a pattern of `workSize` bytes, never less. A fixed
        /// budget JIT-compiled the large alternations after about 30 short searches, 0.3-0.7
        /// ms of interpreting, at 1.5-4 ms each: on ten small files they cost 16-21 ms of
        /// compiling, about half of it for patterns searched a few times more or never
        /// again. Timed, a pattern that keeps the interpreter busy is still JIT-compiled
        /// once it has run about as long as compiling it takes.
        public static func work(_ afterWork: Int, size: Int) -> Int {
            let work = max(0, afterWork)
            let scale = Double(compileNanoseconds(size: size)) / Double(compileNanoseconds(size: workSize))
            guard scale > 1 else { return work }
            return Int(min(Double(work) * scale, Double(Int.max / 2)))
        }

        /// The work of one search besides its start positions: the interpreter's fixed cost
        /// per call, which dominates the prefilter's many short window searches (counting
        /// positions alone left such patterns interpreted and cost 10% on large inputs).
        public static let searchCost = 256
    }

    public let limits: Limits
    public let jit: JITPolicy
    /// A pattern whose compiled code is larger than this many bytes is split into pieces
    /// of at most this size where it can be (`PatternSplitter`); one that PCRE2 refuses as
    /// too large must be split. `Int.max`: never split (only for tests).
    public let splitAbove: Int

    /// PCRE2's limit on one pattern's compiled code, in bytes (the default link size of 2).
    public static let compiledSizeLimit = 65_536

    /// The default `splitAbove`: 80% of the limit, so that a list can grow a little
    /// without its pattern changing shape at the limit itself.
    public static let defaultSplitAbove = compiledSizeLimit * 4 / 5

    public init(limits: Limits = Limits(), jit: JITPolicy = .lazy(afterWork: JITPolicy.defaultWork, timed: true),
                splitAbove: Int = PCRE2Engine.defaultSplitAbove) {
        self.limits = limits
        self.jit = jit
        self.splitAbove = max(1, splitAbove)
    }

    public func compile(_ pattern: String, caseInsensitive: Bool) throws(RegexCompileError) -> any CompiledRegex {
        let code: OpaquePointer
        do {
            code = try PCRE2Regex.compileCode(pattern, caseInsensitive: caseInsensitive)
        } catch {
            guard error.tooLarge else { throw error }
            return try split(pattern, caseInsensitive: caseInsensitive, tooLarge: error)
        }
        guard PCRE2Regex.codeSize(code) > splitAbove else {
            return PCRE2Regex(code: code, pattern: pattern, caseInsensitive: caseInsensitive, jit: jit)
        }
        // It compiles but is large: split it if it can be, else keep it whole.
        if let pieces = try? split(pattern, caseInsensitive: caseInsensitive, tooLarge: nil) {
            pcre2_code_free_8(code)
            return pieces
        }
        return PCRE2Regex(code: code, pattern: pattern, caseInsensitive: caseInsensitive, jit: jit)
    }

    /// `pattern` in pieces of at most `splitAbove` bytes each where it can be cut so (a
    /// piece that cannot be cut further may be larger, up to PCRE2's limit). Throws the
    /// size error, with the reason, when it cannot be split.
    private func split(_ pattern: String, caseInsensitive: Bool,
                       tooLarge: RegexCompileError?) throws(RegexCompileError) -> PCRE2Regex {
        var codes: [String: OpaquePointer] = [:]
        var failure: RegexCompileError?
        defer { for code in codes.values { pcre2_code_free_8(code) } }
        let texts: [String]
        do throws(PatternSplitter.Refusal) {
            texts = try PatternSplitter.pieces(of: pattern) { text -> Bool? in
                if let code = codes[text] { return PCRE2Regex.codeSize(code) <= splitAbove }
                do throws(RegexCompileError) {
                    let code = try PCRE2Regex.compileCode(text, caseInsensitive: caseInsensitive)
                    codes[text] = code
                    return PCRE2Regex.codeSize(code) <= splitAbove
                } catch {
                    if !error.tooLarge, failure == nil { failure = error }
                    return nil
                }
            }
        } catch {
            throw Self.notSplit(pattern, reason: error.reason, tooLarge: tooLarge)
        }
        if let failure { throw Self.notSplit(pattern, reason: "a piece does not compile: \(failure.message)", tooLarge: tooLarge) }
        var pieces: [OpaquePointer] = []
        for text in texts {
            if let code = codes.removeValue(forKey: text) {
                pieces.append(code)
                continue
            }
            do {
                pieces.append(try PCRE2Regex.compileCode(text, caseInsensitive: caseInsensitive))
            } catch {
                for code in pieces { pcre2_code_free_8(code) }
                throw Self.notSplit(pattern, reason: "a piece does not compile: \(error.message)", tooLarge: tooLarge)
            }
        }
        return Self.regex(pieces: pieces, pattern: pattern, caseInsensitive: caseInsensitive, jit: jit)
    }

    /// One regex searching `pieces` (owned from now on) in order.
    static func regex(pieces: [OpaquePointer], pattern: String, caseInsensitive: Bool, jit: JITPolicy) -> PCRE2Regex {
        let others = pieces.dropFirst().map {
            PCRE2Regex(code: $0, pattern: pattern, caseInsensitive: caseInsensitive, jit: jit)
        }
        return PCRE2Regex(code: pieces[0], pattern: pattern, caseInsensitive: caseInsensitive, jit: jit, others: others)
    }

    /// Why `pattern` cannot be split into pieces (`PatternSplitter`), or nil when it can.
    public static func splitRefusal(of pattern: String) -> String? {
        do throws(PatternSplitter.Refusal) {
            _ = try PatternSplitter(pattern).site()
            return nil
        } catch {
            return error.reason
        }
    }

    /// Put in a size error's message before the reason the pattern could not be split.
    public static let notSplitMarker = "; it cannot be split into several: "

    private static func notSplit(_ pattern: String, reason: String, tooLarge: RegexCompileError?) -> RegexCompileError {
        var error = tooLarge ?? RegexCompileError(message: "regular expression is too large", patternOffset: 0, tooLarge: true)
        error.message += notSplitMarker + reason
        return error
    }

    public func makeScratch() -> any RegexScratch { PCRE2Scratch(limits: limits) }

    /// `regexes` (compiled by this engine) in PCRE2's own serialized form
    /// (`pcre2_serialize_encode`), for a cache to read back with `deserialize` instead of
    /// compiling every pattern again. Nil when one is not a PCRE2 pattern or PCRE2 refuses.
    /// The bytes hold compiled code as it is in memory: only the same PCRE2 build may read
    /// them, and only from a file that is authenticated (the rule-set cache's tag), since
    /// PCRE2 does not check the code it reads back.
    public static func serialize(_ regexes: [any CompiledRegex]) -> [UInt8]? {
        var codes: [OpaquePointer?] = []
        codes.reserveCapacity(regexes.count)
        // A split pattern is written as a header code (`SplitHeader`) and its pieces.
        var headers: [OpaquePointer] = []
        defer { for header in headers { pcre2_code_free_8(header) } }
        for regex in regexes {
            guard let regex = regex as? PCRE2Regex else { return nil }
            if !regex.others.isEmpty {
                guard let header = SplitHeader.make(pieces: regex.pieceCount) else { return nil }
                headers.append(header)
                codes.append(header)
            }
            codes.append(regex.compiledCode)
            for piece in regex.others { codes.append(piece.compiledCode) }
        }
        guard !codes.isEmpty, codes.count <= Int(Int32.max) else { return nil }
        var bytes: UnsafeMutablePointer<UInt8>?
        var size: Int = 0
        let count = codes.withUnsafeMutableBufferPointer { buffer in
            pcre2_serialize_encode_8(buffer.baseAddress, Int32(buffer.count), &bytes, &size, nil)
        }
        guard count == Int32(codes.count), let bytes else { return nil }
        defer { pcre2_serialize_free_8(bytes) }
        return Array(UnsafeBufferPointer(start: bytes, count: size))
    }

    /// The patterns `serialize` wrote, given their sources in the same order (from the same
    /// authenticated file): nil unless the bytes hold exactly that many patterns, each with
    /// the case folding its source says.
    public func deserialize(_ bytes: ArraySlice<UInt8>, sources: [(pattern: String, caseInsensitive: Bool)]) -> [any CompiledRegex]? {
        bytes.withUnsafeBytes { deserialize($0, sources: sources) }
    }

    /// The patterns `serialize` wrote, read from memory the caller holds (a mapped cache
    /// file): PCRE2 copies each pattern's code out of it. As above otherwise.
    public func deserialize(_ bytes: UnsafeRawBufferPointer, sources: [(pattern: String, caseInsensitive: Bool)]) -> [any CompiledRegex]? {
        guard !sources.isEmpty, bytes.count >= 16 else { return nil }
        let buffer = bytes.assumingMemoryBound(to: UInt8.self)
        // More codes than sources when some patterns are split (a header and pieces each).
        guard let base = buffer.baseAddress else { return nil }
        let count = Int(pcre2_serialize_get_number_of_codes_8(base))
        guard count >= sources.count else { return nil }
        var codes = [OpaquePointer?](repeating: nil, count: count)
        let decoded = codes.withUnsafeMutableBufferPointer {
            pcre2_serialize_decode_8($0.baseAddress, Int32(count), base, nil)
        }
        guard decoded == Int32(count), codes.allSatisfy({ $0 != nil }) else {
            for case let code? in codes { pcre2_code_free_8(code) }
            return nil
        }
        var out: [any CompiledRegex] = []
        out.reserveCapacity(sources.count)
        var valid = true
        var next = 0
        for source in sources {
            guard next < count, let first = codes[next] else { valid = false; break }
            var pieces = [first]
            if let pieceCount = SplitHeader.pieces(in: first) {
                pcre2_code_free_8(first)
                codes[next] = nil
                guard pieceCount >= 2, next + pieceCount < count else { valid = false; break }
                pieces = codes[(next + 1)...(next + pieceCount)].map { $0! }
                next += 1
            }
            for code in pieces {
                var options: UInt32 = 0
                pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_ARGOPTIONS), &options)
                if (options & UInt32(PCRE2_CASELESS) != 0) != source.caseInsensitive { valid = false }
            }
            out.append(Self.regex(pieces: pieces, pattern: source.pattern, caseInsensitive: source.caseInsensitive, jit: jit))
            for index in next..<(next + pieces.count) { codes[index] = nil }
            next += pieces.count
        }
        // Codes not handed to a regex (a file that does not match its sources).
        for case let code? in codes { pcre2_code_free_8(code) }
        return valid && next == count ? out : nil
    }

    /// The PCRE2 library version, e.g. `10.42 2022-12-11`.
    public static var libraryVersion: String {
        var buffer = [UInt8](repeating: 0, count: 64)
        let n = pcre2_config_8(UInt32(PCRE2_CONFIG_VERSION), &buffer)
        guard n > 0 else { return "unknown" }
        return String(decoding: buffer.prefix(Int(n) - 1), as: UTF8.self)
    }

    /// Whether this PCRE2 build has a working JIT.
    public static var jitAvailable: Bool {
        var value: UInt32 = 0
        _ = pcre2_config_8(UInt32(PCRE2_CONFIG_JIT), &value)
        return value == 1
    }
}

/// The text of a PCRE2 error code.
func pcre2ErrorMessage(_ code: Int32) -> String {
    var buffer = [UInt8](repeating: 0, count: 256)
    let n = buffer.withUnsafeMutableBufferPointer { pcre2_get_error_message_8(code, $0.baseAddress, 256) }
    guard n > 0 else { return "error \(code)" }
    return String(decoding: buffer.prefix(Int(n)), as: UTF8.self)
}

/// The code written before the pieces of a split pattern in `PCRE2Engine.serialize`: a
/// pattern no rule writes, whose groups count the pieces that follow.
enum SplitHeader {
    static let name = "adlawSplitPieces"

    static func make(pieces: Int) -> OpaquePointer? {
        try? PCRE2Regex.compileCode("(?<\(name)>)" + String(repeating: "()", count: pieces - 1), caseInsensitive: false)
    }

    /// The number of pieces when `code` is a header.
    static func pieces(in code: OpaquePointer) -> Int? {
        var count: UInt32 = 0
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_NAMECOUNT), &count)
        guard count == 1 else { return nil }
        var entrySize: UInt32 = 0
        var table: UnsafePointer<UInt8>?
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_NAMEENTRYSIZE), &entrySize)
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_NAMETABLE), &table)
        guard let table else { return nil }
        let stored = UnsafeBufferPointer(start: table + 2, count: Int(entrySize) - 2).prefix { $0 != 0 }
        guard String(decoding: stored, as: UTF8.self) == name else { return nil }
        var captures: UInt32 = 0
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_CAPTURECOUNT), &captures)
        return Int(captures)
    }
}
