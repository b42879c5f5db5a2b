import Foundation
import Testing
import TestSupport
import Workflow

@Suite struct AtomicFileTests {
    @Test func replacesTheFileWithTheAskedModeAndLeavesNothingElse() throws {
        let folder = TestSupport.temporaryFolder("atomic")
        defer { TestSupport.remove(folder) }
        let path = folder.appendingPathComponent("hook").path
        try AtomicFile.write("old", to: path)
        try AtomicFile.write("#!/bin/sh\n", to: path, permissions: 0o755)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "#!/bin/sh\n")
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o755)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["hook"])
    }

    @Test func aFolderThatDoesNotExistIsAnErrorAndNothingIsWritten() {
        #expect(throws: AtomicFile.WriteError.self) { try AtomicFile.write("x", to: "/nonexistent-adlaw/folder/file") }
    }
}

@Suite struct AtomicFileOverwriteTests {
    @Test func anExistingFileIsKeptUnlessTheRuleAllowsReplacingIt() throws {
        let folder = TestSupport.temporaryFolder("atomic")
        defer { TestSupport.remove(folder) }
        let path = folder.appendingPathComponent("report.md").path
        try AtomicFile.write("mine", to: path)
        #expect(throws: AtomicFile.WriteError.self) { try AtomicFile.write("new", to: path, overwrite: .never) }
        #expect(throws: AtomicFile.WriteError.self) {
            try AtomicFile.write("new", to: path, overwrite: .when { String(decoding: $0, as: UTF8.self).hasPrefix("# adlaw") })
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "mine")
        try AtomicFile.write("new", to: path, overwrite: .when { String(decoding: $0, as: UTF8.self) == "mine" })
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new")
    }
}
