import Extractors
import FileSelection
import Foundation
import LintCore
import Testing
import TestSupport

@Suite struct FileWalkerTests {
    @Test func walksFoldersForKnownExtensionsSkippingHiddenEntries() throws {
        let root = TestSupport.temporaryFolder()
        defer { TestSupport.remove(root) }
        try TestSupport.write([
            "b.md": "x", "a/c.txt": "x", "a/d.png": "x", ".hidden/e.md": "x", "a/.f.md": "x", "a/g.HTML": "x",
        ], in: root)
        let result = FileWalker(extensions: ["md", "txt", "html"]).expand([root.path])
        let names = result.files.map { $0.replacingOccurrences(of: root.path + "/", with: "") }
        #expect(names == ["a/c.txt", "a/g.HTML", "b.md"])
        #expect(result.diagnostics.contains { $0.code == .skippedFiles && $0.message.hasPrefix("1 file") })
    }

    @Test func explicitFilesAreAlwaysIncludedAndMissingOnesReported() throws {
        let root = TestSupport.temporaryFolder()
        defer { TestSupport.remove(root) }
        try TestSupport.write(["notes.rtf": "x"], in: root)
        let result = FileWalker(extensions: ["md"]).expand([root.appendingPathComponent("notes.rtf").path, root.appendingPathComponent("nope.md").path])
        #expect(result.files.count == 1)
        #expect(result.errors == [.notFound(path: root.appendingPathComponent("nope.md").path)])
    }

    @Test func symbolicLinkLoopsEndTheWalk() throws {
        let root = TestSupport.temporaryFolder()
        defer { TestSupport.remove(root) }
        try TestSupport.write(["a/copy.md": "x"], in: root)
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("a/loop").path, withDestinationPath: root.path)
        let result = FileWalker(extensions: ["md"]).expand([root.path])
        #expect(result.files.count == 1)
        #expect(result.diagnostics.contains { $0.code == .symlinkLoop })
    }
}

@Suite struct DocumentReaderTests {
    @Test func refusesFilesAboveTheSizeLimit() throws {
        let root = TestSupport.temporaryFolder()
        defer { TestSupport.remove(root) }
        try TestSupport.write(["big.txt": String(repeating: "廣", count: 100)], in: root)
        let path = root.appendingPathComponent("big.txt").path
        #expect(throws: ExtractionError.tooLarge(path: path, size: 300, limit: 100)) {
            try DocumentReader(maxFileSize: 100).read(path: path)
        }
    }

    @Test func picksTheExtractorByExtensionAndReadsUnknownOnesAsText() throws {
        let reader = DocumentReader()
        #expect(reader.extractor(for: "a.md").format == "markdown")
        #expect(reader.extractor(for: "a.HTM").format == "html")
        #expect(reader.extractor(for: "a.copy").format == "text")
    }

    @Test func reportsFoldersAndMissingFilesAsUnreadable() {
        #expect(throws: ExtractionError.notFound(path: "/no/such/file.txt")) { try DocumentReader().read(path: "/no/such/file.txt") }
        #expect(throws: ExtractionError.unreadable(path: "/tmp", reason: "it is a folder")) { try DocumentReader().read(path: "/tmp") }
    }
}
