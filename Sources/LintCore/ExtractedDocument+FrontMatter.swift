extension ExtractedDocument {
    /// The 1-based line of `key:` in the document's leading front matter (`---` … `---`),
    /// for messages about its values; nil when the source has no such key there.
    public func metadataLine(_ key: String) -> Int? {
        guard source.lineStarts.count > 1 else { return nil }
        func line(_ index: Int) -> String { String(decoding: source.bytes[source.lineContentRange(index)], as: UTF8.self) }
        guard line(0).hasPrefix("---") else { return nil }
        for index in 1..<source.lineStarts.count {
            let text = line(index)
            if text == "---" || text == "..." { return nil }
            if text.hasPrefix(key + ":") { return index + 1 }
        }
        return nil
    }
}
