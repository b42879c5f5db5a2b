import LintCore

/// Decides how a document's copy is sold (`Rules/sectors.yaml`, `channels:`): `--channel`
/// first, then the front matter's `channel:`, then `.adlaw.yml`, then the words of the copy
/// (宅配, 下單 for online; 門市, 現場 for a shop), and when the copy says nothing, the
/// pack's default channel is assumed and the findings that depend on it say so.
///
/// The copy alone moves the decision away from the default only when it names another
/// channel and never the default one (門市限定 with no word of delivery).
struct ChannelChooser {
    let catalog: SectorCatalog

    /// The regexes `decide` may ask its matcher about.
    var signals: [any CompiledRegex] { catalog.channels.compactMap(\.signals) }

    func decide(_ document: ExtractedDocument, options: LintOptions, diagnostics: inout [Diagnostic],
                matches: DistinctMatcher) -> ChannelDecision {
        guard !catalog.channels.isEmpty else { return .unrestricted }
        if !options.channels.isEmpty { return ChannelDecision(channels: options.channels, source: .option) }
        if let declared = document.metadata["channel"] {
            let named = declared.split(whereSeparator: { $0 == "," || $0 == " " }).map { Channel(String($0)) }
            let known = named.filter(catalog.isKnown)
            for channel in named where !catalog.isKnown(channel) {
                diagnostics.append(Diagnostic(code: .unknownChannel, level: .warning, path: document.path, line: 1, column: 1,
                                              message: "unknown channel `\(channel)` in the front matter was ignored; known channels: \(catalog.channels.map(\.id.rawValue).joined(separator: ", "))"))
            }
            if !known.isEmpty { return ChannelDecision(channels: known, source: .frontMatter) }
        }
        if !options.configChannels.isEmpty { return ChannelDecision(channels: options.configChannels, source: .config) }
        var evidence: [Channel: [String]] = [:]
        for definition in catalog.channels {
            let words = matches(definition.signals)
            if !words.isEmpty { evidence[definition.id] = words }
        }
        let defaults = catalog.defaultChannels
        if evidence.isEmpty || defaults.contains(where: { evidence[$0] != nil }) {
            if evidence.isEmpty { return ChannelDecision(channels: defaults, source: .assumed) }
            return ChannelDecision(channels: evidence.keys.sorted(), source: .inferred, evidence: evidence)
        }
        let channels = evidence.keys.sorted()
        let described = channels.map { "\($0.rawValue)（\(evidence[$0]!.joined(separator: "、"))）" }.joined(separator: "、")
        diagnostics.append(Diagnostic(code: .channelInferred, level: .note, path: document.path,
                                      message: "sales channel inferred from the copy: \(described); rules for \(defaults.map(\.rawValue).joined(separator: ", ")) sales did not run. Declare `channel:` in front matter or pass --channel to override"))
        return ChannelDecision(channels: channels, source: .inferred, evidence: evidence)
    }

    /// The note added to findings of channel-bound rules when the channel was assumed.
    func assumptionNote(_ decision: ChannelDecision) -> String? {
        let names = decision.channels.compactMap { id in catalog.channels.first { $0.id == id }?.name }
        guard !names.isEmpty else { return nil }
        let others = catalog.channels.filter { !$0.isDefault }.map(\.id.rawValue)
        let hint = others.isEmpty ? "" : "；若本文案只用於其他通路，請於 front matter 或 .adlaw.yml 設定 channel: \(others.joined(separator: " 或 "))，或執行時加上 --channel"
        return "文案未表明銷售通路，依預設視為\(names.joined(separator: "、"))\(hint)。"
    }
}
