import Annotator
import ArgumentParser
import AtomicFiles
import Checker
import AdlawConfiguration
import Foundation
import LintCore

/// `adlaw annotate FILE.docx -o FILE.reviewed.docx`: a copy with every finding as a comment.
struct AnnotateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "annotate",
        abstract: "Write a copy of a Word or PowerPoint file with each finding as a comment by \"adlaw\".",
        discussion: """
        Checks FILE (.docx or .pptx) as `adlaw check` does and writes a copy to --output with \
        every finding that counts as a native comment: the message, each law and article with \
        its penalty, and the suggestion. In Word the comment is anchored on the flagged phrase \
        (formatting runs are split where it starts and ends); in PowerPoint, whose comments \
        point at a place on a slide, it sits on the shape and quotes the phrase. Existing \
        comments are kept; the original file is never changed.

        Exit codes: 0 written, no finding at or above --fail-on; 1 written, with findings; \
        2 usage, config or input error (nothing written).
        """
    )

    @Argument(help: ArgumentHelp("The .docx or .pptx file to check.", valueName: "file"))
    var file: String

    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("Where to write the annotated copy (e.g. FILE.reviewed.docx).", valueName: "file"))
    var output: String

    @Flag(name: .customLong("force"), help: "Replace --output if it exists.")
    var force = false

    @Flag(name: .customLong("reproducible"), help: "Leave the comments' date out (also: ADLAW_REPRODUCIBLE=1): the same inputs give a byte-identical copy.")
    var reproducible = false

    @Option(name: .customLong("fail-on"), help: ArgumentHelp("Exit with 1 when a finding is at or above this severity (default: `fail-on` in .adlaw.yml, else warning).", valueName: "severity"))
    var failOn: FailThreshold?

    @OptionGroup var input: InputOptions
    @OptionGroup var ruleSetOptions: RuleSetOptions
    @OptionGroup var selection: RuleSelectionOptions

    func run() throws {
        let ext = (file as NSString).pathExtension.lowercased()
        guard OfficeAnnotator.extensions.contains(ext) else {
            throw CLIError.usage("\(file): only Word (.docx) and PowerPoint (.pptx) files can hold comments; use `adlaw check` or `adlaw audit` for other formats")
        }
        let target = URL(fileURLWithPath: output).standardizedFileURL.resolvingSymlinksInPath().path
        if target == URL(fileURLWithPath: file).standardizedFileURL.resolvingSymlinksInPath().path {
            throw CLIError.usage("--output names the file being checked; adlaw never changes the original: choose another path (e.g. \((file as NSString).deletingPathExtension).reviewed.\(ext))")
        }
        if (output as NSString).pathExtension.lowercased() != ext {
            throw CLIError.usage("--output `\(output)` should end in .\(ext) like the input, or Office will not open it")
        }
        var options = CheckOptions()
        options.rules = try ruleSetOptions.sources()
        input.apply(to: &options)
        options.only = selection.only
        options.disable = selection.disable
        let checker = try Checker(options.rules)
        let result = try checker.run(.paths([file]), options: options)
        for diagnostic in result.diagnostics { Terminal.writeError(diagnostic.formatted) }
        if result.inputFailed { throw ExitCode(2) }
        guard let bytes = FileManager.default.contents(atPath: file) else { throw CLIError.input("\(file): cannot be read") }

        let date = Reproducible.requested(flag: reproducible) ? nil : ISO8601DateFormatter().string(from: Date())
        let annotated: OfficeAnnotator.Result
        do {
            annotated = try OfficeAnnotator(date: date).annotate(Array(bytes), path: file, findings: result.open)
        } catch { throw CLIError.input(error.description) }
        do { try AtomicFile.write(annotated.bytes, to: output, overwrite: force ? .always : .never) } catch {
            throw CLIError.input(error.description)
        }
        let count = result.open.count
        var summary = "\(output): \(count) comment\(count == 1 ? "" : "s") by adlaw"
        if ext.hasPrefix("ppt") {
            if count > 0 { summary += " (on the shape of each phrase; PowerPoint comments point at a place, not at text)" }
        } else if !annotated.approximate.isEmpty {
            summary += "; \(annotated.exact) on the phrase, \(annotated.approximate.count) on the paragraph or at the start (headers, footers, image descriptions: the comment says where)"
        }
        Terminal.writeError(summary)
        let threshold = failOn ?? checker.config?.failOn ?? .warning
        if result.fails(at: threshold) { throw ExitCode(1) }
    }
}
