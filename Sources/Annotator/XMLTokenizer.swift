/// One token of an XML part, with its byte range in the part: what `adlaw annotate` needs to
/// insert comment anchors and split runs while leaving every other byte as it was.
struct XMLToken {
    enum Kind: Equatable {
        /// `<name ...>` or `<name .../>`.
        case start(name: String, selfClosing: Bool)
        /// `</name>`.
        case end(name: String)
        /// Character data between tags (raw: entities not decoded).
        case text
        /// Comments, processing instructions, CDATA, the XML declaration.
        case other
    }

    var kind: Kind
    var range: Range<Int>

    /// The local name (`w:t` -> `t`) of a start or end tag.
    var localName: String? {
        switch kind {
        case let .start(name, _), let .end(name):
            guard let colon = name.lastIndex(of: ":") else { return name }
            return String(name[name.index(after: colon)...])
        default: return nil
        }
    }
}

/// Splits an XML part into tokens. The part has already been read by the extractor's
/// parser (well-formed, no DTD, within the limits), so this only needs to find where each
/// tag and text starts and ends; it fails on anything it does not understand rather than
/// guess.
enum XMLTokenizer {
    struct Failure: Error {
        var offset: Int
    }

    static func tokenize(_ bytes: [UInt8]) throws(Failure) -> [XMLToken] {
        var tokens: [XMLToken] = []
        var i = 0
        let n = bytes.count
        while i < n {
            if bytes[i] != UInt8(ascii: "<") {
                var j = i
                while j < n && bytes[j] != UInt8(ascii: "<") { j += 1 }
                tokens.append(XMLToken(kind: .text, range: i..<j))
                i = j
                continue
            }
            if starts(bytes, at: i, with: "<!--") {
                guard let end = find(bytes, "-->", from: i + 4) else { throw Failure(offset: i) }
                tokens.append(XMLToken(kind: .other, range: i..<end + 3))
                i = end + 3
            } else if starts(bytes, at: i, with: "<![CDATA[") {
                guard let end = find(bytes, "]]>", from: i + 9) else { throw Failure(offset: i) }
                tokens.append(XMLToken(kind: .other, range: i..<end + 3))
                i = end + 3
            } else if starts(bytes, at: i, with: "<?") {
                guard let end = find(bytes, "?>", from: i + 2) else { throw Failure(offset: i) }
                tokens.append(XMLToken(kind: .other, range: i..<end + 2))
                i = end + 2
            } else if starts(bytes, at: i, with: "<!") {
                throw Failure(offset: i)  // a DOCTYPE: never in Office parts, refused by the extractor too
            } else {
                var j = i + 1
                var quote: UInt8 = 0
                while j < n {
                    let b = bytes[j]
                    if quote != 0 { if b == quote { quote = 0 } } else if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") { quote = b } else if b == UInt8(ascii: ">") { break }
                    j += 1
                }
                guard j < n else { throw Failure(offset: i) }
                let isEnd = bytes[i + 1] == UInt8(ascii: "/")
                var nameStart = i + (isEnd ? 2 : 1)
                while nameStart < j && isSpace(bytes[nameStart]) { nameStart += 1 }
                var nameEnd = nameStart
                while nameEnd < j && !isSpace(bytes[nameEnd]) && bytes[nameEnd] != UInt8(ascii: "/") { nameEnd += 1 }
                let name = String(decoding: bytes[nameStart..<nameEnd], as: UTF8.self)
                guard !name.isEmpty else { throw Failure(offset: i) }
                let selfClosing = !isEnd && bytes[j - 1] == UInt8(ascii: "/")
                tokens.append(XMLToken(kind: isEnd ? .end(name: name) : .start(name: name, selfClosing: selfClosing), range: i..<j + 1))
                i = j + 1
            }
        }
        return tokens
    }

    /// The value of an attribute in a start tag (entities decoded), or nil.
    static func attribute(_ name: String, in tag: ArraySlice<UInt8>) -> String? {
        let key = Array((" " + name + "=").utf8)
        var i = tag.startIndex
        while i + key.count < tag.endIndex {
            if isSpace(tag[i]) && tag[(i + 1)..<(i + key.count)].elementsEqual(key.dropFirst()) {
                let quote = tag[i + key.count]
                guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { return nil }
                var j = i + key.count + 1
                while j < tag.endIndex && tag[j] != quote { j += 1 }
                return XMLText.decode(tag[(i + key.count + 1)..<j])
            }
            i += 1
        }
        return nil
    }

    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

    static func starts(_ bytes: [UInt8], at i: Int, with prefix: StaticString) -> Bool {
        let p = prefix.utf8Start
        guard i + prefix.utf8CodeUnitCount <= bytes.count else { return false }
        for k in 0..<prefix.utf8CodeUnitCount where bytes[i + k] != p[k] { return false }
        return true
    }

    static func find(_ bytes: [UInt8], _ needle: StaticString, from: Int) -> Int? {
        var i = from
        while i + needle.utf8CodeUnitCount <= bytes.count {
            if starts(bytes, at: i, with: needle) { return i }
            i += 1
        }
        return nil
    }
}

/// XML character data: decoding the raw text of a part (one character at a time, so a
/// character of the text can be found in the raw bytes) and escaping what adlaw writes.
enum XMLText {
    /// The characters of raw text with the raw byte offset where each starts, and the end.
    static func characters(_ raw: ArraySlice<UInt8>) -> (chars: [Character], offsets: [Int]) {
        var chars: [Character] = []
        var offsets: [Int] = []
        var i = raw.startIndex
        while i < raw.endIndex {
            offsets.append(i)
            if raw[i] == UInt8(ascii: "&"), let semi = raw[i...].prefix(12).firstIndex(of: UInt8(ascii: ";")) {
                let entity = String(decoding: raw[(i + 1)..<semi], as: UTF8.self)
                if let scalar = decodeEntity(entity) {
                    chars.append(Character(scalar))
                    i = semi + 1
                    continue
                }
            }
            // One Unicode scalar: the extractor counts positions in scalars.
            let length = raw[i] < 0x80 ? 1 : raw[i] < 0xE0 ? 2 : raw[i] < 0xF0 ? 3 : 4
            let end = min(raw.endIndex, i + length)
            let scalar = String(decoding: raw[i..<end], as: UTF8.self).unicodeScalars.first ?? "\u{FFFD}"
            chars.append(Character(scalar))
            i = end
        }
        offsets.append(raw.endIndex)
        return (chars, offsets)
    }

    static func decode(_ raw: ArraySlice<UInt8>) -> String {
        var out = ""
        for c in characters(raw).chars { out.append(c) }
        return out
    }

    private static func decodeEntity(_ entity: String) -> Unicode.Scalar? {
        switch entity {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        default:
            if entity.hasPrefix("#x") || entity.hasPrefix("#X") { return UInt32(entity.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init) }
            if entity.hasPrefix("#") { return UInt32(entity.dropFirst()).flatMap(Unicode.Scalar.init) }
            return nil
        }
    }

    /// Escapes text for element content and attribute values; control characters XML 1.0
    /// does not allow are dropped.
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
