import LintCore
import Testing
import Workflow

/// Suppressions applied to real findings: a reasoned one silences exactly what it names
/// where it points; everything else about it is reported.
@Suite struct SuppressionTests {
    static func run(_ text: String, name: String = "copy.md", configure: (inout Triage) -> Void = { _ in }) throws -> Triage.Outcome {
        let linted = try Fixture.lint(text, name: name)
        var triage = Fixture.triage(linted)
        configure(&triage)
        return triage.apply(linted.findings, directives: linted.directives, checkedPaths: [name])
    }

    @Test func aReasonedSuppressionSilencesTheNamedRuleOnTheNextLine() throws {
        let outcome = try Self.run("""
        <!-- adlaw-disable-next-line claims.medical -- 衛部健食字第A00000號 -->
        每天一杯，預防感冒，全台第一品牌。
        每天一杯，預防感冒。
        """)
        #expect(outcome.open.map { "\($0.start.line):\($0.ruleID)" } == ["2:claims.first-brand", "3:claims.medical"])
        #expect(outcome.waived.count == 1)
        guard case let .suppressed(directive)? = outcome.waived.first?.waiver else { Issue.record("not suppressed"); return }
        #expect(directive.reason == "衛部健食字第A00000號")
        #expect(outcome.waived.first?.finding.start.line == 2)
        #expect(outcome.suppressions.map(\.status) == [.applied])
        #expect(outcome.suppressions.first?.suppressed == 1)
    }

    @Test func aSuppressionWithoutAReasonIsAFindingAndSuppressesNothing() throws {
        let outcome = try Self.run("<!-- adlaw-disable-next-line claims.medical -->\n每天一杯，預防感冒。\n")
        #expect(outcome.open.map(\.ruleID.rawValue) == ["adlaw.suppression-reason", "claims.medical"])
        let check = outcome.open[0]
        #expect(check.severity == .error && check.start.line == 1 && check.start.column == 1)
        #expect(check.message.contains("未寫理由"))
        #expect(outcome.suppressions.first?.status == .rejected)
        #expect(outcome.waived.isEmpty)
    }

    @Test func aSuppressionThatSuppressesNothingIsReported() throws {
        let outcome = try Self.run("<!-- adlaw-disable-next-line claims.medical -- 舊的核准 -->\n幫助入睡，好好休息。\n")
        #expect(outcome.open.map(\.ruleID.rawValue) == ["adlaw.suppression-unused"])
        #expect(outcome.open.first?.severity == .warning)
        #expect(outcome.suppressions.first?.status == .unused)
    }

    @Test func anUnknownRuleMakesTheSuppressionInvalid() throws {
        let outcome = try Self.run("<!-- adlaw-disable-next-line claims.medicl -- 理由 -->\n每天一杯，預防感冒。\n")
        #expect(outcome.open.map(\.ruleID.rawValue) == ["adlaw.suppression-invalid", "claims.medical"])
        #expect(outcome.open[0].message.contains("claims.medicl"))
    }

    @Test func suppressionsForRulesThatDidNotRunAreIdleNotUnused() throws {
        let outcome = try Self.run("<!-- adlaw-disable-next-line returns.no-return -- 門市 -->\n幫助入睡。\n") {
            $0.selectedRules = [RuleID("claims.medical")]
        }
        #expect(outcome.open.isEmpty)
        #expect(outcome.suppressions.first?.status == .idle)
    }

    @Test func blockAndAreaSelectorsWork() throws {
        let outcome = try Self.run("""
        <!-- adlaw-disable claims -- 整段已由法務審核 -->
        每天一杯，預防感冒，全台第一品牌。
        <!-- adlaw-enable claims -->
        喝了就能治療失眠。
        """)
        #expect(outcome.waived.count == 2)
        #expect(outcome.open.map { "\($0.start.line):\($0.ruleID)" } == ["4:claims.medical"])
    }

    @Test func findingsInsideTheDirectiveItselfAreIgnored() throws {
        // The reason quotes the phrase; that is not copy (plain text keeps comments in the text).
        let outcome = try Self.run("每天一杯，預防感冒。<!-- adlaw-disable-line claims.medical -- 核准「預防感冒」字樣 -->\n", name: "copy.txt")
        #expect(outcome.open.isEmpty)
        #expect(outcome.waived.count == 1)
    }

    @Test func builtInChecksCanBeTurnedOffOrRegraded() throws {
        let text = "<!-- adlaw-disable-next-line claims.medical -- 舊的 -->\n幫助入睡。\n"
        let off = try Self.run(text) { $0.disabledChecks = [BuiltInChecks.unused] }
        #expect(off.open.isEmpty)
        let info = try Self.run(text) { $0.severityOverrides = [BuiltInChecks.unused: .info] }
        #expect(info.open.first?.severity == .info)
        let hidden = try Self.run(text) {
            $0.severityOverrides = [BuiltInChecks.unused: .info]
            $0.minSeverity = .warning
        }
        #expect(hidden.open.isEmpty)
    }

    @Test func sidecarSuppressionsReportProblemsInTheSidecar() throws {
        let linted = try Fixture.lint("每天一杯，預防感冒。\n特價品恕不退換。\n", name: "copy.txt")
        let sidecar = DirectiveCollectorProxy.sidecar("adlaw-disable claims.medical @ 1 -- 核准\nadlaw-disable returns.no-return @ 2\n")
        let outcome = Fixture.triage(linted).apply(linted.findings, directives: sidecar, checkedPaths: ["copy.txt"])
        #expect(outcome.waived.map(\.finding.ruleID.rawValue) == ["claims.medical"])
        let problem = try #require(outcome.open.first { $0.ruleID == BuiltInChecks.missingReason })
        #expect(problem.path == "copy.txt.adlaw" && problem.start.line == 2)
    }
}

import Extractors

enum DirectiveCollectorProxy {
    static func sidecar(_ text: String) -> [SuppressionDirective] {
        DirectiveCollector().collect(sidecar: text, sidecarPath: "copy.txt.adlaw", documentPath: "copy.txt")
    }
}
