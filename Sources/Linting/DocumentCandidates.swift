import LintCore

/// For one document: the segments in which each prefiltered pattern has a window, so a
/// rule visits only those segments instead of every segment of the document.
final class DocumentCandidates {
    let prefilter: Prefilter
    private let segmentsByTarget: [Int32: [Int]]

    init(prefilter: Prefilter, segments: [PreparedSegment]) {
        self.prefilter = prefilter
        var byTarget: [Int32: [Int]] = [:]
        for segment in segments {
            segment.candidates?.forEachTarget { byTarget[$0, default: []].append(segment.index) }
        }
        segmentsByTarget = byTarget
    }

    /// Indices of the segments `regex` may match in, in order; `nil`: every segment.
    func segments(for regex: any CompiledRegex) -> [Int]? {
        guard let target = prefilter.target(of: regex), prefilter.targets[target].requirement != nil else { return nil }
        return segmentsByTarget[Int32(target)] ?? []
    }
}

extension Array where Element == PreparedSegment {
    /// The segments of a document in which `regex` may match, in document order: all of
    /// them unless the prefilter knows the pattern.
    func candidates(for regex: any CompiledRegex) -> [PreparedSegment] {
        guard let index = first?.documentCandidates, let list = index.segments(for: regex),
              list.allSatisfy({ $0 < count && self[$0].index == $0 }) else { return self }
        return list.map { self[$0] }
    }
}
