import AdCopyGenerator
import Extractors
import FileSelection
import Foundation
import LintCore
@testable import Linting
import PCRE2Matcher
import RuleCompiler
import Testing
import TestSupport

/// A large plain text checked in pieces (`PieceChecker`) must give what a whole check gives:
/// the same findings at the same lines, columns and offsets, the same notes and decisions.
@Suite struct PieceCheckerTests {
    let engine = PCRE2Engine()
    static let ruleSet: RuleSet? = try? RuleSetLoader(engine: PCRE2Engine()).load(folders: [TestSupport.rulesFolder])

    func options(_ base: LintOptions, pieceSize: Int, margin: Int = 0) -> LintOptions {
        var options = base
        options.pieceSize = pieceSize
        options.pieceMargin = margin
        return options
    }

    /// Checks `document` whole and in pieces of `pieceSize` bytes; returns the findings and
    /// how many pieces it was cut into.
    @discardableResult
    func compare(_ document: ExtractedDocument, _ base: LintOptions, linter: Linter, pieceSize: Int,
                 margin: Int = 0) -> (findings: [Finding], pieces: Int) {
        let pieced = options(base, pieceSize: pieceSize, margin: margin)
        let count = PieceChecker(linter: linter, document: document, options: pieced, scratch: engine.makeScratch())?.pieces.count ?? 1
        let whole = linter.lint(document, options: options(base, pieceSize: 0), scratch: engine.makeScratch())
        let inPieces = linter.lint(document, options: pieced, scratch: engine.makeScratch())
        #expect(inPieces.findings == whole.findings, "findings differ in \(document.path) (\(count) pieces)")
        #expect(inPieces.diagnostics == whole.diagnostics, "diagnostics differ in \(document.path)")
        #expect(inPieces.sectors == whole.sectors && inPieces.channels == whole.channels && inPieces.kind == whole.kind,
                "decisions differ in \(document.path)")
        return (whole.findings, count)
    }

    @Test func piecesAreCutAfterLineEndsAndCoverTheText() throws {
        let text = Array(String(repeating: "保證有效的好產品。\n第二行文字\n", count: 400).utf8)
        let pieces = text.withUnsafeBufferPointer { PieceChecker.plan($0, size: 1_000, margin: 300) }
        #expect(pieces.count > 5)
        #expect(pieces.first?.own.lowerBound == 0 && pieces.last?.own.upperBound == text.count)
        for (a, b) in zip(pieces, pieces.dropFirst()) { #expect(a.own.upperBound == b.own.lowerBound) }
        for piece in pieces.dropLast() {
            #expect(text[piece.own.upperBound - 1] == 0x0A, "a piece ends after a line end")
            #expect(piece.searched.lowerBound <= piece.own.lowerBound && piece.searched.upperBound >= piece.own.upperBound)
        }
        // One line without line ends: cut after a sentence end.
        let line = Array(String(repeating: "這是一句話。另一句！", count: 300).utf8)
        let cut = line.withUnsafeBufferPointer { PieceChecker.plan($0, size: 1_000, margin: 300) }
        #expect(cut.count > 3)
        for piece in cut.dropLast() {
            let end = piece.own.upperBound
            #expect(line[end - 1] == 0x82 && line[end - 2] == 0x80 && line[end - 3] == 0xE3 || line[end - 1] == 0x21)
        }
    }

    /// A sentence whose phrase sits where a piece's size runs out, and one that runs over a
    /// cut at a line end, are found once each, at their exact line and column.
    @Test func aSentenceAcrossAPieceBoundaryIsFoundAtItsPlace() throws {
        let rules = try TestSupport.loadRules([
            "demo/effect.yaml": TestSupport.ruleYAML(id: "demo.effect", body: "terms: [保證有效]"),
            "demo/cross.yaml": TestSupport.ruleYAML(id: "demo.cross", body: #"regex: '保證\s*根治'"#,
                                                    examples: "  match: [⟦保證根治⟧, 我們⟦保證 根治⟧]\n  no-match: [根治, 保證]"),
        ])
        let linter = Linter(ruleSet: rules)
        let options = LintOptions(sectors: [], inferSectors: false)
        let filler = String(repeating: "平凡的句子沒有問題。\n", count: 200)
        for shift in 0..<8 {
            // The first piece ends after 我們保證 (the first line end past 2,048 bytes): the
            // phrase 保證 根治 runs from it into the next piece.
            let head = String(repeating: "甲", count: 700 + shift)
            let text = head + "我們保證\n根治，保證有效！\n" + filler
            let document = TestSupport.document(text)
            let pieces = try #require(PieceChecker(linter: linter, document: document,
                                                   options: self.options(options, pieceSize: 2_048), scratch: engine.makeScratch()))
            #expect(pieces.pieces[0].own.upperBound == head.utf8.count + "我們保證\n".utf8.count)
            let (findings, count) = compare(document, options, linter: linter, pieceSize: 2_048)
            #expect(count > 2)
            let cross = findings.filter { $0.ruleID.rawValue == "demo.cross" }
            #expect(cross.count == 1)
            #expect(cross.first.map { [$0.start.line, $0.start.column, $0.end.line, $0.end.column] } == [1, 700 + shift + 3, 2, 3])
            let effect = findings.filter { $0.ruleID.rawValue == "demo.effect" }
            #expect(effect.map { [$0.start.line, $0.start.column] } == [[2, 4]])
        }
        // One line without line ends, cut after sentence ends: the phrase where a piece's size
        // runs out, at every offset around it.
        let sentence = String(repeating: "平凡的句子沒有問題。", count: 60) // 1,800 bytes
        for shift in 0..<12 {
            let head = sentence + String(repeating: "乙", count: 80 + shift)
            let text = head + "這款保證有效！" + sentence + sentence + sentence + sentence
            let (findings, count) = compare(TestSupport.document(text), options, linter: linter, pieceSize: 2_048)
            #expect(count > 2)
            let effect = findings.filter { $0.ruleID.rawValue == "demo.effect" }
            #expect(effect.map { [$0.start.line, $0.start.column, $0.byteRange.lowerBound] }
                        == [[1, head.unicodeScalars.count + 3, head.utf8.count + 6]])
        }
    }

    /// The Corpus joined into one text, sectors inferred and every sector, cut into many pieces.
    @Test func theCorpusJoinedGivesTheSameResultsInPieces() throws {
        let ruleSet = try #require(Self.ruleSet)
        let linter = Linter(ruleSet: ruleSet)
        let reader = DocumentReader()
        let files = FileWalker(extensions: ["txt"]).expand([TestSupport.corpusFolder]).files
        var text = ""
        for path in files {
            let document = try reader.read(path: path)
            text += document.segments.map(\.text).joined(separator: "\n") + "\n\n"
        }
        // Read as a file is (hashtags marked as inline zones); two hashtags make sure of some.
        let document = try reader.read(bytes: Array((text + "#保證有效 #限時優惠\n").utf8), name: "corpus.txt")
        #expect(!document.segments[0].inlineZones.isEmpty)
        let everySector = ruleSet.sectors.definitions.map(\.id)
        let inferred = compare(document, LintOptions(), linter: linter, pieceSize: 4_096, margin: 0)
        #expect(inferred.pieces > 4)
        #expect(inferred.findings.count > 100)
        let every = compare(document, LintOptions(sectors: everySector), linter: linter, pieceSize: 4_096, margin: 0)
        #expect(every.findings.count > 100)
    }

    /// Dense stress copy in lines (every lexicon term, full-width forms, zero-width characters),
    /// every sector: many rules reach their limit of 1,000 findings and the file its cap.
    @Test func stressCopyGivesTheSameResultsInPieces() throws {
        let ruleSet = try #require(Self.ruleSet)
        let linter = Linter(ruleSet: ruleSet)
        var generator = AdCopyGenerator(seed: 12)
        let extra = ruleSet.lexicons.values.flatMap(\.terms).sorted()
        var text = ""
        while text.utf8.count < 1_500_000 {
            text += generator.stressLine(targetBytes: 2_000 + Int(generator.stressLine(targetBytes: 10).utf8.count), extra: extra) + "\n"
        }
        let everySector = ruleSet.sectors.definitions.map(\.id)
        let document = try DocumentReader().read(bytes: Array(text.utf8), name: "stress.txt")
        let result = compare(document, LintOptions(sectors: everySector), linter: linter,
                             pieceSize: 200_000, margin: 0)
        #expect(result.pieces > 5)
        #expect(result.findings.count > 1_000)
    }
}
