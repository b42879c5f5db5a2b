import Extractors
import LintCore
import Testing

/// Where directives are found and which lines they cover.
@Suite struct DirectiveCollectorTests {
    static func directives(_ text: String, name: String = "copy.md") throws -> [SuppressionDirective] {
        try Fixture.lint(text, name: name).directives
    }

    @Test func nextLineSkipsBlankAndCommentOnlyLines() throws {
        let found = try Self.directives("標題\n<!-- adlaw-disable-next-line claims.medical -- 核准 -->\n\n<!-- ok: claims.medical -->\n每天一杯，預防感冒。\n")
        #expect(found.count == 1)
        #expect(found[0].kind == .nextLine)
        #expect(found[0].scope == .lines(5...5))
        #expect(found[0].start.line == 2 && found[0].start.column == 1)
        #expect(found[0].problem == nil)
    }

    @Test func disableLineCoversItsOwnLine() throws {
        let found = try Self.directives("每天一杯，預防感冒。<!-- adlaw-disable-line claims.medical -- 核准 -->\n")
        #expect(found.first?.scope == .lines(1...1))
        #expect(found.first?.start.column == 11)
    }

    @Test func blocksRunFromDisableToEnable() throws {
        let text = "a\n<!-- adlaw-disable claims.medical -- 核准 -->\nb\nc\n<!-- adlaw-enable claims.medical -->\nd\n"
        let found = try Self.directives(text)
        #expect(found.count == 1)
        #expect(found[0].kind == .block && found[0].scope == .lines(2...5) && found[0].problem == nil)
    }

    @Test func anUnclosedBlockAndAStrayEnableAreProblems() throws {
        let unclosed = try Self.directives("<!-- adlaw-disable claims.medical -- 核准 -->\nb\n")
        #expect(unclosed.first?.problem == .unclosedBlock)
        let stray = try Self.directives("a\n<!-- adlaw-enable claims.medical -->\n")
        #expect(stray.first?.problem == .unmatchedEnable)
    }

    @Test func missingReasonMissingRulesAndUnknownWordsAreProblems() throws {
        let found = try Self.directives("""
        <!-- adlaw-disable-next-line claims.medical -->
        x
        <!-- adlaw-disable-next-line -- 理由 -->
        y
        <!-- adlaw-disable-nextline claims.medical -- 理由 -->
        z
        <!-- adlaw-disable-next-line claims.medical -- 理由 -->
        """)
        #expect(found.map(\.problem) == [.missingReason, .missingRules, .unknownDirective("adlaw-disable-nextline"), .nothingFollows])
    }

    @Test func commentsSpanningLinesAndCRLFAreLocated() throws {
        let found = try Self.directives("🔥標題\r\n<!--\r\n  adlaw-disable-next-line claims.medical -- 核准\r\n-->\r\n每天一杯，預防感冒。\r\n")
        #expect(found.first?.scope == .lines(5...5))
        #expect(found.first?.start.line == 2 && found.first?.end.line == 4)
    }

    @Test func plainTextTakesHashAndSlashDirectiveLines() throws {
        let found = try Self.directives("# adlaw-disable-next-line claims.medical -- 核准\n每天一杯，預防感冒。\n// adlaw-disable-line returns.no-return -- 門市\n# 標題不是指令\n", name: "copy.txt")
        #expect(found.map(\.kind) == [.nextLine, .line])
        #expect(found.map(\.scope) == [.lines(2...2), .lines(3...3)])
    }

    @Test func hashLinesAreNotCommentsInMarkdown() throws {
        // In Markdown `# …` is a heading, so only HTML comments hold directives.
        #expect(try Self.directives("# adlaw-disable-next-line claims.medical -- x\n每天一杯，預防感冒。\n").isEmpty)
    }

    @Test func htmlFilesUseTheirComments() throws {
        let found = try Self.directives("<p>a</p>\n<!-- adlaw-disable-next-line claims.medical -- 核准 -->\n<p>每天一杯，預防感冒。</p>\n", name: "page.html")
        #expect(found.first?.scope == .lines(3...3))
    }

    @Test func sidecarLinesTargetLinesRangesLocationsOrTheFile() {
        let text = """
        # suppressions for report.docx
        adlaw-disable claims.medical @ 12 -- 核准
        adlaw-disable claims.medical @ 3-5 -- 核准
        adlaw-disable claims.first-brand @ word/document.xml ¶4 -- 調查佐證
        adlaw-disable returns.no-return -- 門市專用
        adlaw-disable-next-line claims.medical -- 不是 sidecar 語法
        adlaw-disable claims.medical @ 9
        """
        let found = DirectiveCollector().collect(sidecar: text, sidecarPath: "report.docx.adlaw", documentPath: "report.docx")
        #expect(found.map(\.scope) == [.lines(12...12), .lines(3...5), .logical("word/document.xml ¶4"), .file, .file, .lines(9...9)])
        #expect(found.map(\.problem) == [nil, nil, nil, nil,
                                         .malformed("expected `adlaw-disable <rule-id> [@ <line or location>] -- <reason>`"), .missingReason])
        #expect(found.allSatisfy { $0.path == "report.docx" && $0.writtenIn == "report.docx.adlaw" })
        #expect(found[0].start.line == 2)
    }

    @Test func notesOfAnExtractorCoverTheirLocation() {
        // How an extractor for a format without comments hands over a cell note.
        let source = SourceText("B3: 預防感冒\n")
        let note = TextSegment(text: "adlaw-disable claims.medical -- 核准字號 A001", zone: .comment, logicalLocation: "Sheet1!B3")
        let document = ExtractedDocument(path: "book.xlsx", format: "xlsx", segments: [TextSegment(text: "預防感冒", logicalLocation: "Sheet1!B3"), note],
                                         source: source)
        let found = DirectiveCollector().collect(document)
        #expect(found.count == 1)
        #expect(found.first?.scope == .logical("Sheet1!B3"), "a note with only a printed location covers that location")
        #expect(found.first?.kind == .location && found.first?.reason == "核准字號 A001")
    }
}
