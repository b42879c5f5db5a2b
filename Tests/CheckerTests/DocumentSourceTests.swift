@testable import Checker
import Foundation
import Testing
import TestSupport

/// A file's suppression sidecar is read when it is a file beside it, and never through a
/// link (a linked sidecar could lead anywhere) nor when there is none.
@Suite struct DocumentSourceTests {
    @Test func aSidecarIsReadUnlessItIsALinkOrMissing() throws {
        let folder = TestSupport.temporaryFolder("sidecar")
        defer { TestSupport.remove(folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let copy = folder.appendingPathComponent("copy.md").path
        let linked = folder.appendingPathComponent("linked.md").path
        let none = folder.appendingPathComponent("none.md").path
        for path in [copy, linked, none] { try Data("保證有效\n".utf8).write(to: URL(fileURLWithPath: path)) }
        let text = "- rule: claims.guarantee\n  reason: 已取得檢驗報告\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: copy + ".adlaw"))
        try FileManager.default.createSymbolicLink(atPath: linked + ".adlaw", withDestinationPath: copy + ".adlaw")

        let read = try #require(DocumentSource.file(copy, walked: false).sidecar())
        #expect(read.path == copy + ".adlaw")
        #expect(read.text == text)
        #expect(DocumentSource.file(linked, walked: false).sidecar() == nil)
        #expect(DocumentSource.file(none, walked: false).sidecar() == nil)
        // A folder where the sidecar would be is not one either.
        try FileManager.default.createDirectory(atPath: none + ".adlaw", withIntermediateDirectories: false)
        #expect(DocumentSource.file(none, walked: false).sidecar() == nil)
    }
}
