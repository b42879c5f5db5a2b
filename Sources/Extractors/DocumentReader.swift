import FileSelection
import Foundation
import LintCore
#if canImport(Glibc)
import Glibc
private let readDescriptor = Glibc.read
#elseif canImport(Darwin)
import Darwin
private let readDescriptor = Darwin.read
#endif

/// Reads files (or standard input) and hands them to the extractor for their format.
public struct DocumentReader: Sendable {
    public var extractors: [any TextExtractor]
    /// Files above this size are refused with a clear message, never read.
    public var maxFileSize: Int
    /// The memory a file may take to be checked; a file whose extracted copy would take more
    /// is refused before it is linted.
    public var memory = MemoryBudget()

    public static let defaultMaxFileSize = 64 << 20

    public init(extractors: [any TextExtractor] = DocumentReader.defaultExtractors,
                maxFileSize: Int = DocumentReader.defaultMaxFileSize) {
        self.extractors = extractors
        self.maxFileSize = maxFileSize
    }

    /// Every format adlaw reads, with the default safety limits.
    public static let defaultExtractors: [any TextExtractor] = makeExtractors()

    /// Every format adlaw reads. The first is the fallback for unknown extensions.
    public static func makeExtractors(limits: ExtractionLimits = ExtractionLimits()) -> [any TextExtractor] {
        [
            PlainTextExtractor(),
            MarkdownExtractor(limits: limits),
            HTMLExtractor(limits: limits),
            WordExtractor(limits: limits),
            PresentationExtractor(limits: limits),
            SpreadsheetExtractor(limits: limits),
            DelimitedTextExtractor.csv.with(memory: limits.memory),
            DelimitedTextExtractor.tsv.with(memory: limits.memory),
            JSONExtractor(limits: limits),
            PDFExtractor(limits: limits),
        ]
    }

    /// Extensions read when walking folders.
    public var knownExtensions: Set<String> { Set(extractors.flatMap(\.extensions)) }

    /// The extractor for a path's extension; unknown extensions are read as plain text.
    public func extractor(for path: String) -> any TextExtractor {
        let ext = (path as NSString).pathExtension.lowercased()
        return extractors.first { $0.extensions.contains(ext) } ?? extractors[0]
    }

    public func read(path: String) throws(ExtractionError) -> ExtractedDocument {
        let bytes = try readBytes(path: path)
        return try extract(bytes, path: path)
    }

    /// Picks the extractor, runs it, and marks hashtags in every segment.
    private func extract(_ bytes: [UInt8], path: String) throws(ExtractionError) -> ExtractedDocument {
        let extractor = extractor(for: path)
        if let error = ContentSniffer.mismatch(bytes, format: extractor.format, path: path) { throw error }
        return try finish(extractor.extract(bytes, path: path), fileSize: bytes.count, path: path)
    }

    /// Checks an extracted document against the memory budget and marks hashtags in every segment.
    private func finish(_ extracted: ExtractedDocument, fileSize: Int, path: String) throws(ExtractionError) -> ExtractedDocument {
        var document = extracted
        let textBytes = document.segments.reduce(0) { $0 + $1.text.utf8.count }
        let cost = memory.cost(fileSize: fileSize, segments: document.segments.count, textBytes: textBytes)
        guard cost <= memory.limit(fileSize: fileSize) else {
            throw .limitExceeded(path: path, what: "checking its \(document.segments.count) segments (\(MemoryBudget.megabytes(textBytes)) MB of text) would take about \(MemoryBudget.megabytes(cost)) MB of memory, above its memory budget of \(memory.explain(fileSize: fileSize)); split the file to check it")
        }
        document.segments = document.segments.map(HashtagScanner.annotate)
        StructureSummary.complete(&document)
        return document
    }

    /// Extracts bytes that did not come from a file (standard input, the git index).
    /// `name` picks the format by its extension.
    public func read(bytes: [UInt8], name: String) throws(ExtractionError) -> ExtractedDocument {
        guard bytes.count <= maxFileSize else { throw .tooLarge(path: name, size: bytes.count, limit: maxFileSize) }
        return try extract(bytes, path: name)
    }

    /// A rule example read as a document of `format` (`html`, `markdown`), located at
    /// `<example>`; `nil` when it cannot be read. The example runner's reader for `structure`
    /// rules, whose examples are markup.
    @Sendable public static func readExample(_ text: String, format: String) -> ExtractedDocument? {
        let name = format == "markdown" ? "<example>.md" : "<example>.\(format)"
        guard var document = try? DocumentReader().read(bytes: Array(text.utf8), name: name) else { return nil }
        document.path = "<example>"
        return document
    }

    /// Plain-text files larger than this are read by `readLargeText`.
    public static let largeText = 16 << 20

