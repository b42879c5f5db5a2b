import Foundation
import Testing

/// The pieces of a release that are cheap to check without the release build
/// (`scripts/package.sh` is heavy; `scripts/e2e/package_test.sh` tests a real package): the man
/// page generator against the built binary, and `install.sh` laying out a release folder under
/// a prefix whose installed binary then finds its rule pack in `../share/adlaw/Rules`.
@Suite struct PackageScriptsTests {
    @Test func theManPageDescribesEveryCommand() throws {
        let folder = CLIRunner.temporaryFolder("adlaw-man")
        defer { CLIRunner.remove(folder) }
        let made = try CLIRunner.run("python3", [CLIRunner.packageRoot.appendingPathComponent("scripts/make-manpage.py").path,
                                                 try CLIRunner.adlawPath()], in: folder)
        #expect(made.status == 0, "\(made.stderr)")
        let page = made.stdout
        #expect(page.hasPrefix(".TH ADLAW 1 "), "\(page.prefix(200))")
        let help = try CLIRunner.adlaw(["--help"], in: folder)
        // Every subcommand `--help` lists has its own section, with its options.
        // The list ends at the first blank line (then `See 'adlaw help <subcommand>'`).
        let commands = help.stdout.components(separatedBy: "SUBCOMMANDS:\n").last?
            .components(separatedBy: "\n\n").first?
            .components(separatedBy: "\n").compactMap { line -> String? in
                let words = line.split(separator: " ")
                return line.hasPrefix("  ") && !line.hasPrefix("    ") ? words.first.map(String.init) : nil
            } ?? []
        #expect(commands.count >= 10, "\(help.stdout)")
        for command in commands where command != "help" {
            let escaped = command.replacingOccurrences(of: "-", with: "\\-")
            #expect(page.contains(".SS adlaw \(escaped)\n"), "no section for `adlaw \(command)`")
        }
        #expect(page.contains("\\fB\\-\\-fail\\-on\\fR"), "options are listed")
        // groff reads it without a warning.
        try page.write(to: folder.appendingPathComponent("adlaw.1"), atomically: true, encoding: .utf8)
        let rendered = try CLIRunner.run("groff", ["-k", "-man", "-Tutf8", "-ww", "-z", "adlaw.1"], in: folder)
        #expect(rendered.status == 0 && rendered.stderr.isEmpty, "groff: \(rendered.stderr)")
    }

    @Test func installPutsAReleaseUnderAPrefix() throws {
        let folder = CLIRunner.temporaryFolder("adlaw-install")
        defer { CLIRunner.remove(folder) }
        let fm = FileManager.default
        // A release folder as package.sh lays it out, around the debug binary.
        let release = folder.appendingPathComponent("adlaw-test-linux-x86_64")
        let share = release.appendingPathComponent("share")
        for dir in ["bin", "lib/adlaw", "share/adlaw", "share/man/man1", "share/bash-completion/completions",
                    "share/zsh/site-functions", "share/fish/vendor_completions.d", "share/doc/adlaw/licenses"] {
            try fm.createDirectory(at: release.appendingPathComponent(dir), withIntermediateDirectories: true)
        }
        try fm.copyItem(atPath: try CLIRunner.adlawPath(), toPath: release.appendingPathComponent("bin/adlaw").path)
        try fm.copyItem(at: CLIRunner.packageRoot.appendingPathComponent("Rules"), to: share.appendingPathComponent("adlaw/Rules"))
        try "completion\n".write(to: share.appendingPathComponent("bash-completion/completions/adlaw"), atomically: true, encoding: .utf8)
        try "licence\n".write(to: share.appendingPathComponent("doc/adlaw/licenses/pcre2.copyright"), atomically: true, encoding: .utf8)
        try fm.copyItem(at: CLIRunner.packageRoot.appendingPathComponent("scripts/install.sh"), to: release.appendingPathComponent("install.sh"))

        let prefix = folder.appendingPathComponent("prefix with space")
        let installed = try CLIRunner.run(release.appendingPathComponent("install.sh").path, ["--prefix", prefix.path], in: folder)
        #expect(installed.status == 0, "\(installed.stderr)")
        #expect(installed.stdout.contains("installed in \(prefix.path)"), "\(installed.stdout)")
        for path in ["bin/adlaw", "share/adlaw/Rules", "share/bash-completion/completions/adlaw", "share/doc/adlaw/licenses/pcre2.copyright"] {
            #expect(fm.fileExists(atPath: prefix.appendingPathComponent(path).path), "\(path) installed")
        }
        let unknown = try CLIRunner.run(release.appendingPathComponent("install.sh").path, ["--prefx", prefix.path], in: folder)
        #expect(unknown.status == 2 && unknown.stderr.contains("--prefix DIR"), "\(unknown.stderr)")

        // The installed binary, with no ADLAW_RULES_DIR, finds ../share/adlaw/Rules and checks
        // the sample campaign from an unrelated folder.
        try fm.copyItem(at: CLIRunner.packageRoot.appendingPathComponent("Corpus/sample-campaign"), to: folder.appendingPathComponent("campaign"))
        let check = try CLIRunner.run("/usr/bin/env", ["-u", "ADLAW_RULES_DIR", prefix.appendingPathComponent("bin/adlaw").path,
                                                       "check", "--no-config", "campaign"],
                                      in: folder, environment: ["ADLAW_CACHE_DIR": folder.appendingPathComponent("cache").path])
        #expect(check.status == 1, "\(check.combined)")
        #expect(check.stdout.contains("food.medical-efficacy"), "\(check.stdout)")
    }
}
