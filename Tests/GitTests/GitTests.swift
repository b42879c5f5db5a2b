import Foundation
import Testing
import TestSupport
import Git

/// Staged content and hooks, in real temporary git repositories.
@Suite struct GitTests {
    /// A new repository with an identity, so commits work anywhere.
    static func repository() throws -> URL {
        let folder = TestSupport.temporaryFolder("git").resolvingSymlinksInPath()
        try git(["init", "-q"], in: folder)
        try git(["config", "user.email", "test@example.com"], in: folder)
        try git(["config", "user.name", "adlaw test"], in: folder)
        try git(["config", "core.hooksPath", ".git/hooks"], in: folder)
        try git(["config", "commit.gpgsign", "false"], in: folder)
        return folder
    }

    @discardableResult
    static func git(_ arguments: [String], in folder: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = folder
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw GitError.failed(command: arguments.joined(separator: " "), message: "status \(process.terminationStatus)") }
        return String(decoding: data, as: UTF8.self)
    }

    @Test func stagedFilesAreReadFromTheIndexNotTheWorkingTree() throws {
        let folder = try Self.repository()
        defer { TestSupport.remove(folder) }
        try TestSupport.write(["文案 資料夾/新品.md": "保證有效\n", "keep.md": "舊\n", "gone.md": "x\n", "old-name.md": "改名\n"], in: folder)
        try Self.git(["add", "-A"], in: folder)
        try Self.git(["commit", "-qm", "start"], in: folder)
        try TestSupport.write(["文案 資料夾/新品.md": "保證有效，更新\n", "new.txt": "新的\n"], in: folder)
        try Self.git(["add", "-A"], in: folder)
        try Self.git(["rm", "-q", "gone.md"], in: folder)
        try Self.git(["mv", "old-name.md", "new-name.md"], in: folder)
        // Changed in the working tree after staging: the commit holds the staged text.
        try TestSupport.write(["文案 資料夾/新品.md": "已改好\n"], in: folder)

        let repository = try GitRepository.discover(from: folder.path)
        let staged = try repository.stagedFiles()
        #expect(staged.map(\.path) == ["new-name.md", "new.txt", "文案 資料夾/新品.md"])
        let content = try repository.contents(ofBlob: staged[2].blob)
        #expect(String(decoding: content, as: UTF8.self) == "保證有效，更新\n")
        #expect(try repository.stagedFiles(limitedTo: ["文案 資料夾"]).map(\.path) == ["文案 資料夾/新品.md"])
        #expect(try repository.indexContents(of: "keep.md").map { String(decoding: $0, as: UTF8.self) } == "舊\n")
        #expect(try repository.indexContents(of: "missing.md") == nil)
    }

    @Test func pathsAreShownRelativeToTheFolderAdlawRunsIn() throws {
        let folder = try Self.repository()
        defer { TestSupport.remove(folder) }
        try TestSupport.write(["a/b/c.md": "x\n"], in: folder)
        let repository = try GitRepository.discover(from: folder.appendingPathComponent("a").path)
        #expect(repository.topLevel == folder.path)
        #expect(repository.displayPath("a/b/c.md") == "b/c.md")
        #expect(repository.displayPath("d.md") == "../d.md")
        #expect(try repository.stagedFiles(limitedTo: ["b"]).isEmpty)
    }

    @Test func outsideARepositoryIsAClearError() throws {
        let folder = TestSupport.temporaryFolder("no-git")
        defer { TestSupport.remove(folder) }
        #expect(throws: GitError.self) { try GitRepository.discover(from: folder.path) }
    }

    @Test func theHookIsInstalledOnceAndNeverReplacesAnotherWithoutForce() throws {
        let folder = try Self.repository()
        defer { TestSupport.remove(folder) }
        let repository = try GitRepository.discover(from: folder.path)
        let installer = HookInstaller()
        let hook = folder.appendingPathComponent(".git/hooks/pre-commit").path
        #expect(try installer.install(in: repository, adlawPath: "/opt/adlaw bin/adlaw", force: false) == .installed(path: hook))
        let script = try String(contentsOfFile: hook, encoding: .utf8)
        #expect(script.contains("exec \"$ADLAW\" check --staged"))
        #expect(script.contains("ADLAW_INSTALLED='/opt/adlaw bin/adlaw'\nADLAW=\"${ADLAW:-$ADLAW_INSTALLED}\""))
        #expect(try FileManager.default.attributesOfItem(atPath: hook)[.posixPermissions] as? Int == 0o755)
        // Installing again rewrites adlaw's own hook.
        #expect(try installer.install(in: repository, adlawPath: "/usr/bin/adlaw", force: false) == .updated(path: hook))

        try "#!/bin/sh\necho mine\n".write(toFile: hook, atomically: true, encoding: .utf8)
        #expect(throws: HookInstaller.Failure.self) { try installer.install(in: repository, adlawPath: "/usr/bin/adlaw", force: false) }
        #expect(try String(contentsOfFile: hook, encoding: .utf8) == "#!/bin/sh\necho mine\n", "the other hook is untouched")
        #expect(try installer.install(in: repository, adlawPath: "/usr/bin/adlaw", force: true) == .replaced(path: hook, backup: hook + ".adlaw-backup"))
        #expect(try String(contentsOfFile: hook + ".adlaw-backup", encoding: .utf8) == "#!/bin/sh\necho mine\n")
        // Uninstalling puts the other hook back.
        #expect(try installer.uninstall(in: repository) == hook)
        #expect(try String(contentsOfFile: hook, encoding: .utf8) == "#!/bin/sh\necho mine\n")
        #expect(throws: HookInstaller.Failure.self) { try installer.uninstall(in: repository) }
    }

    @Test func aForcedInstallNeverDeletesAnEarlierBackup() throws {
        let folder = try Self.repository()
        defer { TestSupport.remove(folder) }
        let repository = try GitRepository.discover(from: folder.path)
        let installer = HookInstaller()
        let hook = folder.appendingPathComponent(".git/hooks/pre-commit").path
        try FileManager.default.createDirectory(atPath: (hook as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try "#!/bin/sh\necho first\n".write(toFile: hook, atomically: true, encoding: .utf8)
        #expect(try installer.install(in: repository, adlawPath: "/usr/bin/adlaw", force: true) == .replaced(path: hook, backup: hook + ".adlaw-backup"))
        try "#!/bin/sh\necho second\n".write(toFile: hook, atomically: true, encoding: .utf8)
        #expect(try installer.install(in: repository, adlawPath: "/usr/bin/adlaw", force: true) == .replaced(path: hook, backup: hook + ".adlaw-backup.1"))
        #expect(try String(contentsOfFile: hook + ".adlaw-backup", encoding: .utf8) == "#!/bin/sh\necho first\n")
        #expect(try String(contentsOfFile: hook + ".adlaw-backup.1", encoding: .utf8) == "#!/bin/sh\necho second\n")
    }

    @Test func theHookGoesWhereGitLooksForHooks() throws {
        let folder = try Self.repository()
        defer { TestSupport.remove(folder) }
        try Self.git(["config", "core.hooksPath", "tools/hooks"], in: folder)
        let repository = try GitRepository.discover(from: folder.path)
        _ = try HookInstaller().install(in: repository, adlawPath: "/usr/bin/adlaw", force: false)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("tools/hooks/pre-commit").path))
    }
}
