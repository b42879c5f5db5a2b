import FileSelection
import Foundation
import LintCore

/// The config's path globs (`exclude:`, `sectors:`, claims' `paths:`) applied to files.
/// Globs are gitignore-style (the walker's `GlobPattern`) and relative to the config's
/// folder; a file outside that folder matches none of them.
public struct PathScope: Sendable {
    /// The config file the globs come from.
    public let configFile: String
    private let directory: String
    private let workingFolder: String
    private let exclude: [GlobPattern]
    private let sectorMappings: [(globs: [GlobPattern], sectors: [Sector])]

    /// - Parameter sectors: resolves the sectors written in `sectors:` (ids, names, aliases);
    ///   without it they are taken as ids.
    public init(config: AdlawConfig, sectors catalog: SectorCatalog? = nil,
                workingFolder: String = FileManager.default.currentDirectoryPath) {
        configFile = config.file
        directory = URL(fileURLWithPath: config.directory).standardizedFileURL.path
        self.workingFolder = workingFolder
        exclude = config.exclude.map { GlobPattern($0.value) }
        sectorMappings = config.sectorMappings.map { mapping in
            (mapping.paths.map { GlobPattern($0.value) }, mapping.sectors.map { catalog?.resolve($0.value) ?? Sector($0.value) })
        }
    }

    /// A path (as given on the command line or walked, relative to the working folder) as
    /// the config sees it: relative to the config's folder; nil when outside it.
    public func relativePath(_ path: String) -> String? {
        guard path != "-" else { return nil }
        let absolute = URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: workingFolder, isDirectory: true)).standardizedFileURL.path
        guard absolute.hasPrefix(directory == "/" ? "/" : directory + "/") else { return nil }
        return String(absolute.dropFirst(directory == "/" ? 1 : directory.count + 1))
    }

    /// Whether a file is left out by `exclude:` (the file or one of its folders matches).
    public func isExcluded(_ path: String) -> Bool {
        guard !exclude.isEmpty, let relative = relativePath(path) else { return false }
        return Self.matches(exclude, relative)
    }

    /// The sectors of every `sectors:` entry whose globs match the file, in config order.
    public func sectors(for path: String) -> [Sector] {
        guard let relative = relativePath(path) else { return [] }
        var out: [Sector] = []
        for mapping in sectorMappings where Self.matches(mapping.globs, relative) {
            for sector in mapping.sectors where !out.contains(sector) { out.append(sector) }
        }
        return out
    }

    /// Whether any of `globs` (relative to the config's folder) matches the file.
    public func matches(_ globs: [String], path: String) -> Bool {
        guard let relative = relativePath(path) else { return false }
        return Self.matches(globs.map(GlobPattern.init), relative)
    }

    /// The file itself, or a folder on its way (`drafts/` covers `drafts/a/b.md`).
    static func matches(_ globs: [GlobPattern], _ relative: String) -> Bool {
        let parts = relative.split(separator: "/").map(String.init)
        for glob in globs {
            if glob.matches(relative, isDirectory: false) { return true }
            for end in parts.indices.dropLast() where glob.matches(parts[...end].joined(separator: "/"), isDirectory: true) {
                return true
            }
        }
        return false
    }
}
