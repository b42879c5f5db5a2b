import Foundation
import LintCore

/// A document the client has open: its text as last sent, and the findings of its last check
/// (hover and code actions answer from them, so they always match the published diagnostics).
struct OpenDocument {
    var uri: String
    var languageId: String?
    var version: Int?
    var text: String
    var findings: [Finding] = []

    init(uri: String, languageId: String?, version: Int?, text: String) {
        self.uri = uri
        self.languageId = languageId
        self.version = version
        self.text = text
    }

    /// Extensions of the formats adlaw reads as text; other files (Office, PDF) are not
    /// edited as text in an editor.
    static let textExtensions: Set<String> = ["md", "markdown", "mdown", "mkd", "html", "htm", "xhtml", "txt", "text", "csv", "tsv", "json"]
    /// The extension a document without a known one is checked as, by its language id.
    static let languageExtensions = ["markdown": "md", "html": "html", "plaintext": "txt", "text": "txt",
                                     "csv": "csv", "tsv": "tsv", "json": "json", "jsonc": "json"]

    /// The name the document is checked under: its path (so `.adlaw.yml` globs and the
    /// format apply as to the file), with an extension from the language id when its own
    /// says nothing adlaw reads; nil for a document adlaw does not check.
    var checkedName: String? {
        let path = Self.filePath(uri) ?? (URL(string: uri)?.lastPathComponent).map { "/untitled/\($0)" } ?? "/untitled/document"
        let ext = (path as NSString).pathExtension.lowercased()
        if Self.textExtensions.contains(ext) { return path }
        guard let languageId, let mapped = Self.languageExtensions[languageId] else { return nil }
        return path + "." + mapped
    }

    /// The file-system path of a `file:` URI (percent-decoded), else nil.
    static func filePath(_ uri: String) -> String? {
        guard let url = URL(string: uri), url.isFileURL else { return nil }
        return url.path
    }
}
