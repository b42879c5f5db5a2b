/// How the run compared with a baseline file.
public struct BaselineSummary: Sendable, Hashable {
    public var file: String
    /// Findings found in the baseline (not new).
    public var known: Int
    /// Findings not in the baseline: they count.
    public var new: Int
    /// Baseline entries with no finding any more (fixed, or their file was not checked).
    public var gone: Int

    public init(file: String, known: Int, new: Int, gone: Int) {
        self.file = file
        self.known = known
        self.new = new
        self.gone = gone
    }
}
