import AtomicFiles
import Foundation

/// Installs and removes the git pre-commit hook that runs `adlaw check --staged`. An
/// existing hook that adlaw did not write is never replaced without `force`, and when it
/// is, it is kept beside the new one as `pre-commit.adlaw-backup`.
public struct HookInstaller: Sendable {
    /// The line that marks a hook as adlaw's own.
    public static let marker = "# adlaw pre-commit hook"
    public static let hookName = "pre-commit"
    public static let backupSuffix = ".adlaw-backup"

    public enum Outcome: Sendable, Equatable {
        case installed(path: String)
        /// adlaw's own hook was rewritten (e.g. with a new binary path).
        case updated(path: String)
        /// Another hook was moved to `backup` and replaced.
        case replaced(path: String, backup: String)
    }

    public enum Failure: Error, Sendable, CustomStringConvertible {
        case existingHook(path: String)
        case notOurs(path: String)
        case io(String)
        case git(GitError)

        public var description: String {
            switch self {
            case let .existingHook(path):
                "\(path) already exists and was not written by adlaw; nothing was changed. Run `adlaw hook install --force` to replace it (the old hook is kept as \(HookInstaller.hookName)\(HookInstaller.backupSuffix)), or call `adlaw check --staged` from your own hook"
            case let .notOurs(path):
                "\(path) was not written by adlaw; remove it by hand if you mean to"
            case let .io(message): message
            case let .git(error): error.description
            }
        }
    }

    public init() {}

    /// The hook script. `adlawPath` is the binary to run; when it is missing at commit
    /// time the hook falls back to `adlaw` on PATH, and fails the commit if there is none.
    public static func script(adlawPath: String) -> String {
        """
        #!/bin/sh
        \(marker) (written by `adlaw hook install`).
        # Checks the staged copy (the index, not the working tree) before each commit and stops
        # the commit when a finding is at or above `fail-on` in .adlaw.yml. Bypass once with
        # `git commit --no-verify`; better, add a reasoned suppression or an approved claim.
        ADLAW_INSTALLED=\(shellQuoted(adlawPath))
        ADLAW="${ADLAW:-$ADLAW_INSTALLED}"
        if [ ! -x "$ADLAW" ]; then
          ADLAW=$(command -v adlaw) || { echo "adlaw pre-commit hook: adlaw not found; install it or set ADLAW=/path/to/adlaw" >&2; exit 1; }
        fi
        exec "$ADLAW" check --staged

        """
    }

    /// `text` as one single-quoted shell word: nothing inside single quotes has a meaning
    /// but the closing quote, written `'\''`. (A double-quoted path inside `${ADLAW:-...}`
    /// broke at a `}` in the install path.)
    static func shellQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    public func install(in repository: GitRepository, adlawPath: String, force: Bool) throws(Failure) -> Outcome {
        let folder: String
        do { folder = try repository.hooksFolder() } catch { throw .git(error) }
        let hook = (folder as NSString).appendingPathComponent(Self.hookName)
        let fm = FileManager.default
        do { try fm.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
            throw .io("cannot create \(folder): \(error.localizedDescription)")
        }
        var outcome = Outcome.installed(path: hook)
        if fm.fileExists(atPath: hook) || (try? fm.destinationOfSymbolicLink(atPath: hook)) != nil {
            if isOurs(hook) {
                outcome = .updated(path: hook)
            } else if force {
                // An earlier backup is never deleted: this one takes the next free name.
                var backup = hook + Self.backupSuffix
                var number = 1
                while fm.fileExists(atPath: backup) || (try? fm.destinationOfSymbolicLink(atPath: backup)) != nil {
                    backup = hook + Self.backupSuffix + ".\(number)"
                    number += 1
                }
                do { try fm.moveItem(atPath: hook, toPath: backup) } catch {
                    throw .io("cannot move \(hook) to \(backup): \(error.localizedDescription)")
                }
                outcome = .replaced(path: hook, backup: backup)
            } else {
                throw .existingHook(path: hook)
            }
        }
        // adlaw's own hook is updated; any other hook has been moved aside, and one that
        // appeared since is not replaced.
        let marker = Self.marker
        let overwrite: AtomicFile.Overwrite = if case .updated = outcome {
            .when { String(decoding: $0.prefix(4096), as: UTF8.self).contains(marker) }
        } else {
            .never
        }
        do { try AtomicFile.write(Self.script(adlawPath: adlawPath), to: hook, overwrite: overwrite, permissions: 0o755) } catch {
            throw .io(error.description)
        }
        return outcome
    }

    /// Removes adlaw's hook (only adlaw's), restoring a backed-up hook if there is one.
    public func uninstall(in repository: GitRepository) throws(Failure) -> String? {
        let folder: String
        do { folder = try repository.hooksFolder() } catch { throw .git(error) }
        let hook = (folder as NSString).appendingPathComponent(Self.hookName)
        let fm = FileManager.default
        guard fm.fileExists(atPath: hook) else { return nil }
        guard isOurs(hook) else { throw .notOurs(path: hook) }
        do {
            try fm.removeItem(atPath: hook)
            let backup = hook + Self.backupSuffix
            if fm.fileExists(atPath: backup) { try fm.moveItem(atPath: backup, toPath: hook) }
        } catch {
            throw .io("cannot remove \(hook): \(error.localizedDescription)")
        }
        return hook
    }

    func isOurs(_ path: String) -> Bool {
        guard let data = FileManager.default.contents(atPath: path) else { return false }
        return String(decoding: data.prefix(4096), as: UTF8.self).contains(Self.marker)
    }
}
