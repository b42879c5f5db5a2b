import ArgumentParser
import AtomicFiles
import Checker
import Extractors
import Foundation
import LintCore
import Linting
import PCRE2Matcher
import Reporters
import Workflow

/// `adlaw audit`: audit a whole campaign for legal review.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Audit a campaign folder for legal review: verdicts, every finding with its law, and campaign-plan checklists.",
        discussion: """
        Reads copy, landing pages, decks and plans like `adlaw check`, also runs the campaign-plan \
        checklists (sweepstakes, personal data, influencer content, outdoor signs, third-party \
        material, comparisons, regulated products), and writes a self-contained HTML report \
        (--html) and/or a Markdown report (--markdown). A summary with the verdicts goes to \
        standard output.

        Verdicts: block (an error finding), needs review (a warning, a finding known only from \
        the baseline, an open checklist item, a file not read or skipped, a file whose sector \
        is unknown, or nothing read), publish (all checked, nothing open). Exit codes: 0 \
        publish; 1 needs review or block; 2 usage, rule-file or input error, or a report that \
        could not be written.
        """
    )

    @Argument(help: ArgumentHelp("Campaign files or folders.", valueName: "path"))
    var paths: [String] = []

    @Option(name: .customLong("html"), help: ArgumentHelp("Write the HTML report here.", valueName: "file"))
    var htmlPath: String?

    @Option(name: .customLong("markdown"), help: ArgumentHelp("Write the Markdown report here.", valueName: "file"))
    var markdownPath: String?

    @Option(name: .customLong("title"), help: ArgumentHelp("The campaign's name on the report (default: the folder name).", valueName: "text"))
    var title: String?

    @OptionGroup var input: InputOptions
    @OptionGroup var ruleSetOptions: RuleSetOptions
    @OptionGroup var selection: RuleSelectionOptions

    @Option(name: .customLong("date"), help: ArgumentHelp("The date and time printed on the report (default: now), for reproducible reports.", valueName: "text"))
    var date: String?

    @Flag(name: .customLong("force"), help: "Replace report files that were not written by adlaw.")
    var force = false

    func run() throws {
        var options = CheckOptions()
        options.rules = try ruleSetOptions.sources()
        input.apply(to: &options)
        options.only = selection.only
        options.disable = selection.disable
        options.includeChecklists = true
        let checker = try Checker(options.rules)
        let result = try checker.run(InputOptions.inputs(paths: paths, command: "audit"), options: options)
        let report = result.audit(title: title ?? defaultTitle(), generatedAt: date ?? Self.now(), toolVersion: AdlawVersion.current)
        for diagnostic in result.diagnostics where diagnostic.level != .note {
            Terminal.writeError(diagnostic.formatted)
        }
        var written: [String] = []
        var writeFailed = false
        let isOurs: @Sendable (Data) -> Bool = { data in
            let head = String(decoding: data.prefix(600), as: UTF8.self)
            return head.contains("name=\"generator\" content=\"adlaw") || head.hasPrefix("# 廣告法規審閱報告")
        }
        let inputs = result.documents.map(\.path) + [checker.config?.file].compactMap { $0 }
        for (path, option) in [(htmlPath, "--html"), (markdownPath, "--markdown")] {
            if let path { try OutputTarget.refuseInput(path, option: option, inputs: inputs) }
        }
        for (path, text) in [(htmlPath, { AuditHTMLReporter().render(report) }), (markdownPath, { AuditMarkdownReporter().render(report) })] {
            guard let path else { continue }
            do {
                try AtomicFile.write(Data(text().utf8), to: path, overwrite: force ? .always : .when(isOurs))
                written.append(path)
            } catch {
                Terminal.writeError("error: \(error)")
                writeFailed = true
            }
        }
        try Terminal.writeText(summary(report, written: written))
        if result.inputFailed || writeFailed { throw ExitCode(2) }
        if report.verdict.level != VerdictLevel.publish { throw ExitCode(1) }
    }

    private func defaultTitle() -> String {
        guard let first = paths.first, first != "-" else { return "廣告文案" }
        let name = URL(fileURLWithPath: first).standardizedFileURL.lastPathComponent
        return name.isEmpty ? first : name
    }

    /// Now, in Taiwan time whatever the machine's zone: `2026-12-06 19:05（臺北時間）`.
    static func now() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Asia/Taipei") ?? TimeZone(secondsFromGMT: 8 * 3600)
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: Date()) + "（臺北時間）"
    }

    /// The verdicts and counts for standard output; `written` are the reports actually
    /// written (a report that failed is named on standard error, never here).
    private func summary(_ report: AuditReport, written: [String]) -> String {
        var out = "campaign: \(report.verdict.level.rawValue) (\(report.verdict.level.label))"
        if let rule = report.verdict.ruleID { out += " [\(rule)]" }
        out += "\n  why: \(report.verdict.reason)\n"
        let width = min(60, report.files.map(\.path.count).max() ?? 10)
        for file in report.files {
            out += "  \(file.path.padding(toLength: max(width, file.path.count), withPad: " ", startingAt: 0))  \(file.verdict.level.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0))"
            out += file.verdict.ruleID.map { " \($0)" } ?? ""
            if file.sectorUnknown { out += " (sector unknown: sector rules did not run)" }
            if file.readAsArticle > 0 { out += " (read as an article: \(file.readAsArticle) health claim(s) at info; pass --kind ad if it sells)" }
            out += "\n"
        }
        let unchecked = report.skipped.filter { !$0.reason.isDeliberate }
        for skipped in unchecked { out += "  \(skipped.path)  not checked (\(skipped.reason.rawValue))\n" }
        let open = report.checklists.reduce(0) { $0 + $1.openItems.count }
        let uncertain = report.checklists.reduce(0) { $0 + $1.uncertainItems.count }
        let severities = [Severity.error, .warning, .info].map { Plural.count(report.count($0), severity: $0) }
        out += "\(Plural.count(report.findings.count, "finding")) (\(severities.joined(separator: ", "))"
        if !report.known.isEmpty { out += "; \(report.known.count) known from the baseline, not approved" }
        out += "); \(Plural.count(report.checklists.count, "checklist")) with \(Plural.count(open, "open item")), \(uncertain) to confirm; "
        out += "\(Plural.count(report.unreadable.count, "unreadable file")); \(Plural.count(unchecked.count, "file")) not checked\n"
        for path in written { out += "report: \(path)\n" }
        return out
    }
}
