import LintCore

/// A text file's leading YAML front matter: read as metadata, then hidden from the format's
/// parser by blanking it (every byte but line ends becomes a space), so that byte offsets
/// and line numbers after it stay those of the file.
struct FrontMatterBlanking {
    var front: FrontMatter?
    /// The source bytes with the front matter blanked.
    var bytes: [UInt8]

    init(_ decoded: DecodedText, path: String) {
        var bytes = Array(decoded.source.bytes)
        front = FrontMatter.read(decoded.text, path: path)
        if let front {
            let end = min(bytes.count, decoded.map.baseStart(front.length))
            for i in 0..<end where bytes[i] != 0x0A && bytes[i] != 0x0D { bytes[i] = 0x20 }
        }
        self.bytes = bytes
    }
}
