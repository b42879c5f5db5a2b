import Foundation
import ZIPFoundation

/// An Office Open XML package (DOCX, PPTX, XLSX) read from memory with ZIPFoundation, with
/// the limits that make zip bombs harmless: a cap on entries, on each part's decompressed
/// size (checked against the header and again while inflating, since headers can lie), on
/// the total read, and on the compression ratio. Parts are never written to disk.
final class OOXMLPackage {
    let path: String
    let limits: ExtractionLimits
    private let archive: Archive
    private var entries: [String: Entry] = [:]
    private var totalRead: UInt64 = 0
    /// The private folder holding the archive's bytes while it is read.
    private let folder: URL

    init(bytes: [UInt8], path: String, limits: ExtractionLimits) throws(ExtractionError) {
        self.path = path
        self.limits = limits
        // The archive is read from a file, not from memory: ZIPFoundation's in-memory reader
        // traps (a negative range) when a damaged header points past the end of the data, and a
        // crash there would end the whole run. Reading a file past its end just fails.
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("adlaw-ooxml-\(UUID().uuidString)")
        let file = folder.appendingPathComponent("package.zip")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
            try Data(bytes).write(to: file)
        } catch {
            try? FileManager.default.removeItem(at: folder)
            throw .unreadable(path: path, reason: "cannot write a temporary copy to read the archive: \(error.localizedDescription)")
        }
        do {
            archive = try Archive(url: file, accessMode: .read)
        } catch {
            try? FileManager.default.removeItem(at: folder)
            throw .malformed(path: path, line: nil, column: nil,
                             reason: "not a readable ZIP archive (truncated or damaged); open and save it again in Office")
        }
        var count = 0
        for entry in archive {
            count += 1
            guard count <= limits.maxArchiveEntries else {
                throw .limitExceeded(path: path, what: "more than \(limits.maxArchiveEntries) entries in the archive")
            }
            if entries[entry.path] == nil { entries[entry.path] = entry }
        }
        if count == 0 {
            throw .malformed(path: path, line: nil, column: nil, reason: "the ZIP archive is empty or its directory is damaged")
        }
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    /// Part names in the package.
    var partNames: [String] { Array(entries.keys) }

    func contains(_ part: String) -> Bool { entries[part] != nil }

    /// The bytes of a part, within the limits; `nil` when the package has no such part.
    func read(_ part: String) throws(ExtractionError) -> Data? {
        guard let entry = entries[part] else { return nil }
        let declared = entry.uncompressedSize
        if declared > limits.maxPartSize {
            throw .limitExceeded(path: path, what: "part \(part) inflates to \(declared) bytes, above the \(limits.maxPartSize)-byte limit (a zip bomb?)")
        }
        var out = Data()
        out.reserveCapacity(Int(min(declared, 1 << 24)))
        let maxPart = limits.maxPartSize
        let maxRatio = limits.maxCompressionRatio
        let compressed = max(entry.compressedSize, 1)
        var limitHit: ExtractionError?
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                let size = UInt64(out.count + chunk.count)
                if size > maxPart {
                    limitHit = .limitExceeded(path: self.path, what: "part \(part) inflates past the \(maxPart)-byte limit although its header says \(declared) bytes (a zip bomb)")
                    throw CancellationError()
                }
                // Checked while inflating, so a bomb is stopped after 4 MiB, not at the size cap.
                if size > 4 << 20 && size / compressed > maxRatio {
                    limitHit = .limitExceeded(path: self.path, what: "part \(part) is compressed more than \(maxRatio):1 (a zip bomb?)")
                    throw CancellationError()
                }
                out.append(chunk)
            }
        } catch {
            if let limitHit { throw limitHit }
            throw .malformed(path: path, line: nil, column: nil,
                             reason: "part \(part) cannot be decompressed (\(Self.describe(error))); the file is truncated or damaged")
        }
        totalRead += UInt64(out.count)
        if totalRead > limits.maxTotalSize {
            throw .limitExceeded(path: path, what: "the parts read inflate past \(limits.maxTotalSize) bytes in all")
        }
        return out
    }

    /// The relationships of a part (`word/document.xml` -> `word/_rels/document.xml.rels`):
    /// id -> (type, resolved target part). External targets are left out.
    func relationships(of part: String) throws(ExtractionError) -> [String: Relationship] {
        let directory = (part as NSString).deletingLastPathComponent
        let name = (part as NSString).lastPathComponent
        let relsPart = (directory.isEmpty ? "" : directory + "/") + "_rels/" + name + ".rels"
        guard let data = try read(relsPart) else { return [:] }
        var out: [String: Relationship] = [:]
        let handler = RelationshipHandler()
        try XMLEventParser(part: relsPart, path: path, maxDepth: limits.maxNestingDepth).parse(data, handler: handler)
        for item in handler.items where item.external == false {
            out[item.id] = Relationship(type: item.type, target: Self.resolve(item.target, from: directory))
        }
        return out
    }

    struct Relationship: Sendable {
        /// The relationship type URI's last component (`slide`, `notesSlide`, `header`, ...).
        var type: String
        var target: String
    }

    /// The package's main part (the officeDocument relationship of `_rels/.rels`).
    func mainPart() throws(ExtractionError) -> String? {
        try relationships(of: "").values.first { $0.type == "officeDocument" }?.target
    }

    /// Resolves a relationship target against the folder of its source part.
    static func resolve(_ target: String, from directory: String) -> String {
        if target.hasPrefix("/") { return String(target.dropFirst()) }
        var parts = directory.split(separator: "/").map(String.init)
        for component in target.split(separator: "/") {
            if component == ".." { _ = parts.popLast() } else if component != "." { parts.append(String(component)) }
        }
        return parts.joined(separator: "/")
    }

    private static func describe(_ error: Error) -> String {
        if let archiveError = error as? Archive.ArchiveError { return "\(archiveError)" }
        return "\(error)"
    }
}

/// Reads `<Relationship Id Type Target TargetMode>` elements.
private final class RelationshipHandler: XMLEventHandler {
    struct Item {
        var id: String
        var type: String
        var target: String
        var external: Bool
    }

    var items: [Item] = []

    func start(_ name: String, attributes: [String: String]) {
        guard name == "Relationship", let id = attributes["Id"], let type = attributes["Type"], let target = attributes["Target"] else { return }
        let shortType = type.split(separator: "/").last.map(String.init) ?? type
        items.append(Item(id: id, type: shortType, target: target, external: attributes["TargetMode"] == "External"))
    }

    func end(_ name: String) {}
    func text(_ string: String) {}
}
