import Checker
import AdlawConfiguration
import Foundation
import LintCore
import Reporters

/// `adlaw check --jsonl FILE|-`: one JSON record per input line (`{"id", "text",
/// "filename"?, "sectors"?}`), one result line per record, in input order, with memory
/// bounded by one chunk of records, so any engine can stream records through it (GNU
/// parallel, a Kubernetes job, Spark's `RDD.pipe`).
///
/// A result line is the document `adlaw check --format json` prints for the record's text,
/// on one line, with the record's `id` and a `verdict` added. A line that is not a valid
/// record gets `{"id", "error"}` and the run goes on.
struct JSONLinesBatch {
    let checker: Checker
    let options: CheckOptions
    /// Records checked at a time (each on its own thread), and kept in memory at most.
    var chunkSize = 256
    var width = ProcessInfo.processInfo.activeProcessorCount

    struct Record: Decodable {
        var id: RecordID?
        var text: String
        var filename: String?
        var sectors: [String]?
    }

    /// A record's id as given: a string or a number.
    enum RecordID: Decodable, Sendable {
        case string(String), number(Double)

        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let text = try? container.decode(String.self) { self = .string(text) } else { self = .number(try container.decode(Double.self)) }
        }

        var json: Any {
            switch self {
            case let .string(text): text
            case let .number(value): value.rounded() == value && abs(value) < 1e15 ? Int(value) as Any : value as Any
            }
        }
    }

    /// What the batch saw: whether a record was invalid, whether one failed `failOn`.
    struct Tally {
        var records = 0
        var invalid = 0
        var failing = 0
    }

    /// Reads `input` to its end, writing each result line with `write`.
    func run(_ input: FileHandle, failOn: FailThreshold, write: (String) -> Void) -> Tally {
        var tally = Tally()
        var chunk: [[UInt8]] = []
        var reader = LineReader(handle: input)
        while let line = reader.next() {
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            chunk.append(line)
            if chunk.count == chunkSize {
                flush(chunk, failOn: failOn, tally: &tally, write: write)
                chunk.removeAll(keepingCapacity: true)
            }
        }
        flush(chunk, failOn: failOn, tally: &tally, write: write)
        return tally
    }

    private func flush(_ chunk: [[UInt8]], failOn: FailThreshold, tally: inout Tally, write: (String) -> Void) {
        guard !chunk.isEmpty else { return }
        let lines = OrderedParallelMap.map(chunk, width: width, makeState: { () }) { line, _ in check(line, failOn: failOn) }
        for (text, outcome) in lines {
            tally.records += 1
            switch outcome {
            case .invalid: tally.invalid += 1
            case .failing: tally.failing += 1
            case .passing: break
            }
            write(text + "\n")
        }
    }

    enum Outcome: Sendable { case passing, failing, invalid }

    /// One record's result line.
    func check(_ line: [UInt8], failOn: FailThreshold) -> (String, Outcome) {
        let record: Record
        do {
            record = try JSONDecoder().decode(Record.self, from: Data(line))
        } catch {
            let id = (try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])?["id"]
            return (Self.line(["id": id ?? NSNull(), "error": "not a record {\"id\", \"text\", \"filename\"?, \"sectors\"?}: \(Self.reason(error))"]), .invalid)
        }
        var options = options
        options.jobs = 1
        if let sectors = record.sectors { options.sectors = sectors }
        let name = record.filename ?? "\(record.id.map { "\($0.json)" } ?? "record").txt"
        let result: CheckResult
        do {
            result = try checker.run(.documents([InMemoryDocument(name: name, text: record.text)]), options: options)
        } catch {
            return (Self.line(["id": record.id?.json ?? NSNull(), "error": error.description]), .invalid)
        }
        let rendered = JSONReporter().render(result.report(toolVersion: Adlaw.version, durationSeconds: nil))
        guard var document = (try? JSONSerialization.jsonObject(with: Data(rendered.utf8))) as? [String: Any] else {
            return (Self.line(["id": record.id?.json ?? NSNull(), "error": "internal: the report was not JSON"]), .invalid)
        }
        document["id"] = record.id?.json ?? NSNull()
        let verdict = result.verdict
        document["verdict"] = ["level": verdict.level.rawValue, "label": verdict.level.label, "reason": verdict.reason,
                               "ruleId": verdict.ruleID?.rawValue as Any? ?? NSNull()]
        return (Self.line(document), result.fails(at: failOn) ? .failing : .passing)
    }

    static func line(_ object: [String: Any]) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    static func reason(_ error: Error) -> String {
        switch error {
        case let DecodingError.keyNotFound(key, _): "missing `\(key.stringValue)`"
        case let DecodingError.typeMismatch(_, context): "wrong type at `\(context.codingPath.map(\.stringValue).joined(separator: "."))`"
        case DecodingError.dataCorrupted: "invalid JSON"
        default: "\(error)"
        }
    }
}

/// Lines of a stream, read in blocks: memory is one block plus the longest line.
struct LineReader {
    let handle: FileHandle
    private var buffer: [UInt8] = []
    private var start = 0
    private var finished = false

    init(handle: FileHandle) { self.handle = handle }

    mutating func next() -> [UInt8]? {
        while true {
            if let newline = buffer[start...].firstIndex(of: 0x0A) {
                let line = Array(buffer[start..<newline])
                start = newline + 1
                return line
            }
            if finished {
                guard start < buffer.count else { return nil }
                let line = Array(buffer[start...])
                start = buffer.count
                return line
            }
            buffer.removeFirst(start)
            start = 0
            let block = (try? handle.read(upToCount: 1 << 16)) ?? nil
            if let block, !block.isEmpty { buffer += block } else { finished = true }
        }
    }
}
