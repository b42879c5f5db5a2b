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
        /// checking ten small files, where JIT-compiling one takes about 1.5 ms.
        case lazy(afterWork: Int, timed: Bool = false)

        /// About how long PCRE2 takes to JIT-compile a pattern of `size` bytes of compiled
        /// code (measured on the shipped rules: 60-140 µs for 300-800 bytes, 1.2-1.9 ms for
        /// 27-62 KB).
        public static func compileNanoseconds(size: Int) -> Int { 50_000 + 25 * size }

        /// Work a pattern is interpreted for before it is JIT-compiled: about what the
        /// interpreter does in the time the JIT takes to compile a pattern.
        public static let defaultWork = 8_192

        /// The work of one search besides its start positions: the interpreter's fixed cost
        /// per call, which dominates the prefilter's many short window searches (counting
        /// positions alone left such patterns interpreted and cost 10% on large inputs).
        public static let searchCost = 256
    }

    public let limits: Limits
    public let jit: JITPolicy

    public init(limits: Limits = Limits(), jit: JITPolicy = .lazy(afterWork: JITPolicy.defaultWork, timed: true)) {
        self.limits = limits
        self.jit = jit
    }

    public func compile(_ pattern: String, caseInsensitive: Bool) throws(RegexCompileError) -> any CompiledRegex {
        try PCRE2Regex(pattern: pattern, caseInsensitive: caseInsensitive, jit: jit)
    }

    public func makeScratch() -> any RegexScratch { PCRE2Scratch(limits: limits) }

    /// `regexes` (compiled by this engine) in PCRE2's own serialized form
    /// (`pcre2_serialize_encode`), for a cache to read back with `deserialize` instead of
    /// compiling every pattern again. Nil when one is not a PCRE2 pattern or PCRE2 refuses.
    /// The bytes hold compiled code as it is in memory: only the same PCRE2 build may read
    /// them, and only from a file that is authenticated (the rule-set cache's HMAC), since
    /// PCRE2 does not check the code it reads back.
    public static func serialize(_ regexes: [any CompiledRegex]) -> [UInt8]? {
        var codes: [OpaquePointer?] = []
        codes.reserveCapacity(regexes.count)
        for regex in regexes {
            guard let regex = regex as? PCRE2Regex else { return nil }
            codes.append(regex.compiledCode)
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
        guard let base = buffer.baseAddress, pcre2_serialize_get_number_of_codes_8(base) == Int32(sources.count) else { return nil }
        var codes = [OpaquePointer?](repeating: nil, count: sources.count)
        let decoded = codes.withUnsafeMutableBufferPointer {
            pcre2_serialize_decode_8($0.baseAddress, Int32(sources.count), base, nil)
        }
        guard decoded == Int32(sources.count) else {
            for case let code? in codes { pcre2_code_free_8(code) }
            return nil
        }
        var out: [any CompiledRegex] = []
        out.reserveCapacity(codes.count)
        var valid = true
        for (code, source) in zip(codes, sources) {
            guard let code else { valid = false; continue }
            var options: UInt32 = 0
            pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_ARGOPTIONS), &options)
            let regex = PCRE2Regex(code: code, pattern: source.pattern, caseInsensitive: source.caseInsensitive, jit: jit)
            if (options & UInt32(PCRE2_CASELESS) != 0) != source.caseInsensitive { valid = false }
            out.append(regex)
        }
        return valid ? out : nil
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
