import Extractors
import Foundation
import Git
import LintCore
import Reporters
import Workflow

/// One document of a run: a file, standard input, a file's staged content, or bytes
/// already in memory.
enum DocumentSource {
    /// A file; `walked` when it was found by walking a folder rather than named.
    case file(String, walked: Bool)
    case standardInput(String)
    case memory(InMemoryDocument)
    /// The index's copy of a file, reported under its path relative to the working folder.
    case staged(GitRepository.StagedFile, GitRepository)

    /// The path reported for the input.
    var path: String {
        switch self {
        case let .file(path, _): path
        case let .standardInput(name): name
        case let .memory(document): document.name
        case let .staged(file, repository): repository.displayPath(file.path)
        }
    }

    func read(with reader: DocumentReader) throws(ExtractionError) -> ExtractedDocument {
        switch self {
        case let .file(path, _):
            // A report written into the checked folder, or a committed baseline, is not read
            // back as copy, however it is reached: the pre-commit framework names each file.
            let refuse = { (head: [UInt8]) throws(ExtractionError) in
                if let kind = ReportSignature.kind(of: head) { throw .adlawOutput(path: path, kind: kind) }
            }
            if let document = try reader.readLargeText(path: path, refuse: refuse) { return document }
            let bytes = try reader.readBytes(path: path)
            try refuse(bytes)
            return try reader.read(bytes: bytes, name: path)
        case let .standardInput(name):
            return try reader.readStandardInput(name: name)
        case let .memory(document):
            return try reader.read(bytes: document.bytes, name: document.name)
        case let .staged(file, repository):
            // The size is known from the index: a blob above the limit is never read.
            guard file.size <= reader.maxFileSize else { throw .tooLarge(path: path, size: file.size, limit: reader.maxFileSize) }
            let bytes: [UInt8]
            do { bytes = try repository.contents(ofBlob: file.blob) } catch {
                throw .unreadable(path: path, reason: error.description)
            }
            // The hook stages the baseline beside the copy (the README's adoption path).
            if let kind = ReportSignature.kind(of: bytes) { throw .adlawOutput(path: path, kind: kind) }
            return try reader.read(bytes: bytes, name: path)
        }
    }

    /// The suppression sidecar (`<file>.adlaw`) from the same place as the input: the
    /// working tree for a file, the index for staged content.
    func sidecar() -> (path: String, text: String)? {
        switch self {
        case let .file(path, _):
            let sidecar = DirectiveCollector.sidecarPath(for: path)
            // A linked sidecar could lead anywhere (see LinkBoundary); it is not read. Most
            // files have none: one `lstat` says so (FileManager's attributes made an error
            // object for each missing sidecar, 1% of the CPU time of checking 2,000 short pages).
            var info = stat()
            guard lstat(sidecar, &info) == 0, info.st_mode & S_IFMT != S_IFLNK,
                  let data = FileManager.default.contents(atPath: sidecar) else { return nil }
            return (sidecar, String(decoding: data, as: UTF8.self))
        case .standardInput, .memory:
            return nil
        case let .staged(file, repository):
            let sidecar = DirectiveCollector.sidecarPath(for: file.path)
            guard let bytes = try? repository.indexContents(of: sidecar) else { return nil }
            return (repository.displayPath(sidecar), String(decoding: bytes, as: UTF8.self))
        }
    }
}