    /// A plain-text file of more than `largeText` bytes, valid UTF-8 without a byte-order mark,
    /// read straight into the string it is checked as: its bytes and the decoded string were
    /// both held while it was read (two copies of a 200 MB file). `refuse` sees the file's
    /// first 64 KiB first (a report of adlaw's own is not copy). Nil when the file is not such
    /// a file (another format, small, or text that needs decoding): read it with `readBytes`.
    public func readLargeText(path: String, refuse: ([UInt8]) throws(ExtractionError) -> Void) throws(ExtractionError) -> ExtractedDocument? {
        guard let extractor = extractor(for: path) as? PlainTextExtractor, FileKind(path: path) == .regular,
              let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let end = try? handle.seekToEnd(), (try? handle.seek(toOffset: 0)) != nil else { return nil }
        let size = Int(end)
        guard size > Self.largeText, size <= maxFileSize else { return nil }
        let descriptor = handle.fileDescriptor
        var usable = true
        let text = String(unsafeUninitializedCapacity: size) { buffer in
            var count = 0
            while count < size {
                let got = readDescriptor(descriptor, buffer.baseAddress! + count, size - count)
                if got > 0 { count += got; continue }
                if got < 0 && errno == EINTR { continue }
                break
            }
            // Anything `TextDecoding` would treat otherwise goes the usual way: a short read
            // or a file that grew, a byte-order mark, NUL bytes near the start, invalid UTF-8.
            var probe: UInt8 = 0
            let bytes = UnsafeBufferPointer(rebasing: buffer[0..<count])
            if count != size || readDescriptor(descriptor, &probe, 1) != 0 || bytes.starts(with: [0xEF, 0xBB, 0xBF])
                || bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
                || bytes.prefix(8192).contains(0) || !UTF8Buffer.isWellFormed(bytes) {
                usable = false
                return 0
            }
            return count
        }
        guard usable else { return nil }
        let head = Array(text.utf8.prefix(64 << 10))
        try refuse(head)
        if let error = ContentSniffer.mismatch(head, format: extractor.format, path: path) { throw error }
        return try finish(extractor.extract(text: text, path: path), fileSize: size, path: path)
    }

    public func readBytes(path: String) throws(ExtractionError) -> [UInt8] {
        let kind = FileKind(path: path)
        if let error = kind.error(for: path) { throw error }
        if kind == .directory { throw .unreadable(path: path, reason: "it is a folder") }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .unreadable(path: path, reason: "permission denied")
        }
        defer { try? handle.close() }
        // A pipe or a device named explicitly (`<(...)`, /dev/stdin) has no size: read it in chunks.
        if case .special = kind { return try readChunks(handle, name: path) }
        let size: Int
        do {
            size = Int(try handle.seekToEnd())
            try handle.seek(toOffset: 0)
        } catch {
            throw .unreadable(path: path, reason: "\(error.localizedDescription)")
        }
        guard size <= maxFileSize else { throw .tooLarge(path: path, size: size, limit: maxFileSize) }
        // Read straight into the array: reading into `Data` and converting held the file twice
        // (a 200 MB file's peak RSS was set while it was read, not while it was checked).
        var bytes = try readAll(handle, capacity: size + 1, name: path)
        // One byte more than the size just taken: the file grew. Read on, still bounded.
        if bytes.count > size {
            while bytes.count <= maxFileSize {
                let more = try readAll(handle, capacity: 1 << 16, name: path)
                if more.isEmpty { break }
                bytes += more
            }
        }
        guard bytes.count <= maxFileSize else { throw .tooLarge(path: path, size: bytes.count, limit: maxFileSize) }
        return bytes
    }

    /// Reads from `handle` until `capacity` bytes or the end of the file.
    private func readAll(_ handle: FileHandle, capacity: Int, name: String) throws(ExtractionError) -> [UInt8] {
        let descriptor = handle.fileDescriptor
        var failure: Int32 = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: max(capacity, 1)) { buffer, count in
            count = 0
            while count < capacity {
                let got = readDescriptor(descriptor, buffer.baseAddress! + count, capacity - count)
                if got > 0 { count += got; continue }
                if got == 0 { break }
                if errno == EINTR { continue }
                failure = errno
                break
            }
        }
        if failure != 0 { throw .unreadable(path: name, reason: String(cString: strerror(failure))) }
        return bytes
    }

    /// Reads a stream to its end, refusing it as soon as it passes the size limit.
    private func readChunks(_ handle: FileHandle, name: String) throws(ExtractionError) -> [UInt8] {
        var bytes: [UInt8] = []
        while true {
            let chunk: Data
            do { chunk = try handle.read(upToCount: 1 << 16) ?? Data() } catch {
                throw .unreadable(path: name, reason: "\(error.localizedDescription)")
            }
            if chunk.isEmpty { return bytes }
            bytes += chunk
            guard bytes.count <= maxFileSize else { throw .tooLarge(path: name, size: bytes.count, limit: maxFileSize) }
        }
    }

    /// Reads all of standard input, bounded by the size limit.
    /// Empty input (or only white space) is an error: a run that read nothing must not look
    /// like a clean one.
    public func readStandardInput(name: String) throws(ExtractionError) -> ExtractedDocument {
        let bytes = try readChunks(FileHandle.standardInput, name: name)
        // A UTF-8 byte-order mark, spaces, tabs and line ends hold no copy.
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes[...]
        if body.allSatisfy({ [0x20, 0x09, 0x0A, 0x0D].contains($0) }) { throw .emptyInput(path: name) }
        return try read(bytes: bytes, name: name)
    }
}
