import Foundation

/// Finds the config that applies to a folder: `.adlaw.yml` (or `.adlaw.yaml`) in the folder
/// itself or the nearest folder above it. The nearest file wins; configs do not cascade.
public struct ConfigLocator: Sendable {
    public init() {}

    /// The config file for `directory`, or nil when no folder up to the root has one.
    public func find(from directory: String) -> String? {
        let fm = FileManager.default
        var url = URL(fileURLWithPath: directory).standardizedFileURL
        while true {
            for name in ConfigFile.fileNames {
                let candidate = url.appendingPathComponent(name)
                var isDirectory: ObjCBool = false
                if fm.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                    return candidate.path
                }
            }
            let parent = url.deletingLastPathComponent()
            if parent.path == url.path { return nil }
            url = parent
        }
    }
}
