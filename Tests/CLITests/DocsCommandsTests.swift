import Foundation
import Testing

/// Every command shown in a shell block of the README and docs/ runs here, so the docs cannot
/// drift from the tool: `adlaw` commands run against a sandbox holding the files they name and
/// must not end in a usage, config or input error (exit 2); a documented output (`$ adlaw …`
/// followed by what it prints) must match, line by line, up to any `…`; a documented script
/// must exist and be executable, and a benchmark's documented flags must be in its `--help`.
@Suite struct DocsCommandsTests {
    struct Command: CustomStringConvertible, Sendable {
        var file: String
        var line: Int
        var text: String
        /// The output shown under a `$ command` line, if any.
        var output: [String]
        var description: String { "\(file):\(line): \(text)" }
    }

    /// Commands that need the network, a whole build or minutes of fuzzing; each still has to
    /// name a file that exists (checked below) where it names one.
    static let notRun = ["swift build", "git archive", "./scripts/demo.sh", "./scripts/test.sh", "scripts/fuzz.sh", "Fuzz/make-seeds.sh"]

    /// Commands on files a script makes (a release's tarball and its install script), run by
    /// that script: it must exist and be executable.
    static let runElsewhere = ["tar xzf adlaw-": "scripts/e2e/package_test.sh",
                               "adlaw-0.1.0-linux-x86_64/install.sh": "scripts/e2e/package_test.sh"]

    static func documents() -> [URL] {
        let root = CLIRunner.packageRoot
        var files = [root.appendingPathComponent("README.md")]
        if let walker = FileManager.default.enumerator(at: root.appendingPathComponent("docs"), includingPropertiesForKeys: nil) {
            for case let url as URL in walker where url.pathExtension == "md" { files.append(url) }
        }
        return files.sorted { $0.path < $1.path }
    }

    /// Shell commands in fenced blocks: every line of a `sh`/`console` block, and `$ ` lines of
    /// a plain block (with the lines after them as their output).
    static func commands() throws -> [Command] {
        var found: [Command] = []
        let root = CLIRunner.packageRoot.path + "/"
        for url in documents() {
            let lines = try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\n")
            let name = String(url.path.dropFirst(root.count))
            var index = 0
            while index < lines.count {
                let fence = lines[index].trimmingCharacters(in: .whitespaces)
                guard fence.hasPrefix("```") else { index += 1; continue }
                let language = String(fence.dropFirst(3))
                var body: [(Int, String)] = []
                index += 1
                while index < lines.count, !lines[index].trimmingCharacters(in: .whitespaces).hasPrefix("```") {
                    body.append((index + 1, lines[index]))
                    index += 1
                }
                index += 1
                if language == "sh" || language == "console" {
                    for (number, line) in body {
                        var text = line.trimmingCharacters(in: .whitespaces)
                        if text.hasPrefix("$ ") { text.removeFirst(2) }
                        if let comment = text.range(of: " #") { text = String(text[..<comment.lowerBound]) }
                        text = text.trimmingCharacters(in: .whitespaces)
                        if text.isEmpty || text.hasPrefix("#") { continue }
                        found.append(Command(file: name, line: number, text: text, output: []))
                    }
                } else if language.isEmpty, let first = body.first, first.1.hasPrefix("$ ") {
                    found.append(Command(file: name, line: first.0, text: String(first.1.dropFirst(2)),
                                         output: body.dropFirst().map(\.1)))
                }
            }
        }
        return found
    }

    /// A folder holding what the documented commands name: the sample campaign, a product
    /// page, a campaign folder, batch records, in a git repository (for `adlaw hook install`).
    static func sandbox() throws -> URL {
        let folder = CLIRunner.temporaryFolder("adlaw-docs")
        let fm = FileManager.default
        let sample = CLIRunner.packageRoot.appendingPathComponent("Corpus/sample-campaign")
        try fm.createDirectory(at: folder.appendingPathComponent("Corpus"), withIntermediateDirectories: true)
        try fm.copyItem(at: sample, to: folder.appendingPathComponent("Corpus/sample-campaign"))
        try fm.copyItem(at: CLIRunner.packageRoot.appendingPathComponent("Corpus/accessibility"),
                        to: folder.appendingPathComponent("Corpus/accessibility"))
        try fm.copyItem(at: sample, to: folder.appendingPathComponent("campaign"))
        try fm.copyItem(at: sample.appendingPathComponent("product-page.md"), to: folder.appendingPathComponent("product-page.md"))
        for office in ["campaign-plan.docx", "pitch-deck.pptx"] {
            try fm.copyItem(at: CLIRunner.packageRoot.appendingPathComponent("Corpus/formats/\(office)"), to: folder.appendingPathComponent(office))
        }
        try #"{"id": 1, "text": "每天一杯，預防感冒。", "sectors": ["food"]}"#.appending("\n")
            .write(to: folder.appendingPathComponent("records.jsonl"), atomically: true, encoding: .utf8)
        _ = try CLIRunner.run("/usr/bin/env", ["git", "init", "-q"], in: folder)
        return folder
    }

