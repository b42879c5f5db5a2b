import Extractors
import Foundation
import LintCore

/// What both annotators work from: the package being annotated, its path (for errors), and
/// the comments' author and date. Reads and tokenizes parts with the errors annotating
/// reports.
struct AnnotationContext {
    let package: OOXMLPackage
    let path: String
    let author: String
    /// The comments' date; nil leaves it out (reproducible output).
    let date: String?

    func read(_ part: String) throws(AnnotationError) -> Data? {
        try call { () throws(ExtractionError) in try package.read(part) }
    }

    func call<T>(_ body: () throws(ExtractionError) -> T) throws(AnnotationError) -> T {
        do { return try body() } catch { throw .unreadable(error) }
    }

    func tokenize(_ bytes: [UInt8], part: String) throws(AnnotationError) -> [XMLToken] {
        do { return try XMLTokenizer.tokenize(bytes) } catch { throw .damagedPart(path: path, part: part, offset: error.offset) }
    }
}

/// What annotating produced: the parts to replace or add, and how each finding was placed.
struct AnnotationOutcome {
    var parts: [String: [UInt8]] = [:]
    /// Parts that are new (the package's directory gets them at the end).
    var added: [String] = []
    /// Findings anchored exactly on their phrase.
    var exact = 0
    /// Findings anchored on their paragraph or on the first paragraph of the document
    /// (a header, an image's description, a phrase whose place could not be matched).
    var approximate: [Finding] = []
    /// Findings that could not be anchored anywhere (the document has no paragraph).
    var unanchored: [Finding] = []

    /// Adds a new part and what a reader needs to find it: a relationship from `owner` (in
    /// its `.rels` part, made when missing) and an `Override` in `[Content_Types].xml`.
    mutating func addPart(_ name: String, xml: String, owner: String, relationshipType: String, target: String,
                          contentType: String, context: AnnotationContext) throws(AnnotationError) {
        parts[name] = Array(xml.utf8)
        added.append(name)
        let relsPart = PackageEdits.relationshipsPart(of: owner)
        let rels = try current(relsPart, context: context)
        parts[relsPart] = try PackageEdits.addRelationship(to: rels, type: relationshipType, target: target, path: context.path, part: relsPart)
        if !context.package.contains(relsPart) && !added.contains(relsPart) { added.append(relsPart) }
        let typesPart = "[Content_Types].xml"
        let types = try current(typesPart, context: context)
        parts[typesPart] = try PackageEdits.addOverride(to: types, part: "/" + name, contentType: contentType, path: context.path)
    }

    /// A part as this outcome has it: changed already, or as in the package.
    private func current(_ part: String, context: AnnotationContext) throws(AnnotationError) -> [UInt8]? {
        if let changed = parts[part] { return changed }
        return try context.read(part).map(Array.init)
    }
}
