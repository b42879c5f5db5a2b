import AtomicFiles
import Foundation
import LintCore

/// Findings accepted at some point (`--write-baseline FILE`), so that later runs fail only
/// on new ones (`--baseline FILE`). Entries are keyed by file, rule and fingerprint (the
/// normalised matched text and a few characters around it), never by line, so moving text
/// does not revive accepted findings; editing the flagged words does. Paths are stored
/// relative to the baseline file's folder, so the file works from any working folder.
public struct Baseline: Sendable {
    public static let formatVersion = 1

    public struct Entry: Codable, Sendable, Hashable {
        public var path: String
        public var ruleId: String
        public var fingerprint: String
        /// For people reading the file; not used to match.
        public var line: Int
        public var matchedText: String
    }

    struct Document: Codable {
        var version: Int
        var tool: String
        var fingerprintVersion: Int
        var findings: [Entry]
    }

    public enum LoadError: Error, CustomStringConvertible {
        case unreadable(String, String)
        case invalid(String, String)

        public var description: String {
            switch self {
            case let .unreadable(path, reason):
                "cannot read the baseline \(path): \(reason); check the path given to --baseline or `baseline:` in .adlaw.yml, or write one with --write-baseline \(path)"
            case let .invalid(path, reason):
                "\(path) is not an adlaw baseline: \(reason); check the path given to --baseline or `baseline:` in .adlaw.yml, or write a new one with --write-baseline \(path)"
            }
        }
    }

    /// The baseline file (as given).
    public let path: String
    public private(set) var entries: [Entry]
    /// The folder holding the file, absolute: the base of its relative paths.
    private let folder: String
    /// The working folder finding paths are relative to.
    private let workingFolder: String
    private let fingerprints: FindingFingerprint

