import LintCore
import SafeYAML
import Yams

/// A leading YAML front-matter block (`---` ... `---`): metadata about the copy, such as
/// `sector: food`, `channel`, `publish-date`, `product`. It is read, not checked as copy.
public struct FrontMatter: Sendable {
    public var sectors: [Sector]
    public var metadata: [String: String]
    /// Byte length of the block in the text, including its closing line.
    public var length: Int
    public var notes: [Diagnostic]

    /// Reads front matter at the start of `text`, if there is any.
    public static func read(_ text: String, path: String) -> FrontMatter? {
        // Tested before the text is copied: the copy was a third copy of a large file at once
        // (its bytes, its decoded text, this), and set its peak memory.
        guard text.utf8.starts(with: "---\n".utf8) || text.utf8.starts(with: "---\r\n".utf8) else { return nil }
        let bytes = Array(text.utf8)
        var lineStart = bytes[3] == 0x0A ? 4 : 5
        while lineStart < bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count && bytes[lineEnd] != 0x0A { lineEnd += 1 }
            var content = lineEnd
            if content > lineStart && bytes[content - 1] == 0x0D { content -= 1 }
            let line = String(decoding: bytes[lineStart..<content], as: UTF8.self)
            if line == "---" || line == "..." {
                let yaml = String(decoding: bytes[(bytes[3] == 0x0A ? 4 : 5)..<lineStart], as: UTF8.self)
                let end = min(bytes.count, lineEnd + 1)
                return parse(yaml, length: end, path: path)
            }
            lineStart = lineEnd + 1
        }
        return nil
    }

    private static func parse(_ yaml: String, length: Int, path: String) -> FrontMatter {
        var result = FrontMatter(sectors: [], metadata: [:], length: length, notes: [])
        let node: Node?
        do {
            node = try SafeYAML.compose(yaml, resolver: .default)
        } catch {
            let reason = switch error {
            case let .yaml(yamlError): "the front matter is not valid YAML, so it was ignored: \(yamlError)"
            case let .aliasBudget(line, _, limit): "the front matter's YAML aliases (`*name`, line \(line + 1)) expand it past \(limit) nodes and characters, so it was ignored"
            case let .other(text): "the front matter is not valid YAML, so it was ignored: \(text)"
            }
            result.notes.append(Diagnostic(code: .frontMatter, level: .warning, path: path, line: 1, column: 1, message: reason))
            return result
        }
        guard let mapping = node?.mapping else { return result }
        for (key, value) in mapping {
            guard let name = key.string else { continue }
            if name == "sector" || name == "sectors" {
                let values = value.sequence.map { $0.compactMap(\.string) } ?? value.string.map { [$0] } ?? []
                result.sectors += values.flatMap { $0.split(separator: ",").map { Sector(String($0).trimmingCharacters()) } }
            } else if let string = value.string {
                result.metadata[name] = string
            }
        }
        return result
    }
}

extension String {
    func trimmingCharacters() -> String {
        var s = Substring(self)
        while let c = s.first, c.isWhitespace { s = s.dropFirst() }
        while let c = s.last, c.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}
