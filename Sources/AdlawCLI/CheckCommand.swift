import AtomicFiles
import ArgumentParser
import Checker
import AdlawConfiguration
import Extractors
import Foundation
import LintCore
import Linting
import PCRE2Matcher
import Reporters
import Workflow

/// `adlaw check`: lint files, folders or standard input.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check ad copy for phrases that risk breaking Taiwan law.",
        discussion: """
        Folders are walked recursively for every format adlaw reads (docs/usage.md: "Input formats"), \
        leaving out --exclude globs and what `.adlawignore` files list; files named explicitly \
        are always read. With no path and piped input, or with `-`, standard \
        input is read.

        `.adlaw.yml` (the nearest one above the current folder) sets defaults, rules, sectors by \
        path, excludes, claims and a baseline; suppressions in the copy need a reason. Suppressed, \
        substantiated and baselined findings are listed but never fail the run.

        Exit codes: 0 no finding at or above --fail-on; 1 findings; 2 usage, rule-file, config or input error.
        """
    )

    @Argument(help: ArgumentHelp("Files or folders to check; `-` reads standard input.", valueName: "path"))
    var paths: [String] = []

    @OptionGroup var input: InputOptions
    @OptionGroup var ruleSetOptions: RuleSetOptions
    @OptionGroup var selection: RuleSelectionOptions

    @Option(name: .customLong("min-severity"), help: ArgumentHelp("Report only findings at or above this severity: info, warning or error (default: `min-severity` in .adlaw.yml, else info).", valueName: "severity"))
    var minSeverity: Severity?

    @Option(name: .customLong("fail-on"), help: ArgumentHelp("Exit with 1 when a finding is at or above this severity: error, warning, info or never (default: `fail-on` in .adlaw.yml, else warning).", valueName: "severity"))
    var failOn: FailThreshold?

    @Option(name: .customLong("format"), help: ArgumentHelp("Output format: \(OutputFormat.allCases.map(\.rawValue).joinedAsAlternatives()) (default human; github when GITHUB_ACTIONS=true).", valueName: "format"))
    var format: OutputFormat?

    @Flag(name: .customLong("no-color"), help: "Never colour the output (also: the NO_COLOR environment variable).")
    var noColor = false

    @Option(name: .customLong("stdin-filename"), help: ArgumentHelp("The path to report for standard input; its extension picks the format.", valueName: "path"))
    var stdinFilename: String?

    @Flag(name: .customLong("checklists"), help: "Also run campaign-plan checklists (they always run in `adlaw audit`).")
    var checklists = false

    @Flag(name: .customLong("staged"), help: "Check the staged content of added or changed files (the git index, not the working tree); paths limit it to those files or folders.")
    var staged = false

    @Option(name: .customLong("baseline"), help: ArgumentHelp("Findings in this baseline file do not fail the run; only new ones do (default: `baseline` in .adlaw.yml).", valueName: "file"))
    var baseline: String?

    @Option(name: .customLong("write-baseline"), help: ArgumentHelp("Write the findings of this run to a baseline file (atomically) and exit 0.", valueName: "file"))
    var writeBaseline: String?

    @Option(name: .customLong("output"), help: ArgumentHelp("Write the report to this file (atomically) instead of standard output.", valueName: "file"))
    var output: String?

    @Option(name: .customLong("jsonl"), help: ArgumentHelp("Batch mode: read one JSON record per line ({\"id\", \"text\", \"filename\"?, \"sectors\"?}) from this file or `-` (standard input), and write one result line per record, in order: the --format json document of its text with its id and verdict.", valueName: "file"))
    var jsonl: String?

    @Flag(name: .customLong("reproducible"), help: "Leave timings out of the output (also: ADLAW_REPRODUCIBLE=1), so that the same inputs give byte-identical output.")
    var reproducible = false

    func run() throws {
        let started = Date()
        let format = format ?? OutputFormat.default(environment: ProcessInfo.processInfo.environment)
        var options = CheckOptions()
        options.rules = try ruleSetOptions.sources()
        input.apply(to: &options)
        options.only = selection.only
        options.disable = selection.disable
        options.minSeverity = minSeverity
        options.includeChecklists = checklists
        options.baseline = baseline
        options.writesBaseline = writeBaseline != nil
        let checker = try Checker(options.rules)
        // The process exits after this command: the rule set, its compiled patterns and the
        // prefilter's tables are left for the exit to reclaim instead of being freed object by
        // object (3% of the CPU time of checking ten small files).
        _ = Unmanaged.passRetained(checker)
        if let jsonl { return try runBatch(jsonl, checker: checker, options: options) }
        let inputs = try InputOptions.inputs(paths: paths, stdinFilename: stdinFilename, staged: staged, command: "check")
        let result = try checker.run(inputs, options: options)
        let failOn = failOn ?? checker.config?.failOn ?? .warning
        let diagnostics = result.diagnostics
        let report = result.report(toolVersion: AdlawVersion.current,
                                   durationSeconds: Reproducible.requested(flag: reproducible) ? nil : Date().timeIntervalSince(started))
        for diagnostic in diagnostics where diagnostic.level == .error || !format.isMachineReadable {
            Terminal.writeError(diagnostic.formatted)
        }
        let rendered = format.makeReporter(color: output == nil && Terminal.useColor(disabled: noColor)).render(report)
        let read = result.documents.map(\.path)
        let readFiles = read + [checker.config?.file, baseline ?? checker.config?.baselinePath].compactMap { $0 }
        if let output { try OutputTarget.refuseInput(output, option: "--output", inputs: readFiles) }
        if let writeBaseline {
            // The baseline being replaced is the one input it may be written over.
            try OutputTarget.refuseInput(writeBaseline, option: "--write-baseline",
                                         inputs: read + [checker.config?.file].compactMap { $0 })
        }
        if let output {
            // Naming the file with --output is the request to replace it.
            do { try AtomicFile.write(rendered, to: output, overwrite: .always) } catch { throw CLIError.input(error.description) }
        } else {
            try Terminal.write(rendered)
        }

        if let writeBaseline {
            let baselined = result.triage.waived.compactMap { waived -> Finding? in
                if case .baselined = waived.waiver { return waived.finding }
                return nil
            }
            let accepted = Baseline.from(result.open + baselined, path: writeBaseline)
            do { try accepted.write() } catch { throw CLIError.input(error.description) }
            Terminal.writeError("wrote \(accepted.entries.count) finding\(accepted.entries.count == 1 ? "" : "s") to the baseline \(writeBaseline); later runs with --baseline \(writeBaseline) fail only on new findings")
            if result.inputFailed { throw ExitCode(2) }
            return
        }
        if result.inputFailed { throw ExitCode(2) }
        if result.fails(at: failOn) { throw ExitCode(1) }
    }
}

