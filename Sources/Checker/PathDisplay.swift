import Foundation

/// Paths as people want to read them: relative to the current folder when inside it.
public enum PathDisplay {
    public static func relative(_ path: String) -> String {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL.path
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        if absolute == cwd { return "." }
        return absolute.hasPrefix(cwd + "/") ? String(absolute.dropFirst(cwd.count + 1)) : absolute
    }
}
