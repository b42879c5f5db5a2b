import Checker
import LintCore

/// The JSON body of `POST /v1/check`: the text to check and the per-request choices, each
/// the same as the `adlaw check` option of the same name.
struct CheckRequest: Decodable, Sendable {
    var text: String
    /// The name the text is reported under; its extension picks the format (default `text.txt`).
    var filename: String?
    var sectors: [String]?
    var only: [String]?
    var disable: [String]?
    var minSeverity: Severity?
    var checklists: Bool?
    /// Who publishes the copy (as --publisher): `government` or `private`, or a Chinese name.
    var publisher: String?

    /// The run's options: the server's, with this request's choices.
    func options(base: CheckOptions) -> CheckOptions {
        var options = base
        if let sectors { options.sectors = sectors }
        if let only { options.only = only }
        if let disable { options.disable = base.disable + disable }
        if let minSeverity { options.minSeverity = minSeverity }
        if let checklists { options.includeChecklists = checklists }
        if let publisher { options.publisher = publisher }
        return options
    }
}
