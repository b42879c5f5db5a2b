import Checker
import Extractors
import Foundation
import Hummingbird
import LintCore

/// What one request asks to check: its documents, the run's options, and for an audit the
/// report's format and title.
struct CheckWork: Sendable {
    var documents: [InMemoryDocument]
    var options: CheckOptions
    var format = "html"
    var title = "廣告文案"
    /// Notes for the response: entries of an uploaded archive that were not checked.
    var notes: [Diagnostic] = []
}

extension CheckServer {
    /// The fields a multipart body may have, besides its files.
    static let formFields = ["text", "filename", "sectors", "only", "disable", "minSeverity", "checklists", "publisher", "format", "title"]

    /// Reads a request: a JSON body (`CheckRequest`), a `multipart/form-data` upload, or the
    /// bytes of one file with `?filename=`. `?sectors=` and `?publisher=` apply to every kind of body. `audit` allows several files and
    /// ZIP archives (their files are checked one by one).
    func work(_ request: Request, audit: Bool) async throws -> CheckWork {
        let body = try await request.body.collect(upTo: server.maxRequestBytes)
        let bytes = Array(body.readableBytesView)
        let type = request.headers[.contentType] ?? ""
        let query = request.uri.queryParameters
        var work = CheckWork(documents: [], options: options)
        if let format = query["format"] { work.format = String(format) }
        if let title = query["title"] { work.title = String(title) }
        // For every kind of body (a JSON field or form field of the same name wins).
        if let publisher = query["publisher"].map(String.init) {
            try Self.checkPublisher(publisher)
            work.options.publisher = publisher
        }
        if let sectors = query["sectors"] { work.options.sectors = sectors.split(separator: ",").map(String.init) }
        if type.lowercased().hasPrefix("application/json") {
            if let offset = Self.invalidUTF8Offset(bytes) {
                throw HTTPError(.badRequest, message: "the body is not valid UTF-8 (byte \(offset)); JSON must be UTF-8")
            }
            let decoded: CheckRequest
            do { decoded = try JSONDecoder().decode(CheckRequest.self, from: Data(bytes)) } catch {
                throw HTTPError(.badRequest, message: "the body is not a check request ({\"text\": ...}): \(Self.reason(error))")
            }
            if let publisher = decoded.publisher { try Self.checkPublisher(publisher) }
            work.documents = [InMemoryDocument(name: Self.safeName(decoded.filename ?? "text.txt"), text: decoded.text)]
            work.options = decoded.options(base: work.options)
            return work
        }
        if let boundary = UploadForm.boundary(contentType: type) {
            guard let boundary else { throw HTTPError(.badRequest, message: UploadForm.Problem.noBoundary.description) }
            return try form(bytes, boundary: boundary, audit: audit, into: work)
        }
        guard let filename = query["filename"].map(String.init), !filename.isEmpty else {
            throw HTTPError(.badRequest, message: "send JSON ({\"text\": ...}), a multipart/form-data upload (a `file` part), or a file's bytes with ?filename=NAME (its extension picks the format)")
        }
        try add(File(name: filename, bytes: bytes), audit: audit, to: &work)
        return work
    }

    private typealias File = (name: String, bytes: [UInt8])

    /// A publisher the request names must be one adlaw knows (400 saying which, not a check
    /// run as the default).
    static func checkPublisher(_ value: String) throws {
        guard Publisher(named: value) != nil else {
            throw HTTPError(.badRequest, message: "publisher: \(Publisher.accepted), not `\(value)`")
        }
    }

