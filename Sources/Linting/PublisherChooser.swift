import LintCore

/// Decides who publishes a document (`Publisher`): `--publisher` first, then the front
/// matter's `publisher:`, then `.adlaw.yml`, else a private publisher is assumed and the
/// findings whose wording depends on it say so.
struct PublisherChooser {
    func decide(_ document: ExtractedDocument, options: LintOptions, diagnostics: inout [Diagnostic]) -> PublisherDecision {
        if let publisher = options.publisher { return PublisherDecision(publisher: publisher, source: .option) }
        if let declared = document.metadata["publisher"] {
            if let publisher = Publisher(named: declared) {
                return PublisherDecision(publisher: publisher, source: .frontMatter)
            }
            diagnostics.append(Diagnostic(code: .unknownPublisher, level: .warning, path: document.path, line: 1, column: 1,
                                          message: "unknown publisher `\(declared)` in the front matter was ignored; write `publisher: government` (government bodies, their agencies and schools) or `publisher: private`"))
        }
        if let publisher = options.configPublisher { return PublisherDecision(publisher: publisher, source: .config) }
        return .assumed
    }

    /// The note added to findings whose wording depends on the publisher when it was assumed.
    static let assumptionNote = "未設定發布者，依預設視為民間業者（無障礙規範屬良好實務，非法定義務）；若為政府機關（構）或學校網站，請於 front matter 或 .adlaw.yml 設定 publisher: government，或執行時加上 --publisher government。"
}
