import AtomicFiles
import LintCore
import CZlibInflate
import Foundation
import ZIPFoundation

/// An Office Open XML package (DOCX, PPTX, XLSX). ZIPFoundation reads the archive's
/// directory from a private temporary copy of the file (its in-memory reader traps on
/// damaged headers); each part is inflated with zlib from the entry's own compressed bytes
/// (ZIPFoundation's inflate loop can spin forever on a damaged stream). The limits make zip
/// bombs harmless: a cap on entries, on each part's decompressed size (checked against the
/// header and again while inflating, since headers can lie), on the total read, and on the
/// compression ratio. Parts are inflated in memory, never written to disk. Public for
/// `adlaw annotate`, which reads a package through the same limits before it writes a copy.
public final class OOXMLPackage {
    let path: String
    let limits: ExtractionLimits
    private let archive: Archive
    /// The package's bytes: parts are inflated from them (see `inflate`).
    private let bytes: [UInt8]
    private var entries: [String: Entry] = [:]
    /// Part names in the order of the archive's directory.
    public private(set) var orderedPartNames: [String] = []
    private var totalRead: UInt64 = 0
    /// The private folder holding the archive's bytes while it is read.
    private let folder: URL
    /// The folder's and the copy's slots in `SignalCleanup` (removed if adlaw is killed).
    private var cleanupSlots: [Int] = []

