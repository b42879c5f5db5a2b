import ArgumentParser
import Extractors

/// How inputs are found and read, shared by `check` and `audit`.
struct InputOptions: ParsableArguments {
    @Option(name: .customLong("sector"), help: ArgumentHelp("Check as this sector (repeatable); overrides front matter and inference. See `adlaw rules list`.", valueName: "sector"))
    var sectors: [String] = []

    @Flag(name: .customLong("no-infer-sectors"), help: "Do not infer sectors from the copy; only --sector and front matter count.")
    var noInferSectors = false

    @Option(name: .customLong("max-file-size"), help: ArgumentHelp("Refuse files larger than this many bytes.", valueName: "bytes"))
    var maxFileSize: Int = DocumentReader.defaultMaxFileSize

    @Option(name: .customLong("jobs"), help: ArgumentHelp("Check this many files at a time (default: one per CPU core); the output does not change.", valueName: "n"))
    var jobs: Int?

    @Option(name: .customLong("exclude"), help: ArgumentHelp("Leave out walked files and folders matching this glob (gitignore syntax; repeatable). `.adlawignore` files are read too.", valueName: "glob"))
    var exclude: [String] = []

    @Option(name: .customLong("include"), help: ArgumentHelp("Read only walked files matching this glob (repeatable); files named explicitly are always read.", valueName: "glob"))
    var include: [String] = []

    /// A session request for `paths` with these options.
    func request(paths: [String], command: String) -> LintSession.Request {
        LintSession.Request(paths: paths, sectors: sectors, inferSectors: !noInferSectors,
                            walk: WalkOptions(exclude: exclude, include: include), maxFileSize: maxFileSize, jobs: jobs,
                            command: command)
    }
}
