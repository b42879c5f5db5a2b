import LintCore

/// For one document: the segments in which each prefiltered pattern has a window, so a
/// rule visits only those segments instead of every segment of the document.
public final class DocumentCandidates: Sendable {
    let prefilter: Prefilter
    private let segmentsByTarget: [Int32: [Int]]

    /// - Parameter segments: each segment's candidates (`Prefilter.candidates(in:)`), in
    ///   document order: a segment's index is its position here.
    public init(prefilter: Prefilter, segments: [SegmentCandidates?]) {
        self.prefilter = prefilter
        var byTarget: [Int32: [Int]] = [:]
        for (index, candidates) in segments.enumerated() {
            candidates?.forEachTarget { byTarget[$0, default: []].append(index) }
        }
        segmentsByTarget = byTarget
    }

    /// Indices of the segments `regex` may match in, in order; `nil`: every segment.
    public func segments(for regex: any CompiledRegex) -> [Int]? {
        guard let target = prefilter.windowedTarget(of: regex) else { return nil }
        return segmentsByTarget[Int32(target)] ?? []
    }
}
