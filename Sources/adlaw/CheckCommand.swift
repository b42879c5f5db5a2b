import ArgumentParser
import Extractors
import Foundation
import LintCore
import Linting
import PCRE2Matcher
import Reporters

/// `adlaw check`: lint files, folders or standard input.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check ad copy for phrases that risk breaking Taiwan law.",
        discussion: """
        Folders are walked recursively for every format adlaw reads (README: "Input formats"), \
        leaving out --exclude globs and what `.adlawignore` files list; files named explicitly \
        are always read. With no path and piped input, or with `-`, standard \
        input is read.

        Exit codes: 0 no finding at or above --fail-on; 1 findings; 2 usage, rule-file or input error.
        """
    )

    @Argument(help: ArgumentHelp("Files or folders to check; `-` reads standard input.", valueName: "path"))
    var paths: [String] = []

    @Option(name: .customLong("sector"), help: ArgumentHelp("Check as this sector (repeatable); overrides front matter and inference. See `adlaw rules list`.", valueName: "sector"))
    var sectors: [String] = []

    @OptionGroup var ruleSetOptions: RuleSetOptions
    @OptionGroup var selection: RuleSelectionOptions

    @Option(name: .customLong("min-severity"), help: ArgumentHelp("Report only findings at or above this severity: info, warning or error.", valueName: "severity"))
    var minSeverity: Severity = .info

    @Option(name: .customLong("fail-on"), help: ArgumentHelp("Exit with 1 when a finding is at or above this severity: error, warning, info or never.", valueName: "severity"))
    var failOn: FailThreshold = .warning

    @Option(name: .customLong("format"), help: ArgumentHelp("Output format: human, json, line, sarif, github, checkstyle or junit (default human; github when GITHUB_ACTIONS=true).", valueName: "format"))
    var format: OutputFormat?

    @Flag(name: .customLong("no-color"), help: "Never colour the output (also: the NO_COLOR environment variable).")
    var noColor = false

    @Option(name: .customLong("stdin-filename"), help: ArgumentHelp("The path to report for standard input; its extension picks the format.", valueName: "path"))
    var stdinFilename: String?

    @Flag(name: .customLong("no-infer-sectors"), help: "Do not infer sectors from the copy; only --sector and front matter count.")
    var noInferSectors = false

    @Flag(name: .customLong("checklists"), help: "Also run campaign-plan checklists (they always run in `adlaw audit`).")
    var checklists = false

    @Option(name: .customLong("max-file-size"), help: ArgumentHelp("Refuse files larger than this many bytes.", valueName: "bytes"))
    var maxFileSize: Int = DocumentReader.defaultMaxFileSize

    @Option(name: .customLong("exclude"), help: ArgumentHelp("Leave out walked files and folders matching this glob (gitignore syntax; repeatable). `.adlawignore` files are read too.", valueName: "glob"))
    var exclude: [String] = []

    @Option(name: .customLong("include"), help: ArgumentHelp("Read only walked files matching this glob (repeatable); files named explicitly are always read.", valueName: "glob"))
    var include: [String] = []

    func run() throws {
        let started = Date()
        let format = format ?? OutputFormat.default(environment: ProcessInfo.processInfo.environment)
        let engine = PCRE2Engine()
        let fullSet = try ruleSetOptions.load(engine: engine)
        let filter = try selection.filter(for: fullSet, minSeverity: minSeverity)
        let reported = fullSet.rules.filter { filter.includes($0) && (checklists || $0.pattern.kind != .checklist) }
        let forced = try SectorArguments.parse(sectors, known: fullSet.sectors)
        let reader = DocumentReader(maxFileSize: maxFileSize)
        let options = LintOptions(sectors: forced, inferSectors: !noInferSectors, includeChecklists: checklists, filter: filter)
        let batch = DocumentBatch(ruleSet: fullSet, reader: reader, options: options, engine: engine)
        var outcome = DocumentBatch.Outcome()
        let sources = try DocumentBatch.sources(paths: paths, stdinFilename: stdinFilename, reader: reader,
                                                walk: WalkOptions(exclude: exclude, include: include),
                                                command: "check", into: &outcome)
        batch.run(sources, into: &outcome)

        let findings = outcome.findings
        let diagnostics = outcome.diagnostics
        let report = LintReport(toolVersion: Adlaw.version, files: outcome.fileReports, findings: findings, diagnostics: diagnostics,
                                rulesLoaded: reported.count, durationSeconds: Date().timeIntervalSince(started),
                                rules: reported.map(\.descriptor))
        for diagnostic in diagnostics where diagnostic.level == .error || !format.isMachineReadable {
            Terminal.writeError(diagnostic.formatted)
        }
        Terminal.write(format.makeReporter(color: Terminal.useColor(disabled: noColor)).render(report))

        if outcome.inputFailed { throw ExitCode(2) }
        if let threshold = failOn.severity, findings.contains(where: { $0.severity >= threshold }) { throw ExitCode(1) }
    }
}

/// `--fail-on`: a severity, or never.
enum FailThreshold: String, ExpressibleByArgument, CaseIterable {
    case error, warning, info, never

    var severity: Severity? { Severity(rawValue: rawValue) }
}

extension OutputFormat: ExpressibleByArgument {}
