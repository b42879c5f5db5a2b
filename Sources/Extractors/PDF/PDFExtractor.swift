import Foundation
import LintCore

/// PDF files, through `pdftotext` from poppler-utils when it is installed (a clear error for
/// PDF files when it is not). Lines of a paragraph are joined like Markdown's (no space
/// between CJK characters), paragraphs end at blank lines, and findings are located by page
/// and line: `page 2, line 14`. Line and column in the output count in the extracted text,
/// which `adlaw extract` prints. Scanned PDFs (no text layer) get a note.
public struct PDFExtractor: TextExtractor {
    public let format = "pdf"
    public let extensions = ["pdf"]
    public var limits: ExtractionLimits
    /// Where to look for pdftotext and pdfinfo (`ADLAW_PDFTOTEXT`, `ADLAW_PDFINFO`, `PATH`);
    /// the process environment by default.
    var environment: [String: String]?

    public init(limits: ExtractionLimits = ExtractionLimits()) { self.limits = limits }

    init(limits: ExtractionLimits = ExtractionLimits(), environment: [String: String]) {
        self.limits = limits
        self.environment = environment
    }

    public func extract(_ bytes: [UInt8], path: String) throws(ExtractionError) -> ExtractedDocument {
        let runner = environment.map { PDFTextRunner(timeout: limits.converterTimeout, environment: $0) }
            ?? PDFTextRunner(timeout: limits.converterTimeout)
        let text: [UInt8]
        do {
            text = try runner.text(of: bytes)
        } catch {
            switch error {
            case .missing:
                throw .unsupportedFormat(path: path, detail: "reading PDF needs pdftotext from poppler-utils (Debian: apt-get install poppler-utils; or set ADLAW_PDFTOTEXT); the other files were checked")
            case .timedOut:
                throw .limitExceeded(path: path, what: "pdftotext ran longer than \(Int(limits.converterTimeout)) s")
            case .tooLarge:
                throw .limitExceeded(path: path, what: "the extracted text is larger than 64 MiB")
            case let .failed(message):
                throw .malformed(path: path, line: nil, column: nil, reason: "pdftotext could not read it: \(message)")
            }
        }
        let source = SourceText(bytes: text)
        var segments: [TextSegment] = []
        var pageStarts = [0]
        var builder = SegmentBuilder(collapsesWhitespace: true)
        func flush() {
            if let segment = builder.build(zone: .paragraph) { segments.append(segment) }
            builder = SegmentBuilder(collapsesWhitespace: true)
        }
        for index in 0..<source.lineStarts.count {
            var line = source.lineContentRange(index)
            // A form feed starts a new page (pdftotext puts it at the start of a page's first line).
            while line.lowerBound < line.upperBound, text[line.lowerBound] == 0x0C {
                flush()
                pageStarts.append(line.lowerBound + 1)
                line = (line.lowerBound + 1)..<line.upperBound
            }
            let blank = text[line].allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0C }
            if blank {
                flush()
                continue
            }
            if !builder.isEmpty { builder.whitespace(atBase: line.lowerBound, newline: true) }
            builder.copyValidating(text, line)
        }
        flush()
        // pdftotext ends the last page with a form feed too.
        if pageStarts.count > 1, pageStarts.last == text.count { pageStarts.removeLast() }
        var notes: [Diagnostic] = []
        if segments.isEmpty {
            notes.append(Diagnostic(code: .noText, level: .warning, path: path,
                                    message: "the PDF has no extractable text (a scan, or fonts without a Unicode map); nothing was checked"))
        }
        var document = ExtractedDocument(path: path, format: format, segments: segments, source: source, notes: notes,
                                         pageMap: PageMap(pageStarts: pageStarts))
        document.facts = pageFacts(pageStarts) + [documentFact(of: bytes, path: path, notes: &document.notes)]
        return document
    }

    /// A page fact at the start of each page, so a page without text (a scanned page) is seen.
    private func pageFacts(_ starts: [Int]) -> [StructureFact] {
        starts.enumerated().map { index, start in
            StructureFact(kind: .page, properties: ["number": .number(Double(index + 1))], sourceRange: start..<start)
        }
    }

    /// The document fact: whether the PDF is tagged, and its page count, from `pdfinfo`. When
    /// pdfinfo is missing or fails, tagging stays unknown and a note says it was not checked.
    private func documentFact(of bytes: [UInt8], path: String, notes: inout [Diagnostic]) -> StructureFact {
        var fact = StructureFact(kind: .document, sourceRange: 0..<0)
        let runner = environment.map { PDFTextRunner(tool: .pdfinfo, timeout: limits.converterTimeout, maxOutput: 1 << 20, environment: $0) }
            ?? PDFTextRunner(tool: .pdfinfo, timeout: limits.converterTimeout, maxOutput: 1 << 20)
        let reason: String
        do {
            let info = Self.info(String(decoding: try runner.text(of: bytes), as: UTF8.self))
            if let tagged = info["Tagged"], tagged == "yes" || tagged == "no" {
                fact["tagged"] = .flag(tagged == "yes")
            }
            if let pages = info["Pages"].flatMap(Int.init) { fact["pages"] = .number(Double(pages)) }
            if fact["tagged"] != nil { return fact }
            reason = "pdfinfo did not say whether it is tagged"
        } catch {
            switch error {
            case .missing: reason = "pdfinfo from poppler-utils was not found (Debian: apt-get install poppler-utils; or set ADLAW_PDFINFO)"
            case .timedOut: reason = "pdfinfo ran longer than \(Int(limits.converterTimeout)) s"
            case .tooLarge: reason = "pdfinfo wrote more than 1 MiB"
            case let .failed(message): reason = "pdfinfo could not read it: \(message)"
            }
        }
        notes.append(Diagnostic(code: .notChecked, level: .note, path: path,
                                message: "whether the PDF is tagged for screen readers was not checked: \(reason)"))
        return fact
    }

    /// `Key: value` lines of pdfinfo's output (the first of each key).
    static func info(_ output: String) -> [String: String] {
        var out: [String: String] = [:]
        for line in output.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = String(line[..<colon]).trimmingCharacters(in: .whitespaces)
            if out[key] == nil { out[key] = String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces) }
        }
        return out
    }
}
