import Foundation

/// Where a run may write its report or baseline: never over one of the files it read.
/// `check copy.md --output copy.md` would otherwise replace the copy with the report.
enum OutputTarget {
    /// Throws a usage error when `path` is the same file as one of `inputs`, however each
    /// is named (compared by device and inode, so links and `./` spellings are caught).
    static func refuseInput(_ path: String, option: String, inputs: [String]) throws {
        var target = stat()
        guard stat(path, &target) == 0 else { return }
        for input in inputs where input != "-" {
            var info = stat()
            guard stat(input, &info) == 0, info.st_dev == target.st_dev, info.st_ino == target.st_ino else { continue }
            let which = input == path ? "an input" : "the input \(input)"
            throw CLIError.usage("\(option) \(path) is \(which) of this run; nothing was written (writing there would replace it). Choose another path")
        }
    }
}
