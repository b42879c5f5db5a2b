import AtomicFiles
import Foundation
import LintCore
import Testing
import TestSupport
import Workflow

/// Baselines: accepted findings stay accepted when lines move; new ones fail.
@Suite struct BaselineTests {
    static func findings(_ text: String, name: String = "copy.md") throws -> [Finding] {
        try Fixture.lint(text, name: name).findings
    }

    @Test func movedLinesStayKnownAndNewFindingsAreNew() throws {
        let before = try Self.findings("每天一杯，預防感冒。\n特價品恕不退換。\n")
        let baseline = Baseline.from(before, path: "/repo/.adlaw-baseline.json", workingFolder: "/repo")
        let after = try Self.findings("新的開頭。\n\n特價品恕不退換。\n\n每天一杯，預防感冒。\n喝了就能治療失眠。\n")
        let split = baseline.partition(after, checkedPaths: ["copy.md"])
        #expect(split.known.map(\.matchedText).sorted() == ["恕不退換", "預防感冒"])
        #expect(split.new.map(\.matchedText) == ["治療失眠"])
        #expect(split.summary.known == 2 && split.summary.new == 1 && split.summary.gone == 0)
    }

    @Test func editingTheFlaggedWordsOrTheirContextMakesAFindingNew() throws {
        let baseline = Baseline.from(try Self.findings("每天一杯，預防感冒。\n"), path: "b.json", workingFolder: "/repo")
        #expect(baseline.partition(try Self.findings("每天兩杯，預防感冒。\n"), checkedPaths: ["copy.md"]).new.count == 1)
        // Reflowing whitespace is not an edit.
        #expect(baseline.partition(try Self.findings("每天一杯， 預防感冒 。\n"), checkedPaths: ["copy.md"]).new.isEmpty)
    }

    @Test func aSecondCopyOfAnAcceptedSentenceIsNew() throws {
        let baseline = Baseline.from(try Self.findings("特價品恕不退換。\n"), path: "b.json", workingFolder: "/repo")
        let split = baseline.partition(try Self.findings("特價品恕不退換。\n特價品恕不退換。\n"), checkedPaths: ["copy.md"])
        #expect(split.known.count == 1 && split.new.count == 1)
    }

    @Test func fixedFindingsCountAsGoneOnlyInCheckedFiles() throws {
        let baseline = Baseline.from(try Self.findings("特價品恕不退換。\n", name: "a.md") + Self.findings("特價品恕不退換。\n", name: "b.md"),
                                     path: "b.json", workingFolder: "/repo")
        let split = baseline.partition([], checkedPaths: ["a.md"])
        #expect(split.summary.gone == 1)
    }

    @Test func pathsAreRelativeToTheBaselineFileWhereverAdlawRuns() throws {
        let findings = try Self.findings("特價品恕不退換。\n", name: "copy/a.md")
        let fromTop = Baseline.from(findings, path: ".adlaw-baseline.json", workingFolder: "/repo")
        #expect(fromTop.entries.first?.path == "copy/a.md")
        // The same file checked from inside copy/ is `a.md` there, and still matches.
        var inside = findings
        inside = inside.map { var f = $0; f.path = "a.md"; return f }
        let fromCopy = Baseline(path: "../.adlaw-baseline.json", entries: fromTop.entries, workingFolder: "/repo/copy")
        #expect(fromCopy.partition(inside, checkedPaths: ["a.md"]).known.count == 1)
        let outside = Baseline.from(findings, path: "/repo/baselines/b.json", workingFolder: "/repo")
        #expect(outside.entries.first?.path == "../copy/a.md")
    }

    @Test func theFileRoundTripsAndIsWrittenAtomically() throws {
        let folder = TestSupport.temporaryFolder("baseline")
        defer { TestSupport.remove(folder) }
        let path = folder.appendingPathComponent("b.json").path
        // A file that is not a baseline is never replaced; an earlier baseline is.
        try Data("old".utf8).write(to: URL(fileURLWithPath: path))
        let baseline = Baseline.from(try Self.findings("每天一杯，預防感冒。\n特價品恕不退換。\n"), path: path, workingFolder: folder.path)
        #expect(throws: AtomicFile.WriteError.notOurs(path: path)) { try baseline.write() }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old")
        try Data("{\n  \"findings\" : [],\n  \"fingerprintVersion\" : 1,\n  \"tool\" : \"adlaw\",\n  \"version\" : 1\n}\n".utf8)
            .write(to: URL(fileURLWithPath: path))
        try baseline.write()
        let loaded = try Baseline.load(path: path, workingFolder: folder.path)
        #expect(loaded.entries == baseline.entries)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["b.json"], "no temporary file left behind")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("\"fingerprintVersion\" : 1") && text.contains("\"matchedText\" : \"預防感冒\""))
        // Writing the same findings again gives the same bytes.
        try baseline.write()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == text)
    }

    @Test func aBrokenBaselineIsAClearError() throws {
        let folder = TestSupport.temporaryFolder("baseline")
        defer { TestSupport.remove(folder) }
        let path = folder.appendingPathComponent("b.json").path
        try Data("{\"version\": 9}".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: Baseline.LoadError.self) { try Baseline.load(path: path) }
        #expect(throws: Baseline.LoadError.self) { try Baseline.load(path: folder.appendingPathComponent("missing.json").path) }
    }
}
