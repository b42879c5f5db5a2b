import LintCore

/// The files inside an uploaded ZIP archive (`POST /v1/audit`), read as an Office file is
/// (`OOXMLPackage`: from a private temporary copy deleted after, with the same zip-bomb
/// limits: entries, each file's inflated size checked against its header and while
/// inflating, the total, the compression ratio). Entry names are only the names findings
/// are reported under; nothing is written under them.
public enum ZipUpload {
    /// One file of the archive, named `archive.zip/folder/file.docx`.
    public struct Member: Sendable, Hashable {
        public var name: String
        public var bytes: [UInt8]
    }

    /// The archive's regular files whose extension `reads` accepts, in name order, and the
    /// names of the entries left out (other formats, hidden files, folders, symbolic links,
    /// names that climb out of the archive).
    public static func members(of bytes: [UInt8], name: String, limits: ExtractionLimits,
                               reads: (String) -> Bool) throws(ExtractionError) -> (members: [Member], skipped: [String]) {
        let package = try OOXMLPackage(bytes: bytes, path: name, limits: limits)
        var members: [Member] = []
        var skipped: [String] = []
        for entry in package.partNames.sorted() {
            let parts = entry.split(whereSeparator: { $0 == "/" || $0 == "\\" })
            guard let last = parts.last else { continue }
            let climbs = entry.hasPrefix("/") || entry.hasPrefix("\\") || parts.contains("..") || parts.contains { $0.contains(":") }
            let hidden = parts.contains { $0.hasPrefix(".") } || parts.first == "__MACOSX"
            if entry.hasSuffix("/") && !package.isFile(entry) { continue }
            guard package.isFile(entry), !climbs, !hidden, reads(String(last)) else {
                skipped.append(entry)
                continue
            }
            guard let data = try package.read(entry) else { continue }
            members.append(Member(name: name + "/" + parts.joined(separator: "/"), bytes: [UInt8](data)))
        }
        return (members, skipped)
    }
}
