import Foundation
import RuleCompiler
import Testing

/// What `RuleSetLoader.scan` lists in a rule folder: the rule-set cache's key hashes exactly
/// these files, so a file missed here is a rule edit the cache would not see.
@Suite struct FolderScanTests {
    @Test func listsYAMLFilesByPlaceSkipsHiddenOnesAndDoesNotFollowFolderLinks() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("adlaw-scan-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let files = ["sectors.yaml", "laws/fta.yaml", "lexicons/words.yaml", "lexicons/polarity.yaml", "food/b.yaml", "food/a.yml",
                     "food/notes.txt", "food/.draft.yaml", ".git/c.yaml", "food/deeper/d.yaml", "stray.yaml"]
        for file in files {
            let path = folder + "/" + file
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data("x: 1\n".utf8).write(to: URL(fileURLWithPath: path))
        }
        // A link to a folder is listed as nothing (not followed), as Foundation's enumerator did.
        try FileManager.default.createSymbolicLink(atPath: folder + "/linked", withDestinationPath: folder + "/food")

        let contents = try RuleSetLoader.scan(folder: folder)
        #expect(contents.sectors == folder + "/sectors.yaml")
        #expect(contents.lawFiles == [folder + "/laws/fta.yaml"])
        #expect(contents.polarity == folder + "/lexicons/polarity.yaml")
        #expect(contents.lexicons == [folder + "/lexicons/words.yaml"])
        #expect(contents.rules == [folder + "/food/a.yml", folder + "/food/b.yaml"])
        #expect(contents.misplaced == [folder + "/food/deeper/d.yaml", folder + "/stray.yaml"])
        #expect(contents.laws == nil)
    }

    @Test func aFolderGivenWithATrailingSlashGivesTheSamePaths() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("adlaw-scan-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/food", withIntermediateDirectories: true)
        try Data("x: 1\n".utf8).write(to: URL(fileURLWithPath: folder + "/food/a.yaml"))
        #expect(try RuleSetLoader.scan(folder: folder + "/").rules == [folder + "/food/a.yaml"])
    }
}
