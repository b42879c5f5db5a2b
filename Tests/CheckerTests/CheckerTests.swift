import Checker
import Foundation
import LintCore
import Testing
import TestSupport

/// The library entry point: one options type in, one result out, the same whatever the
/// inputs are (files, in-memory documents) and however often a loaded checker runs.
@Suite struct CheckerTests {
    static func options(_ configure: (inout CheckOptions) -> Void = { _ in }) -> CheckOptions {
        var options = CheckOptions()
        options.rules.builtinFolder = TestSupport.rulesFolder
        options.rules.config = .none
        options.jobs = 1
        configure(&options)
        return options
    }

    static let copy = "每天一杯，預防感冒，讓全家人元氣滿滿。\n本商品網路限定，恕不退換。\n"

    @Test func inMemoryDocumentsGiveTheFindingsOfTheSameFile() throws {
        let folder = TestSupport.temporaryFolder("checker")
        defer { TestSupport.remove(folder) }
        try TestSupport.write(["page.txt": Self.copy], in: folder)
        let options = Self.options { $0.sectors = ["food"] }
        let checker = try Checker(options.rules)
        let fromFile = try checker.run(.paths([folder.appendingPathComponent("page.txt").path]), options: options)
        let fromMemory = try checker.run(.documents([InMemoryDocument(name: "page.txt", text: Self.copy)]), options: options)
        let ids = fromFile.open.map(\.ruleID.rawValue)
        #expect(ids == ["food.medical-efficacy", "consumer-protection.no-return"])
        #expect(fromMemory.open.map(\.ruleID) == fromFile.open.map(\.ruleID))
        #expect(fromMemory.open.map(\.start) == fromFile.open.map(\.start))
        #expect(fromMemory.documents.map(\.sectors) == fromFile.documents.map(\.sectors))
        #expect(fromMemory.documents.first?.sectors.source == .option)
    }

    @Test func sectorsAreInferredAndSaidWhy() throws {
        let result = try Checker.run(.documents([InMemoryDocument(name: "caps.md", text: "益生菌膠囊，每天兩顆，預防感冒。\n")]),
                                     options: Self.options())
        let decision = try #require(result.documents.first?.sectors)
        #expect(decision.source == .inferred)
        #expect(decision.sectors.contains(Sector("food")))
        #expect(result.diagnostics.contains { $0.code == .sectorsInferred })
        #expect(result.open.contains { $0.ruleID.rawValue == "food.medical-efficacy" })
    }

    @Test func unknownSectorsAndSelectorsAreUsageErrors() throws {
        let checker = try Checker(Self.options().rules)
        let text = CheckInputs.documents([InMemoryDocument(name: "a.txt", text: "恕不退換")])
        #expect(throws: CheckError.self) { try checker.run(text, options: Self.options { $0.sectors = ["fod"] }) }
        #expect(throws: CheckError.self) { try checker.run(text, options: Self.options { $0.only = ["no-such-rule"] }) }
    }

    @Test func selectionAndSeverityApplyPerRun() throws {
        let checker = try Checker(Self.options().rules)
        let input = CheckInputs.documents([InMemoryDocument(name: "page.txt", text: Self.copy)])
        let onlyFood = try checker.run(input, options: Self.options { $0.sectors = ["food"]; $0.only = ["food"] })
        #expect(onlyFood.open.map(\.ruleID.rawValue) == ["food.medical-efficacy"])
        #expect(onlyFood.selection.reported.allSatisfy { $0.id.rawValue.hasPrefix("food.") })
        let all = try checker.run(input, options: Self.options { $0.sectors = ["food"] })
        #expect(all.open.count == 2)
        #expect(all.fails(at: .error))
        let report = all.report(toolVersion: "test", durationSeconds: nil)
        #expect(report.findings.count == 2 && report.files.count == 1 && report.rulesLoaded == all.selection.reported.count)
    }

    @Test func oneCheckerServesConcurrentRuns() async throws {
        let checker = try Checker(Self.options().rules)
        let options = Self.options { $0.sectors = ["food"] }
        let expected = try checker.run(.documents([InMemoryDocument(name: "page.txt", text: Self.copy)]), options: options).open.map(\.ruleID)
        let results = try await withThrowingTaskGroup(of: [RuleID].self) { group in
            for index in 0..<16 {
                group.addTask {
                    try checker.run(.documents([InMemoryDocument(name: "page-\(index).txt", text: Self.copy)]), options: options).open.map(\.ruleID)
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 16)
        #expect(results.allSatisfy { $0 == expected })
    }

    @Test func anUnreadableDocumentIsNamedAndTheOthersChecked() throws {
        let inputs = CheckInputs.documents([
            InMemoryDocument(name: "broken.docx", bytes: Array("not a zip".utf8)),
            InMemoryDocument(name: "ok.txt", text: "恕不退換，網購限定"),
        ])
        let result = try Checker.run(inputs, options: Self.options())
        #expect(result.inputFailed)
        #expect(result.diagnostics.contains { $0.level == .error && $0.path == "broken.docx" })
        #expect(result.documents.map(\.path) == ["ok.txt"])
    }
}
