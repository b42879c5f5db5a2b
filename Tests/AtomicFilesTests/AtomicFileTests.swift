import AtomicFiles
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `AtomicFile`: the file is complete or untouched, never half-written; nothing is left
/// beside it; an existing file is replaced only when asked.
@Suite struct AtomicFileTests {
    static func folder() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("adlaw-atomic-\(UUID().uuidString.prefix(8))")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func contents(_ folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    }

    static func mode(_ path: String) -> mode_t {
        var info = stat()
        _ = stat(path, &info)
        return info.st_mode & 0o7777
    }

    @Test func writesANewFileAndLeavesNothingElse() throws {
        let folder = Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("report.html").path
        let data = Data((0..<300_000).map { UInt8($0 % 251) })
        try AtomicFile.write(data, to: path, overwrite: .never)
        #expect(FileManager.default.contents(atPath: path) == data)
        #expect(Self.contents(folder) == ["report.html"])
    }

    @Test func neverReplacesWithoutBeingAsked() throws {
        let folder = Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("baseline.json").path
        try Data("old".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: AtomicFile.WriteError.exists(path: path)) {
            try AtomicFile.write(Data("new".utf8), to: path, overwrite: .never)
        }
        #expect(throws: AtomicFile.WriteError.notOurs(path: path)) {
            try AtomicFile.write(Data("new".utf8), to: path, overwrite: .when { $0.starts(with: Data("adlaw".utf8)) })
        }
        #expect(FileManager.default.contents(atPath: path) == Data("old".utf8))
        try AtomicFile.write(Data("new".utf8), to: path, overwrite: .when { $0 == Data("old".utf8) })
        #expect(FileManager.default.contents(atPath: path) == Data("new".utf8))
        try AtomicFile.write(Data("newer".utf8), to: path, overwrite: .always)
        #expect(FileManager.default.contents(atPath: path) == Data("newer".utf8))
        #expect(Self.contents(folder) == ["baseline.json"])
    }

    @Test func keepsTheModeOfTheFileItReplacesOrSetsTheOneAskedFor() throws {
        let folder = Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = folder.appendingPathComponent(".adlaw.yml").path
        try Data("a: 1\n".utf8).write(to: URL(fileURLWithPath: config))
        chmod(config, 0o600)
        try AtomicFile.write("a: 2\n", to: config, overwrite: .always)
        #expect(Self.mode(config) == 0o600)
        let hook = folder.appendingPathComponent("pre-commit").path
        try AtomicFile.write("#!/bin/sh\nexit 0\n", to: hook, overwrite: .never, permissions: 0o755)
        #expect(Self.mode(hook) == 0o755)
    }

    @Test func neverWritesThroughASymbolicLink() throws {
        let folder = Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let real = folder.appendingPathComponent("dotfiles/adlaw.yml").path
        try FileManager.default.createDirectory(atPath: (real as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data("old".utf8).write(to: URL(fileURLWithPath: real))
        let link = folder.appendingPathComponent(".adlaw.yml").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "dotfiles/adlaw.yml")
        #expect(throws: AtomicFile.WriteError.linked(path: link, link: link)) { try AtomicFile.write("new", to: link, overwrite: .always) }
        // A dangling link is refused too (it would create the file it names).
        let dangling = folder.appendingPathComponent("report.sarif").path
        try FileManager.default.createSymbolicLink(atPath: dangling, withDestinationPath: "dotfiles/new.txt")
        #expect(throws: AtomicFile.WriteError.linked(path: dangling, link: dangling)) { try AtomicFile.write("new", to: dangling, overwrite: .never) }
        #expect(FileManager.default.contents(atPath: real) == Data("old".utf8))
        #expect(Self.contents(folder.appendingPathComponent("dotfiles")) == ["adlaw.yml"])
    }

    @Test func aFailedWriteLeavesTheTargetAndTheFolderAsTheyWere() throws {
        let folder = Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // The folder does not exist.
        let missing = folder.appendingPathComponent("no/such/report.md").path
        #expect(throws: AtomicFile.WriteError.self) { try AtomicFile.write("x", to: missing, overwrite: .always) }
        // The path is a folder.
        let sub = folder.appendingPathComponent("report.md")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        #expect(throws: AtomicFile.WriteError.failed(path: sub.path, reason: "it exists and is not a regular file")) {
            try AtomicFile.write("x", to: sub.path, overwrite: .always)
        }
        #expect(Self.contents(folder) == ["report.md"])
        #expect(Self.contents(sub).isEmpty)
    }

    @Test func concurrentWritersLeaveOneCompleteFile() async throws {
        let folder = Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("cache.bin").path
        let payloads = (0..<8).map { index in Data(repeating: UInt8(index), count: 200_000 + index) }
        await withTaskGroup(of: Void.self) { group in
            for payload in payloads {
                group.addTask { for _ in 0..<5 { try? AtomicFile.write(payload, to: path, overwrite: .always) } }
            }
        }
        let final = try #require(FileManager.default.contents(atPath: path))
        #expect(payloads.contains(final))
        #expect(Self.contents(folder) == ["cache.bin"])
    }
}
