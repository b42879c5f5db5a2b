import Dispatch
import Foundation

/// Runs one piece of work per input on up to `width` worker threads and returns the
/// results in input order. A fork-join: every worker has finished when `map` returns.
/// Each worker owns its own state (PCRE2 match data and JIT stack), made once by
/// `makeState`, and takes the next input when it is done with one, so one large file does
/// not hold up the others; at most `width` inputs are being read at a time.
public enum OrderedParallelMap {
    public static func map<Input: Sendable, State, Output: Sendable>(
        _ inputs: [Input], width: Int,
        makeState: @Sendable () -> State,
        _ body: @Sendable (Input, State) -> Output
    ) -> [Output] {
        let workers = max(1, min(width, inputs.count))
        if workers == 1 {
            let state = makeState()
            return inputs.map { body($0, state) }
        }
        let slots = Slots<Output>(count: inputs.count)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            let state = makeState()
            while let index = slots.take() {
                slots.store(body(inputs[index], state), at: index)
            }
        }
        return slots.results()
    }
}

/// The shared work counter and result slots of one `map`.
private final class Slots<Output>: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private var outputs: [Output?]

    init(count: Int) { outputs = [Output?](repeating: nil, count: count) }

    func take() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < outputs.count else { return nil }
        next += 1
        return next - 1
    }

    func store(_ output: Output, at index: Int) {
        lock.lock()
        outputs[index] = output
        lock.unlock()
    }

    func results() -> [Output] {
        lock.lock()
        defer { lock.unlock() }
        return outputs.compactMap { $0 }
    }
}

/// A value only read, never changed, by the workers of one `map` (an input list whose
/// element type is not `Sendable` only because it holds reference types that are not
/// touched concurrently).
final class ReadOnlyShared<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