    /// Splits a command line into words (double and single quotes group; no other shell syntax).
    static func words(_ text: String) -> [String] {
        var words: [String] = [], current = "", quote: Character?
        for character in text {
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == " " {
                if !current.isEmpty { words.append(current); current = "" }
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    @Test func theDocsShowCommands() throws {
        let commands = try Self.commands()
        #expect(commands.filter { $0.text.hasPrefix("adlaw ") }.count >= 8, "\(commands)")
        #expect(commands.contains { !$0.output.isEmpty }, "the README's sample output is found")
    }

    static func isAdlaw(_ command: Command) -> Bool { command.text.hasPrefix("adlaw ") || command.text.hasPrefix(".build/") }

    /// The adlaw commands of each block, run in order in one sandbox (a block is a sequence:
    /// write a baseline, then check against it).
    static func adlawBlocks() throws -> [[Command]] {
        var blocks: [[Command]] = []
        var last: Command?
        for command in try commands() where isAdlaw(command) {
            if let last, last.file == command.file, last.line + 1 == command.line, last.output.isEmpty {
                blocks[blocks.count - 1].append(command)
            } else {
                blocks.append([command])
            }
            last = command
        }
        return blocks
    }

    @Test(arguments: try adlawBlocks())
    func adlawCommandsRun(_ block: [Command]) throws {
        let folder = try Self.sandbox()
        defer { CLIRunner.remove(folder) }
        for command in block { try run(command, in: folder) }
    }

    func run(_ command: Command, in folder: URL) throws {
        var arguments = Self.words(command.text)
        #expect(!command.text.contains("|"), "\(command): pipes are not run; show one command per line")
        arguments.removeFirst()
        let output = try CLIRunner.adlaw(arguments, in: folder, environment: ["ADLAW_REPRODUCIBLE": "1"])
        #expect(output.status == 0 || output.status == 1,
                "\(command) exited \(output.status):\n\(output.stderr)")
        // A documented output must be what adlaw prints: each shown line, up to a `…` where
        // the docs cut it, starts a line of the real output, in order.
        var actual = output.stdout.components(separatedBy: "\n")[...]
        for shown in command.output {
            if shown.trimmingCharacters(in: .whitespaces) == "…" { continue }
            let prefix = shown.components(separatedBy: "…")[0]
            guard let match = actual.firstIndex(where: { $0.hasPrefix(prefix) }) else {
                Issue.record("\(command): the docs show\n  \(shown)\nbut adlaw printed\n\(output.stdout)")
                return
            }
            actual = actual[(match + 1)...]
        }
    }

    @Test(arguments: try commands().filter { !isAdlaw($0) })
    func scriptCommandExists(_ command: Command) throws {
        let root = CLIRunner.packageRoot
        if let script = Self.runElsewhere.first(where: { command.text.hasPrefix($0.key) })?.value {
            #expect(FileManager.default.isExecutableFile(atPath: root.appendingPathComponent(script).path), "\(command): \(script) runs it")
            return
        }
        let words = Self.words(command.text)
        // The program is the first word that names a file of the repository (after VAR=value).
        guard let program = words.first(where: { ($0.hasPrefix("./") || $0.contains("/")) && !$0.contains("=") && !$0.hasPrefix("/") }) else {
            #expect(Self.notRun.contains { command.text.hasPrefix($0) }, "\(command): not run and names no script of the repository")
            return
        }
        let path = root.appendingPathComponent(program).path
        #expect(FileManager.default.isExecutableFile(atPath: path), "\(command): \(program) is not an executable file of the repository")
        guard program.hasPrefix("bench/"), program.hasSuffix(".py") || !program.contains(".") else { return }
        // A benchmark's documented flags must be among those it accepts.
        let help = try CLIRunner.run("/usr/bin/env", ["python3", path, "--help"], in: root)
        #expect(help.status == 0, "\(program) --help failed: \(help.stderr)")
        let line = try String(contentsOf: root.appendingPathComponent(command.file), encoding: .utf8)
            .components(separatedBy: "\n")[command.line - 1]
        for flag in Self.words(line.replacingOccurrences(of: ",", with: " ")) where flag.hasPrefix("--") {
            let name = flag.components(separatedBy: "=")[0]
            #expect(help.stdout.contains(name), "\(command): \(program) has no option \(name)")
        }
    }
}
