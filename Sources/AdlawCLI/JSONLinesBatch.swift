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
    /// The run's options resolved once: every record is checked with them, on a warm
    /// checker, so a record costs what one file of a large run costs.
    let prepared: PreparedCheck
    /// Records checked at a time (spread over `width` workers), and kept in memory at most.
    var chunkSize = 256
    var width = ProcessInfo.processInfo.activeProcessorCount

    struct Record: Decodable {
        var id: RecordID?
        var text: String
        var filename: String?
        var sectors: [String]?
    }

    /// A record's id as given: a string or a number.
    enum RecordID: Codable, Sendable {
        case string(String), number(Double)

        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let text = try? container.decode(String.self) { self = .string(text) } else { self = .number(try container.decode(Double.self)) }
        }

        func encode(to encoder: Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case let .string(text): try container.encode(text)
            case let .number(value):
                if let integer = Self.integer(value) { try container.encode(integer) } else { try container.encode(value) }
            }
        }

        /// The id as its result line writes it (`JSONReporter.renderLine`).
        var lineID: JSONLineID {
            switch self {
            case let .string(text): .string(text)
            case let .number(value): Self.integer(value).map(JSONLineID.integer) ?? .number(value)
            }
        }

        /// The id in a file name (`7.txt`).
        var name: String {
            switch self {
            case let .string(text): text
            case let .number(value): Self.integer(value).map(String.init) ?? String(value)
            }
        }

        /// A number that is a whole one (within what a Double holds exactly), as an Int.
        private static func integer(_ value: Double) -> Int? {
            value.rounded() == value && abs(value) < 1e15 ? Int(value) : nil
        }
    }

    /// What a result line has besides the `--format json` document: the record's `id` (null
    /// when the line has none) and its `verdict`, or, for a line that is not a valid record,
    /// only `{"id", "error"}`.
    struct LineFields: Encodable {
        var id: RecordID?
        var verdict: VerdictJSON?
        var error: String?

        static func failure(id: RecordID?, error: String) -> Self { Self(id: id, verdict: nil, error: error) }

        enum CodingKeys: String, CodingKey { case error, id, verdict }

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encodeIfPresent(error, forKey: .error)
            try container.encode(id, forKey: .id)
            try container.encodeIfPresent(verdict, forKey: .verdict)
        }
    }

    /// Only the id of a line that is not a valid record.
    struct IDOnly: Decodable {
        var id: RecordID?
    }

    /// What the batch saw: whether a record was invalid, whether one failed `failOn`.
    struct Tally {
        var records = 0
        var invalid = 0
        var failing = 0
    }

    /// Reads `input` to its end, writing the result lines of each chunk with `write`.
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
        let checker = prepared.checker
        let lines = OrderedParallelMap.map(chunk, width: width, makeState: { checker.makeScratch() }) { line, scratch in
            check(line, failOn: failOn, scratch: scratch)
        }
        var text = ""
        for (line, outcome) in lines {
            tally.records += 1
            switch outcome {
            case .invalid: tally.invalid += 1
            case .failing: tally.failing += 1
            case .passing: break
            }
            text += line
        }
        write(text)
    }

    enum Outcome: Sendable { case passing, failing, invalid }

    /// One record's result line (ending in a line break), checked with the worker's scratch.
    func check(_ line: [UInt8], failOn: FailThreshold, scratch: any RegexScratch) -> (String, Outcome) {
        let record: Record
        let decoder = JSONDecoder()
        do {
            record = try decoder.decode(Record.self, from: Data(line))
        } catch {
            let id = (try? decoder.decode(IDOnly.self, from: Data(line)))?.id
            return (Self.line(LineFields.failure(id: id, error: "not a record {\"id\", \"text\", \"filename\"?, \"sectors\"?}: \(Self.reason(error))")), .invalid)
        }
        let name = record.filename ?? "\(record.id?.name ?? "record").txt"
        let result: CheckResult
        do {
            result = try prepared.run(.documents([InMemoryDocument(name: name, text: record.text)]), sectors: record.sectors, scratch: scratch)
        } catch {
            return (Self.line(LineFields.failure(id: record.id, error: error.description)), .invalid)
        }
        let rendered = JSONReporter(pretty: false).renderLine(result.report(toolVersion: AdlawVersion.current, durationSeconds: nil),
                                                              id: record.id?.lineID ?? .null, verdict: result.verdict)
        return (rendered, result.fails(at: failOn) ? .failing : .passing)
    }

    static func line(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return ((try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "{}") + "\n"
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
