import LintCore

/// Which Office application a package belongs to, from its main part, so that a file with
/// the wrong extension gets a clear error instead of an empty read.
enum OfficeKind: String {
    case word = "a Word document (.docx)"
    case presentation = "a PowerPoint presentation (.pptx)"
    case spreadsheet = "an Excel workbook (.xlsx)"

    static func of(_ package: OOXMLPackage) throws(ExtractionError) -> OfficeKind? {
        guard let main = try package.mainPart() else { return nil }
        if main.hasPrefix("word/") { return .word }
        if main.hasPrefix("ppt/") { return .presentation }
        if main.hasPrefix("xl/") { return .spreadsheet }
        return nil
    }

    static func expect(_ kind: OfficeKind, in package: OOXMLPackage) throws(ExtractionError) {
        let actual = try of(package)
        guard actual != kind else { return }
        let what = actual?.rawValue ?? "a ZIP archive that is not an Office document"
        throw .unsupportedFormat(path: package.path, detail: "the file is \(what), not \(kind.rawValue); give it its right extension")
    }
}