extension CheckCommand {
    /// `--jsonl`: records in, result lines out (see `JSONLinesBatch`). Exit 2 when a line was
    /// not a valid record, else 1 when a record has a finding at or above --fail-on.
    func runBatch(_ source: String, checker: Checker, options: CheckOptions) throws {
        guard paths.isEmpty, !staged, writeBaseline == nil else {
            throw CLIError.usage("--jsonl reads records, not paths; it cannot be combined with paths, --staged or --write-baseline")
        }
        let handle: FileHandle
        if source == "-" {
            handle = .standardInput
        } else if let file = FileHandle(forReadingAtPath: source) {
            handle = file
        } else {
            throw CLIError.input("cannot read the records file \(source)")
        }
        var batch = JSONLinesBatch(prepared: try checker.prepare(options))
        if let jobs = options.jobs { batch.width = max(1, jobs) }
        let failOn = failOn ?? checker.config?.failOn ?? .warning
        let tally: JSONLinesBatch.Tally
        if let output {
            var text = ""
            tally = batch.run(handle, failOn: failOn) { text += $0 }
            do { try AtomicFile.write(text, to: output, overwrite: .always) } catch { throw CLIError.input(error.description) }
        } else {
            // A failed write ends the output; the error is reported once the batch stops.
            var failure: CLIError?
            tally = batch.run(handle, failOn: failOn) { line in
                guard failure == nil else { return }
                do throws(CLIError) { try Terminal.write(line) } catch { failure = error }
            }
            if let failure { throw failure }
        }
        if tally.invalid > 0 { throw ExitCode(2) }
        if tally.failing > 0 { throw ExitCode(1) }
    }
}

extension FailThreshold: ExpressibleByArgument {}

extension OutputFormat: ExpressibleByArgument {}
