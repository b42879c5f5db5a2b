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
        let ruleSet = try selection.apply(to: fullSet).filtered { $0.severity >= minSeverity }
        let forced = sectors.flatMap { $0.split(separator: ",").map { Sector(String($0)) } }
        for sector in forced where !fullSet.sectors.isKnown(sector) || sector == .all {
            throw CLIError.usage("unknown sector `\(sector)`; known sectors: \(fullSet.sectors.definitions.map(\.id.rawValue).joined(separator: ", "))")
        }
        let reader = DocumentReader(maxFileSize: maxFileSize)
        let linter = Linter(ruleSet: ruleSet)
        let options = LintOptions(sectors: forced, inferSectors: !noInferSectors)
        let scratch = engine.makeScratch()

        var documents: [DocumentSource] = []
        var diagnostics: [Diagnostic] = []
        var inputFailed = false
        let readStdin = paths == ["-"] || (paths.isEmpty && !Terminal.stdinIsTerminal)
        if readStdin {
            documents.append(.standardInput(stdinFilename ?? "-"))
        } else if paths.isEmpty {
            throw CLIError.usage("no input: give files or folders to check, or pipe text into `adlaw check`")
        } else {
            if paths.contains("-") { throw CLIError.usage("`-` (standard input) cannot be mixed with paths") }
            let walked = FileWalker(extensions: reader.knownExtensions, exclude: exclude, include: include).expand(paths)
            documents = walked.files.map { .file($0) }
            diagnostics += walked.diagnostics
            for error in walked.errors {
                inputFailed = true
                diagnostics.append(Diagnostic(code: error.code, level: .error, path: error.path, message: error.description))
            }
        }

        var findings: [Finding] = []
        var files: [FileReport] = []
        for source in documents {
            let document: ExtractedDocument
            do {
                switch source {
                case let .file(path): document = try reader.read(path: path)
                case let .standardInput(name): document = try reader.readStandardInput(name: name)
                }
            } catch {
                // A binary file is skipped with a warning; any other unreadable input fails the run.
                let skipped = error.code == "binary"
                if !skipped { inputFailed = true }
                diagnostics.append(Diagnostic(code: error.code, level: skipped ? .warning : .error,
                                              path: error.path, line: error.line, column: error.column, message: error.description))
                continue
            }
            var checked = document
            checked.declaredSectors = document.declaredSectors.filter { sector in
                if fullSet.sectors.isKnown(sector) && sector != .all { return true }
                diagnostics.append(Diagnostic(code: "unknown-sector", level: .warning, path: document.path, line: 1, column: 1,
                                              message: "unknown sector `\(sector)` in the front matter was ignored"))
                return false
            }
            let result = linter.lint(checked, options: options, scratch: scratch)
            findings += result.findings
            diagnostics += result.diagnostics
            files.append(FileReport(path: result.path, format: result.format, sectors: result.sectors.sectors,
                                    sectorSource: result.sectors.source.rawValue, inferredFrom: result.sectors.evidence,
                                    findingCount: result.findings.count))
        }

        findings.sort(by: Finding.stableOrder)
        let report = LintReport(toolVersion: Adlaw.version, files: files, findings: findings, diagnostics: diagnostics,
                                rulesLoaded: ruleSet.rules.count, durationSeconds: Date().timeIntervalSince(started),
                                rules: ruleSet.rules.map(\.descriptor))
        for diagnostic in diagnostics where diagnostic.level == .error || !format.isMachineReadable {
            Terminal.writeError(diagnostic.formatted)
        }
        Terminal.write(format.makeReporter(color: Terminal.useColor(disabled: noColor)).render(report))

        if inputFailed { throw ExitCode(2) }
        if let threshold = failOn.severity, findings.contains(where: { $0.severity >= threshold }) { throw ExitCode(1) }
    }
}

enum DocumentSource {
    case file(String)
    case standardInput(String)
}

/// `--fail-on`: a severity, or never.
enum FailThreshold: String, ExpressibleByArgument, CaseIterable {
    case error, warning, info, never

    var severity: Severity? { Severity(rawValue: rawValue) }
}

extension OutputFormat: ExpressibleByArgument {}