    public init(bytes: [UInt8], path: String, limits: ExtractionLimits) throws(ExtractionError) {
        self.path = path
        self.limits = limits
        self.bytes = bytes
        // The archive is read from a file, not from memory: ZIPFoundation's in-memory reader
        // traps (a negative range) when a damaged header points past the end of the data, and a
        // crash there would end the whole run. Reading a file past its end just fails.
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("adlaw-ooxml-\(UUID().uuidString)")
        let file = folder.appendingPathComponent("package.zip")
        let slots = [folder.path, file.path].compactMap(SignalCleanup.register)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
            try Data(bytes).write(to: file)
        } catch {
            try? FileManager.default.removeItem(at: folder)
            slots.forEach(SignalCleanup.release)
            throw .unreadable(path: path, reason: "cannot write a temporary copy to read the archive: \(error.localizedDescription)")
        }
        do {
            archive = try Archive(url: file, accessMode: .read)
        } catch {
            try? FileManager.default.removeItem(at: folder)
            slots.forEach(SignalCleanup.release)
            throw .malformed(path: path, line: nil, column: nil,
                             reason: "not a readable ZIP archive (truncated or damaged); open and save it again in Office")
        }
        cleanupSlots = slots
        var count = 0
        for entry in archive {
            count += 1
            guard count <= limits.maxArchiveEntries else {
                throw .limitExceeded(path: path, what: "more than \(limits.maxArchiveEntries) entries in the archive")
            }
            if entries[entry.path] == nil {
                entries[entry.path] = entry
                orderedPartNames.append(entry.path)
            }
        }
        if count == 0 {
            throw .malformed(path: path, line: nil, column: nil, reason: "the ZIP archive is empty or its directory is damaged")
        }
    }

    deinit {
        try? FileManager.default.removeItem(at: folder)
        cleanupSlots.forEach(SignalCleanup.release)
    }

    /// Part names in the package.
    var partNames: [String] { Array(entries.keys) }

    public func contains(_ part: String) -> Bool { entries[part] != nil }

    /// Whether the entry is a regular file (not a folder or a symbolic link).
    func isFile(_ part: String) -> Bool { entries[part]?.type == .file }

    /// The bytes of a part, within the limits; `nil` when the package has no such part.
    public func read(_ part: String) throws(ExtractionError) -> Data? {
        guard let entry = entries[part] else { return nil }
        let declared = entry.uncompressedSize
        if declared > limits.maxPartSize {
            throw .limitExceeded(path: path, what: "part \(part) inflates to \(declared) bytes, above the \(limits.maxPartSize)-byte limit (a zip bomb?)")
        }
        let out = try inflate(entry, part: part)
        totalRead += UInt64(out.count)
        if totalRead > limits.maxTotalSize {
            throw .limitExceeded(path: path, what: "the parts read inflate past \(limits.maxTotalSize) bytes in all")
        }
        return out
    }

    /// A part's bytes, inflated from the package's bytes with zlib rather than through
    /// `Archive.extract`: ZIPFoundation's inflate loop reads on past the entry and spins
    /// forever at the end of the file when a damaged stream never ends (found by
    /// fuzz-office). Here the input is the entry's own compressed bytes, so a stream that
    /// does not end within them is an error, and the limits are checked as it inflates.
    private func inflate(_ entry: Entry, part: String) throws(ExtractionError) -> Data {
        let damaged = { (what: String) -> ExtractionError in
            .malformed(path: self.path, line: nil, column: nil, reason: "part \(part) cannot be decompressed (\(what)); the file is truncated or damaged")
        }
        guard let headerOffset = Self.localHeaderOffset(entry), bytes.count >= 30, headerOffset <= UInt64(bytes.count - 30),
              let offset = Int(exactly: headerOffset), bytes[offset..<(offset + 4)].elementsEqual([0x50, 0x4B, 0x03, 0x04]) else {
            throw damaged("no local header where the directory says")
        }
        let nameLength = Int(bytes[offset + 26]) | Int(bytes[offset + 27]) << 8
        let extraLength = Int(bytes[offset + 28]) | Int(bytes[offset + 29]) << 8
        let start = offset + 30 + nameLength + extraLength
        guard entry.compressedSize <= UInt64(bytes.count), start + Int(entry.compressedSize) <= bytes.count else {
            throw damaged("its data runs past the end of the file")
        }
        let input = Array(bytes[start..<(start + Int(entry.compressedSize))])
        let out: Data
        if entry.isCompressed {
            out = try inflateRaw(input, part: part, declared: entry.uncompressedSize, damaged: damaged)
        } else {
            if UInt64(input.count) > limits.maxPartSize {
                throw .limitExceeded(path: path, what: "part \(part) is \(input.count) bytes, above the \(limits.maxPartSize)-byte limit")
            }
            out = Data(input)
        }
        let crc = out.withUnsafeBytes { raw in
            CZlibInflate.crc32(0, raw.bindMemory(to: UInt8.self).baseAddress, uInt(raw.count))
        }
        guard UInt32(truncatingIfNeeded: crc) == entry.checksum else { throw damaged("its checksum does not match") }
        return out
    }

    /// Inflates raw deflate data, stopping at the part-size and compression-ratio limits.
    private func inflateRaw(_ input: [UInt8], part: String, declared: UInt64,
                            damaged: (String) -> ExtractionError) throws(ExtractionError) -> Data {
        var stream = z_stream()
        guard inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw damaged("zlib could not be started")
        }
        defer { inflateEnd(&stream) }
        var out = Data()
        out.reserveCapacity(Int(min(declared, 1 << 24)))
        let maxPart = limits.maxPartSize
        let maxRatio = limits.maxCompressionRatio
        let compressed = UInt64(max(input.count, 1))
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var status = Z_OK
        var limitHit: ExtractionError?
        var source = input
        source.withUnsafeMutableBufferPointer { inBuffer in
            stream.next_in = inBuffer.baseAddress
            stream.avail_in = uInt(inBuffer.count)
            while status == Z_OK {
                let produced: Int = buffer.withUnsafeMutableBufferPointer { outBuffer in
                    stream.next_out = outBuffer.baseAddress
                    stream.avail_out = uInt(outBuffer.count)
                    status = CZlibInflate.inflate(&stream, Z_NO_FLUSH)
                    return outBuffer.count - Int(stream.avail_out)
                }
                let size = UInt64(out.count + produced)
                if size > maxPart {
                    limitHit = .limitExceeded(path: path, what: "part \(part) inflates past the \(maxPart)-byte limit although its header says \(declared) bytes (a zip bomb)")
                    return
                }
                // Checked while inflating, so a bomb is stopped after 4 MiB, not at the size cap.
                if size > 4 << 20 && size / compressed > maxRatio {
                    limitHit = .limitExceeded(path: path, what: "part \(part) is compressed more than \(maxRatio):1 (a zip bomb?)")
                    return
                }
                out.append(contentsOf: buffer[0..<produced])
            }
        }
        if let limitHit { throw limitHit }
        // Z_BUF_ERROR: the input ended before the stream did.
        guard status == Z_STREAM_END else { throw damaged(status == Z_BUF_ERROR ? "the compressed data ends early" : "the compressed data is damaged") }
        return out
    }

    /// Where the entry's local header is. ZIPFoundation reads it from the central directory
    /// but keeps it internal, so its directory record is read by reflection.
    private static func localHeaderOffset(_ entry: Entry) -> UInt64? {
        guard let record = Mirror(reflecting: entry).descendant("centralDirectoryStructure") else { return nil }
        let mirror = Mirror(reflecting: record)
        if let zip64 = mirror.descendant("zip64ExtendedInformation", "some", "relativeOffsetOfLocalHeader") as? UInt64, zip64 > 0 {
            return zip64
        }
        return (mirror.descendant("relativeOffsetOfLocalHeader") as? UInt32).map(UInt64.init)
    }

    /// The relationships of a part (`word/document.xml` -> `word/_rels/document.xml.rels`):
    /// id -> (type, resolved target part). External targets are left out.
    public func relationships(of part: String) throws(ExtractionError) -> [String: Relationship] {
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

    public struct Relationship: Sendable {
        /// The relationship type URI's last component (`slide`, `notesSlide`, `header`, ...).
        public var type: String
        public var target: String
    }

    /// The package's main part (the officeDocument relationship of `_rels/.rels`).
    public func mainPart() throws(ExtractionError) -> String? {
        try relationships(of: "").values.first { $0.type == "officeDocument" }?.target
    }

    /// Resolves a relationship target against the folder of its source part.
    public static func resolve(_ target: String, from directory: String) -> String {
        if target.hasPrefix("/") { return String(target.dropFirst()) }
        var parts = directory.split(separator: "/").map(String.init)
        for component in target.split(separator: "/") {
            if component == ".." { _ = parts.popLast() } else if component != "." { parts.append(String(component)) }
        }
        return parts.joined(separator: "/")
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
