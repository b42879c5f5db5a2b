/// A file or folder a run did not read, and why. The walker, the reader and the config's
/// `exclude:` record one for every input they leave out, so an audit can say exactly what
/// was not checked: nothing is left out in silence.
public struct SkippedInput: Sendable, Hashable, Codable {
    public enum Reason: String, Sendable, Hashable, Codable, CaseIterable {
        /// A format adlaw does not read (images, video, `.doc`, `.rtf` …).
        case otherFormat = "other-format"
        /// Left out on purpose: `--exclude`, `--include`, `.adlawignore`.
        case ignored
        /// Left out on purpose by the config's `exclude:`.
        case excludedByConfig = "excluded-by-config"
        /// A file adlaw wrote (a baseline, a report): not copy.
        case adlawOutput = "adlaw-output"
        /// Binary content under a text extension.
        case binary
        /// A pipe, socket or device found while walking.
        case special
        /// A symbolic link to nothing, or a link loop.
        case brokenLink = "broken-link"
        case symlinkLoop = "symlink-loop"
        /// A symbolic link that leads out of the repository (never followed).
        case linkOutside = "link-outside"

        /// Whether the team chose to leave it out (an exclusion) or adlaw could not read it:
        /// only the latter leaves copy unchecked.
        public var isDeliberate: Bool { self == .ignored || self == .excludedByConfig || self == .adlawOutput }

        /// Why it was not read, for the zh-TW report.
        public var label: String {
            switch self {
            case .otherFormat: "adlaw 不讀取的格式，未經檢查"
            case .ignored: "依 --exclude、--include 或 .adlawignore 排除"
            case .excludedByConfig: "依設定檔 exclude: 排除"
            case .adlawOutput: "adlaw 產生的報告或基準線，非文案"
            case .binary: "內容為二進位資料，無法讀取"
            case .special: "非一般檔案（管線、通訊端或裝置）"
            case .brokenLink: "符號連結指向不存在的檔案"
            case .symlinkLoop: "符號連結形成迴圈"
            case .linkOutside: "符號連結指向儲存庫之外，未跟隨"
            }
        }
    }

    /// What kind of content a file of another format holds, for the coverage section:
    /// 圖片, 影片, 音訊, or nil for other formats.
    public var mediaKind: String? {
        switch fileExtension {
        case "png", "jpg", "jpeg", "gif", "webp", "svg", "heic", "heif", "bmp", "tif", "tiff", "avif", "psd", "ai": "圖片"
        case "mp4", "mov", "avi", "mkv", "webm", "m4v", "wmv", "flv": "影片"
        case "mp3", "wav", "m4a", "aac", "ogg", "flac": "音訊"
        default: nil
        }
    }

    public var path: String
    public var reason: Reason
    /// A folder left out whole (`drafts/`).
    public var isFolder: Bool

    public init(path: String, reason: Reason, isFolder: Bool = false) {
        self.path = path
        self.reason = reason
        self.isFolder = isFolder
    }

    /// The file's extension, lower case, without the dot.
    public var fileExtension: String {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return "" }
        return String(path[path.index(after: dot)...]).lowercased()
    }
}
