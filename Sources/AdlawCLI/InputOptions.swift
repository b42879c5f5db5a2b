import ArgumentParser
import Foundation
import Checker
import Extractors

/// How inputs are found and read, shared by `check` and `audit`.
public struct InputOptions: ParsableArguments {
    public init() {}

    @Option(name: .customLong("sector"), help: ArgumentHelp("Check as this sector (repeatable); overrides front matter and inference. See `adlaw rules list`.", valueName: "sector"))
    var sectors: [String] = []

    @Flag(name: .customLong("no-infer-sectors"), help: "Do not infer sectors from the copy; only --sector and front matter count.")
    var noInferSectors = false

    @Option(name: .customLong("channel"), help: ArgumentHelp("How the copy is sold: `online` (web shops, social media, TV shopping; the default when the copy says nothing) or `store` (a physical shop). Overrides front matter `channel:` and `.adlaw.yml`.", valueName: "channel"))
    var channels: [String] = []

    @Option(name: .customLong("publisher"), help: ArgumentHelp("Who publishes the copy: `government` (government bodies, their agencies and schools: accessibility of their websites is a legal duty under 身心障礙者權益保障法 §52-2) or `private` (the default). Overrides front matter `publisher:` and `.adlaw.yml`.", valueName: "publisher"))
    var publisher: String?

    @Option(name: .customLong("kind"), help: ArgumentHelp("Whether the copy sells: `ad`, `article` (health education or news: health claims reported at info, with why) or `auto` (the default: decided from the copy). Overrides front matter `kind:` and `.adlaw.yml`.", valueName: "kind"))
    var kind: String?

    @Option(name: .customLong("max-file-size"), help: ArgumentHelp("Refuse files larger than this many bytes (a unit may follow: 100M, 1G; default: 64 MiB).", valueName: "bytes"),
            transform: { try ByteCount.parse($0, option: "--max-file-size", minimum: 1) })
    var maxFileSize: Int = DocumentReader.defaultMaxFileSize

    @Option(name: .customLong("max-memory"), help: ArgumentHelp("The memory budget of every file, in bytes (a unit may follow: 512M, 4G; default: 10 times its size, at least 64 MiB, at most 2 GiB); a file whose copy would take more is refused.", valueName: "bytes"),
            transform: { try ByteCount.parse($0, option: "--max-memory", minimum: ByteCount.minimumMemory) })
    var maxMemory: Int?

    @Option(name: .customLong("jobs"), help: ArgumentHelp("Check this many files at a time (default: one per CPU core); the output does not change.", valueName: "n"))
    var jobs: Int?

    public func validate() throws {
        if let jobs, jobs < 1 {
            throw ValidationError("--jobs \(jobs): give the number of files to check at a time, 1 or more (default: one per CPU core)")
        }
    }

    @Option(name: .customLong("exclude"), help: ArgumentHelp("Leave out walked files and folders matching this glob (gitignore syntax; repeatable). `.adlawignore` files are read too.", valueName: "glob"))
    var exclude: [String] = []

    @Option(name: .customLong("include"), help: ArgumentHelp("Read only walked files matching this glob (repeatable); files named explicitly are always read.", valueName: "glob"))
    var include: [String] = []

    @Flag(name: .customLong("verbose"), help: "Name every file and folder left out (hidden, other formats, excluded) in a note of its own.")
    var verbose = false

    /// Sets these options in a run's options.
    public func apply(to options: inout CheckOptions) {
        options.sectors = sectors
        options.channels = channels
        options.publisher = publisher
        options.kind = kind
        options.inferSectors = !noInferSectors
        options.maxFileSize = maxFileSize
        options.memoryBudget = maxMemory.map { MemoryBudget(floor: $0, hardCap: $0) }
        options.jobs = jobs
        options.walk = WalkOptions(exclude: exclude, include: include, verbose: verbose)
    }

    /// What a command's path arguments ask to read: standard input for `-` (or piped text
    /// with no path), the git index with `--staged`, else the files and folders named.
    static func inputs(paths: [String], stdinFilename: String? = nil, staged: Bool = false,
                       command: String) throws(CLIError) -> CheckInputs {
        if staged {
            if paths.contains("-") {
                throw .usage("--staged reads the git index; it cannot be combined with `-` (standard input)")
            }
            return .staged(limitedTo: paths)
        }
        if paths == ["-"] || (paths.isEmpty && Terminal.stdinHasInput) {
            return .standardInput(name: stdinFilename ?? "-")
        }
        if paths.isEmpty {
            throw .usage("no input: give files or folders to \(command) (`.` for the current folder), pipe text into `adlaw \(command)`, or give `-` to read standard input")
        }
        if paths.contains("-") { throw .usage("`-` (standard input) cannot be mixed with paths") }
        return .paths(paths)
    }
}

/// A size in bytes given on the command line: digits, optionally followed by a binary unit
/// (`K`, `M`, `G`, `T`, with or without `iB` or `B`: `512M`, `2GiB`). Zero, negative,
/// malformed and overflowing values are refused with what to pass.
enum ByteCount {
    /// The smallest `--max-memory`: the rule pack alone takes more than this, so a budget
    /// below it is a mistake (0, a value meant in megabytes), never a choice.
    static let minimumMemory = 1 << 20

    struct Invalid: Error, CustomStringConvertible {
        let description: String
    }

    static func parse(_ text: String, option: String, minimum: Int) throws -> Int {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
        var unit = trimmed.dropFirst(digits.count).uppercased()
        if unit.hasSuffix("IB"), unit.count > 2 { unit.removeLast(2) } else if unit.hasSuffix("B") { unit.removeLast() }
        let shifts: [String: Int] = ["": 0, "K": 10, "M": 20, "G": 30, "T": 40]
        let wanted = "give a number of bytes of at least \(minimum)\(minimum >= 1 << 20 ? " (\(minimum >> 20) MiB)" : ""), optionally with a unit: \(option) 512M, \(option) 2G"
        guard !digits.isEmpty, let shift = shifts[unit], let value = Int(digits) else {
            throw Invalid(description: "not a size; \(wanted)")
        }
        let (scaled, overflow) = value.multipliedReportingOverflow(by: 1 << shift)
        guard !overflow else { throw Invalid(description: "too large; \(wanted)") }
        guard scaled >= minimum else { throw Invalid(description: "too small; \(wanted)") }
        return scaled
    }
}
