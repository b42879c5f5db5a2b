import Foundation

/// One-time set-up of a fuzz target, run from `LLVMFuzzerInitialize` so that no timed input
/// pays for it. libFuzzer's `-timeout` applies to each input; a rule pack and its prefilter
/// built lazily on the first input made that input take 10-30 s under ASan on a loaded
/// machine, a third of the timeout. The set-up's time goes to stderr, into the target's log.
public enum FuzzSetUp {
    /// The argument types of `LLVMFuzzerInitialize(int *argc, char ***argv)`.
    public typealias ArgumentCount = UnsafeMutablePointer<Int32>?
    public typealias Arguments = UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?

    public static func run(_ target: String, _ body: () -> Void) {
        let started = DispatchTime.now().uptimeNanoseconds
        body()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        FileHandle.standardError.write(Data("\(target): set-up done in \(String(format: "%.1f", seconds)) s, before the first input\n".utf8))
    }
}