    /// A multipart upload: `file` parts (any part with a filename), a `text` field, and the
    /// options as fields (`sectors`, `only`, `disable` repeated or comma-separated).
    private func form(_ bytes: [UInt8], boundary: String, audit: Bool, into work: CheckWork) throws -> CheckWork {
        var work = work
        let form: UploadForm
        do { form = try UploadForm(body: bytes, boundary: boundary, maxParts: server.maxParts) } catch {
            throw HTTPError(.badRequest, message: error.description)
        }
        if let unknown = form.fields.first(where: { !Self.formFields.contains($0.name) }) {
            throw HTTPError(.badRequest, message: "unknown field `\(unknown.name)`; the fields are \(Self.formFields.joined(separator: ", ")) and files")
        }
        if let sectors = form.list("sectors") { work.options.sectors = sectors }
        if let only = form.list("only") { work.options.only = only }
        if let disable = form.list("disable") { work.options.disable = options.disable + disable }
        if let value = form.value("minSeverity") {
            guard let severity = Severity(rawValue: value) else {
                throw HTTPError(.badRequest, message: "minSeverity: info, warning or error, not `\(value)`")
            }
            work.options.minSeverity = severity
        }
        if let value = form.value("checklists") {
            guard value == "true" || value == "false" else { throw HTTPError(.badRequest, message: "checklists: true or false, not `\(value)`") }
            work.options.includeChecklists = value == "true"
        }
        if let publisher = form.value("publisher") {
            try Self.checkPublisher(publisher)
            work.options.publisher = publisher
        }
        if let format = form.value("format") { work.format = format }
        if let title = form.value("title") { work.title = title }
        if let text = form.value("text") {
            try add(File(name: form.value("filename") ?? "text.txt", bytes: Array(text.utf8)), audit: audit, to: &work)
        }
        for file in form.files { try add(File(name: file.filename, bytes: file.bytes), audit: audit, to: &work) }
        guard !work.documents.isEmpty else {
            throw HTTPError(.badRequest, message: "the upload has no file and no `text` field")
        }
        if !audit && work.documents.count > 1 {
            throw HTTPError(.badRequest, message: "POST /v1/check takes one file; send several files, or a ZIP archive, to POST /v1/audit")
        }
        return work
    }

    /// Adds an uploaded file; a ZIP archive (audit only) adds each file inside it that adlaw
    /// reads. Names are made unique, so suppressions and findings never mix two files.
    private func add(_ file: File, audit: Bool, to work: inout CheckWork) throws {
        let name = Self.safeName(file.name)
        var added: [InMemoryDocument] = []
        if name.lowercased().hasSuffix(".zip") {
            guard audit else {
                throw HTTPError(.badRequest, message: "\(name): POST /v1/check takes one file; send a ZIP archive to POST /v1/audit")
            }
            let already = work.documents.reduce(UInt64(0)) { $0 + UInt64($1.bytes.count) }
            let limits = ExtractionLimits(maxArchiveEntries: server.maxUploadFiles * 2, maxPartSize: 64 << 20,
                                          maxTotalSize: server.maxArchiveBytes > already ? server.maxArchiveBytes - already : 1)
            let reader = DocumentReader()
            let known = reader.knownExtensions
            let contents: (members: [ZipUpload.Member], skipped: [String])
            do {
                contents = try ZipUpload.members(of: file.bytes, name: name, limits: limits) { entry in
                    known.contains((entry as NSString).pathExtension.lowercased())
                }
            } catch {
                throw HTTPError(.unprocessableContent, message: "\(error.path): \(error.description)")
            }
            added = contents.members.map { InMemoryDocument(name: $0.name, bytes: $0.bytes) }
            if !contents.skipped.isEmpty {
                let listed = contents.skipped.prefix(10).joined(separator: ", ") + (contents.skipped.count > 10 ? ", ..." : "")
                work.notes.append(Diagnostic(code: .skippedFiles, level: .note, path: name,
                                             message: "\(contents.skipped.count) entr\(contents.skipped.count == 1 ? "y" : "ies") not checked (not a format adlaw reads, hidden, a folder or link, or a name outside the archive): \(listed)"))
            }
            if added.isEmpty {
                throw HTTPError(.unprocessableContent, message: "\(name): the archive holds no file adlaw reads (Word, PowerPoint, Excel, PDF, HTML, Markdown, CSV, JSON, text)")
            }
        } else {
            added = [InMemoryDocument(name: name, bytes: file.bytes)]
        }
        for var document in added {
            let base = document.name
            var copy = 1
            while work.documents.contains(where: { $0.name == document.name }) {
                copy += 1
                let ext = (base as NSString).pathExtension
                document.name = ext.isEmpty ? "\(base) (\(copy))" : "\((base as NSString).deletingPathExtension) (\(copy)).\(ext)"
            }
            work.documents.append(document)
        }
        guard work.documents.count <= server.maxUploadFiles else {
            throw HTTPError(.contentTooLarge, message: "more than \(server.maxUploadFiles) files in one request; split the upload")
        }
    }

    /// The offset of the first byte that is not part of valid UTF-8, or nil.
    static func invalidUTF8Offset(_ bytes: [UInt8]) -> Int? {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case let .scalarValue(scalar): offset += UTF8.width(scalar)
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }
}
