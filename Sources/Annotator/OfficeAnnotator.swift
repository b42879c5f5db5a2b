import Extractors
import Foundation
import LintCore
import ZIPFoundation

/// `adlaw annotate`: a copy of a Word (.docx) or PowerPoint (.pptx) file with every finding
/// as a native comment by "adlaw", holding the message, each law and article with its
/// penalty, and the suggestion. Every part adlaw does not change is copied byte for byte
/// (decompressed and compressed again); the original file is never touched.
public struct OfficeAnnotator: Sendable {
    public var limits: ExtractionLimits
    public var author: String
    /// The comments' date (`2026-12-06T09:00:00Z`); nil leaves it out (reproducible output).
    public var date: String?

    public init(limits: ExtractionLimits = ExtractionLimits(), author: String = "adlaw", date: String?) {
        self.limits = limits
        self.author = author
        self.date = date
    }

    /// The formats that can be annotated, by extension.
    public static let extensions: Set<String> = ["docx", "docm", "pptx", "pptm"]

    /// What annotating a file gave.
    public struct Result: Sendable {
        /// The annotated package.
        public var bytes: Data
        /// Findings anchored exactly on their phrase.
        public var exact: Int
        /// Findings anchored on their paragraph, shape or the document's start instead, each
        /// comment saying where the phrase is.
        public var approximate: [Finding]
    }

    /// Annotates `bytes` (the file at `path`) with `findings` (of that file, in stable order).
    public func annotate(_ bytes: [UInt8], path: String, findings: [Finding]) throws(AnnotationError) -> Result {
        let ext = (path as NSString).pathExtension.lowercased()
        guard Self.extensions.contains(ext) else {
            throw .unsupported(path: path, reason: "only Word (.docx) and PowerPoint (.pptx) files can hold comments; for other formats use `adlaw check` or `adlaw audit`")
        }
        let package: OOXMLPackage
        do { package = try OOXMLPackage(bytes: bytes, path: path, limits: limits) } catch { throw .unreadable(error) }
        let context = AnnotationContext(package: package, path: path, author: author, date: date)
        let outcome = ext.hasPrefix("doc") ? try WordAnnotator(context: context).annotate(findings)
                                           : try SlideAnnotator(context: context).annotate(findings)
        let data = try PackageWriter.write(package, replacing: outcome.parts, adding: outcome.added, path: path)
        return Result(bytes: data, exact: outcome.exact, approximate: outcome.approximate)
    }
}

/// Writes a package: every part in its original order, changed ones replaced, new ones at
/// the end.
enum PackageWriter {
    static func write(_ package: OOXMLPackage, replacing parts: [String: [UInt8]], adding added: [String], path: String) throws(AnnotationError) -> Data {
        do {
            let archive = try Archive(data: Data(), accessMode: .create)
            let fixedDate = Date(timeIntervalSince1970: 315_532_800)  // 1980-01-01: ZIP's epoch, for reproducible output
            for name in package.orderedPartNames + added.filter({ !package.contains($0) }) {
                let data: Data
                if let replaced = parts[name] { data = Data(replaced) } else {
                    guard let original = try package.read(name) else { continue }
                    data = original
                }
                if name.hasSuffix("/") { continue }
                try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), modificationDate: fixedDate,
                                     compressionMethod: .deflate) { position, size in
                    data.subdata(in: Int(position)..<Int(position) + size)
                }
            }
            guard let out = archive.data else { throw AnnotationError.writeFailed(path: path, reason: "the archive has no data") }
            return out
        } catch let error as AnnotationError {
            throw error
        } catch let error as ExtractionError {
            throw .unreadable(error)
        } catch {
            throw .writeFailed(path: path, reason: "\(error)")
        }
    }
}