    public init(path: String, entries: [Entry] = [], workingFolder: String = FileManager.default.currentDirectoryPath,
                fingerprints: FindingFingerprint = FindingFingerprint()) {
        self.path = path
        self.entries = entries
        self.workingFolder = workingFolder
        self.folder = URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: workingFolder, isDirectory: true))
            .standardizedFileURL.deletingLastPathComponent().path
        self.fingerprints = fingerprints
    }

    public static func load(path: String, workingFolder: String = FileManager.default.currentDirectoryPath) throws(LoadError) -> Baseline {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadable(path, FileManager.default.fileExists(atPath: path) ? "permission denied" : "no such file")
        }
        let document: Document
        do { document = try JSONDecoder().decode(Document.self, from: data) } catch {
            throw .invalid(path, Self.whyNotABaseline(data))
        }
        guard document.version == formatVersion else { throw .invalid(path, "format version \(document.version), expected \(formatVersion)") }
        guard document.fingerprintVersion == FindingFingerprint.version else {
            throw .invalid(path, "fingerprints of version \(document.fingerprintVersion), this adlaw computes version \(FindingFingerprint.version)")
        }
        return Baseline(path: path, entries: document.findings, workingFolder: workingFolder)
    }

    /// Why bytes that failed to decode are not a baseline, in words (never a decoder's
    /// error type): not JSON at all, or JSON of another shape.
    static func whyNotABaseline(_ data: Data) -> String {
        guard let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else {
            return "it is not valid JSON"
        }
        guard let fields = object as? [String: Any] else { return "it is JSON, but not an object with a `findings` list" }
        let missing = ["version", "tool", "fingerprintVersion", "findings"].filter { fields[$0] == nil }
        if !missing.isEmpty {
            return "it is JSON, but it has no \(missing.map { "`\($0)`" }.joined(separator: ", ")) (it may be another tool's file or an adlaw report)"
        }
        return "its entries are not adlaw baseline entries (each needs `path`, `ruleId`, `fingerprint`, `line` and `matchedText`)"
    }

    /// A baseline holding `findings`, in a stable order.
    public static func from(_ findings: [Finding], path: String, workingFolder: String = FileManager.default.currentDirectoryPath) -> Baseline {
        var baseline = Baseline(path: path, workingFolder: workingFolder)
        baseline.entries = findings.map(baseline.entry).sorted {
            ($0.path, $0.line, $0.ruleId, $0.fingerprint) < ($1.path, $1.line, $1.ruleId, $1.fingerprint)
        }
        return baseline
    }

    /// The file's JSON: sorted keys, one entry per finding, stable across runs.
    public func encoded() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let document = Document(version: Self.formatVersion, tool: "adlaw", fingerprintVersion: FindingFingerprint.version, findings: entries)
        return ((try? encoder.encode(document)) ?? Data("{}".utf8)) + Data("\n".utf8)
    }

    /// Writes the file atomically (a temporary file renamed over it). A file at the path is
    /// replaced only when it is an earlier baseline (or empty), never another file.
    public func write() throws(AtomicFile.WriteError) {
        try AtomicFile.write(encoded(), to: path, overwrite: .when(Self.isBaselineFile))
    }

    /// Whether bytes are an adlaw baseline (or empty): what `write` may replace. The whole
    /// document is read, not its first bytes: keys are written sorted, so `tool` comes after
    /// `findings`, and a baseline of some 22 findings was once taken for someone else's file.
    @Sendable static func isBaselineFile(_ data: Data) -> Bool {
        guard !data.isEmpty else { return true }
        struct Marker: Decodable {
            var tool: String
            var fingerprintVersion: Int
        }
        guard let marker = try? JSONDecoder().decode(Marker.self, from: data) else { return false }
        return marker.tool == "adlaw"
    }

    func entry(_ finding: Finding) -> Entry {
        Entry(path: key(for: finding.path), ruleId: finding.ruleID.rawValue, fingerprint: fingerprints.fingerprint(of: finding),
              line: finding.start.line, matchedText: finding.matchedText)
    }

    /// A finding path as stored: relative to the baseline's folder, `/`-separated.
    func key(for path: String) -> String {
        if path == "-" { return path }
        let absolute = URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: workingFolder, isDirectory: true)).standardizedFileURL.path
        if absolute.hasPrefix(folder + "/") { return String(absolute.dropFirst(folder.count + 1)) }
        // Outside the baseline's folder: climb with `..`.
        let base = folder.split(separator: "/"), target = absolute.split(separator: "/")
        var common = 0
        while common < base.count && common < target.count && base[common] == target[common] { common += 1 }
        return (Array(repeating: "..", count: base.count - common) + target[common...].map(String.init)).joined(separator: "/")
    }

    /// Splits findings into those the baseline knows and new ones. Each entry accepts one
    /// finding, so a second copy of an accepted sentence is new.
    /// - Parameter checkedPaths: the files this run checked; entries for other files are
    ///   not counted as gone.
    public func partition(_ findings: [Finding], checkedPaths: [String]) -> (known: [Finding], new: [Finding], summary: BaselineSummary) {
        var remaining: [String: Int] = [:]
        for entry in entries { remaining["\(entry.path)\u{0}\(entry.ruleId)\u{0}\(entry.fingerprint)", default: 0] += 1 }
        var known: [Finding] = [], new: [Finding] = []
        for finding in findings {
            let e = entry(finding)
            let k = "\(e.path)\u{0}\(e.ruleId)\u{0}\(e.fingerprint)"
            if let count = remaining[k], count > 0 {
                remaining[k] = count - 1
                known.append(finding)
            } else {
                new.append(finding)
            }
        }
        let checked = Set(checkedPaths.map(key(for:)))
        let gone = entries.filter { checked.contains($0.path) }.reduce(into: [String: Int]()) { counts, entry in
            counts["\(entry.path)\u{0}\(entry.ruleId)\u{0}\(entry.fingerprint)", default: 0] += 1
        }.reduce(0) { total, pair in total + min(pair.value, remaining[pair.key] ?? 0) }
        return (known, new, BaselineSummary(file: path, known: known.count, new: new.count, gone: gone))
    }
}
