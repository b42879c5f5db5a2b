import CPCRE2
import LintCore

/// Per-thread PCRE2 state: match data, a match context with limits, and a JIT stack.
public final class PCRE2Scratch: RegexScratch {
    let matchContext: OpaquePointer
    private let jitStack: OpaquePointer?
    private var data: OpaquePointer
    private var pairs: Int

    init(limits: PCRE2Engine.Limits) {
        matchContext = pcre2_match_context_create_8(nil)
        pcre2_set_match_limit_8(matchContext, limits.matchLimit)
        pcre2_set_depth_limit_8(matchContext, limits.depthLimit)
        pcre2_set_heap_limit_8(matchContext, limits.heapLimitKiB)
        jitStack = pcre2_jit_stack_create_8(32 * 1024, max(32 * 1024, limits.jitStackMax), nil)
        if let jitStack { pcre2_jit_stack_assign_8(matchContext, nil, UnsafeMutableRawPointer(jitStack)) }
        pairs = 16
        data = pcre2_match_data_create_8(16, nil)
    }

    deinit {
        pcre2_match_data_free_8(data)
        if let jitStack { pcre2_jit_stack_free_8(jitStack) }
        pcre2_match_context_free_8(matchContext)
    }

    /// Match data with room for at least `pairs` offset pairs.
    func matchData(pairs needed: Int) -> OpaquePointer {
        if needed > pairs {
            pcre2_match_data_free_8(data)
            pairs = max(needed, pairs * 2)
            data = pcre2_match_data_create_8(UInt32(pairs), nil)
        }
        return data
    }
}
