import ArgumentParser
import Checker
import Extractors
import FileSelection
import Foundation
import LintCore

/// `adlaw extract`: print the text adlaw checks in each file, segment by segment, with its
/// zone and location: what a rule sees, and where a finding in it would be reported.
struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Show the text adlaw reads from files: one line per segment, with zone and location.",
        discussion: """
        Each segment prints as `path:line:col [zone] (logical location): text`, line breaks \
        inside it as ⏎. Inline zones (link text, hashtags) follow as `{zone: text}`. With \
        --facts, the structure facts accessibility rules test follow, one per line, as \
        `path:line:col <kind property=value ...> (logical location)`. \
        Exit code 2 when a file cannot be read.
        """
    )

    @Argument(help: ArgumentHelp("Files or folders to read.", valueName: "path"))
    var paths: [String]

    @Option(name: .customLong("max-file-size"), help: ArgumentHelp("Refuse files larger than this many bytes (a unit may follow: 100M, 1G; default: 64 MiB).", valueName: "bytes"),
            transform: { try ByteCount.parse($0, option: "--max-file-size", minimum: 1) })
    var maxFileSize: Int = DocumentReader.defaultMaxFileSize

    @Option(name: .customLong("format"), help: ArgumentHelp("Output format: \(ExtractFormat.allCases.map(\.rawValue).joinedAsAlternatives()).", valueName: "format"))
    var format: ExtractFormat = .human

    @Flag(name: .customLong("facts"), help: "Also print the structure facts (images, links, headings, tables, colours, language) that accessibility rules test.")
    var facts = false

    enum ExtractFormat: String, ExpressibleByArgument, CaseIterable { case human, json }

    struct FactDTO: Encodable {
        var kind: String
        var line: Int
        var column: Int
        var byteOffset: Int
        var byteLength: Int
        var location: SourceLocation?
        var properties: [String: String]
        var summary: String
    }

    struct SegmentDTO: Encodable {
        var zone: String
        var line: Int
        var column: Int
        var location: SourceLocation?
        var text: String
        var inlineZones: [InlineDTO]
    }

    struct InlineDTO: Encodable {
        var zone: String
        var text: String
    }

    struct FileDTO: Encodable {
        var path: String
        var format: String
        var segments: [SegmentDTO]
        var facts: [FactDTO]?
    }

    func run() throws {
        let reader = DocumentReader(maxFileSize: maxFileSize)
        let walked = FileWalker(extensions: reader.knownExtensions).expand(paths)
        var failed = !walked.errors.isEmpty
        for error in walked.errors { Terminal.writeError("\(error.path): error: \(error.description)") }
        var files: [FileDTO] = []
        for path in walked.files {
            let document: ExtractedDocument
            do { document = try reader.read(path: path) } catch {
                failed = true
                Terminal.writeError(Diagnostic(code: error.code, level: .error, path: error.path, line: error.line,
                                               column: error.column, message: error.description).formatted)
                continue
            }
            for note in document.notes { Terminal.writeError(note.formatted) }
            // All positions in one pass: a file on one long line (minified JSON) stays linear.
            let positions = document.source.positions(of: document.segments.map { $0.sourceMap.baseStart(0) })
            files.append(FileDTO(path: path, format: document.format,
                                 segments: document.segments.map { Self.describe($0, in: document, positions: positions) },
                                 facts: facts ? Self.describeFacts(document) : nil))
        }
        switch format {
        case .human:
            var out = ""
            for file in files {
                for segment in file.segments {
                    let logical = segment.location.map { " (\($0.description))" } ?? ""
                    let inline = segment.inlineZones.map { " {\($0.zone): \(Self.oneLine($0.text))}" }.joined()
                    out += "\(file.path):\(segment.line):\(segment.column) [\(segment.zone)]\(logical): \(Self.oneLine(segment.text))\(inline)\n"
                }
                for fact in file.facts ?? [] {
                    let logical = fact.location.map { " (\($0.description))" } ?? ""
                    out += "\(file.path):\(fact.line):\(fact.column) <\(Self.oneLine(fact.summary))>\(logical)\n"
                }
            }
            try Terminal.writeText(out)
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let data = (try? encoder.encode(files)) ?? Data("[]".utf8)
            try Terminal.write(String(decoding: data, as: UTF8.self) + "\n")
        }
        if failed { throw ExitCode(2) }
    }

    static func describe(_ segment: TextSegment, in document: ExtractedDocument, positions: [Int: TextPosition]) -> SegmentDTO {
        let first = segment.sourceMap.baseStart(0)
        let position = positions[first] ?? document.source.position(of: first)
        let bytes = Array(segment.text.utf8)
        let inline = segment.inlineZones.map {
            InlineDTO(zone: $0.zone.rawValue, text: String(decoding: bytes[$0.range.clamped(to: 0..<bytes.count)], as: UTF8.self))
        }
        let location = document.pageMap.map { $0.location(of: first, in: document.source) } ?? segment.location
        return SegmentDTO(zone: segment.zone.rawValue, line: position.line, column: position.column,
                          location: location, text: segment.text, inlineZones: inline)
    }

    static func describeFacts(_ document: ExtractedDocument) -> [FactDTO] {
        let positions = document.source.positions(of: document.facts.map(\.sourceRange.lowerBound))
        return document.facts.map { fact in
            let start = fact.sourceRange.lowerBound
            let position = positions[start] ?? document.source.position(of: start)
            let location = fact.location ?? document.pageMap.map { $0.location(of: start, in: document.source) }
            return FactDTO(kind: fact.kind.rawValue, line: position.line, column: position.column, byteOffset: start,
                           byteLength: fact.sourceRange.count, location: location,
                           properties: fact.properties.mapValues(\.description), summary: fact.summary)
        }
    }

    static func oneLine(_ text: String) -> String {
        String(text.map { $0 == "\n" || $0 == "\r\n" ? "⏎" : $0 })
    }
}
