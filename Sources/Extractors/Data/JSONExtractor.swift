import LintCore

/// JSON content (CMS exports, app strings, ad-platform payloads): every string value is a
/// segment (zone `value`), located by line and column and by its JSON pointer (RFC 6901),
/// `/posts/0/title`. Keys, numbers and literals are not copy.
///
/// The scanner is written here because Foundation's JSONSerialization and JSONDecoder (and
/// every JSON package available) report no positions, and each finding must map back to the
/// bytes of its string, escapes included. It is iterative (an explicit stack of containers),
/// so nesting depth is a limit, not a crash.
public struct JSONExtractor: TextExtractor {
    public let format = "json"
    public let extensions = ["json"]
    public var limits: ExtractionLimits

    public init(limits: ExtractionLimits = ExtractionLimits()) { self.limits = limits }

    public func extract(_ bytes: [UInt8], path: String) throws(ExtractionError) -> ExtractedDocument {
        let decoded = try TextDecoding.decode(bytes, path: path)
        var scanner = JSONScanner(source: Array(decoded.source.bytes), maxDepth: limits.maxNestingDepth)
        let segments: [TextSegment]
        do {
            segments = try scanner.strings()
        } catch {
            let position = decoded.source.position(of: error.offset)
            if error.tooDeep {
                throw .limitExceeded(path: path, what: "JSON nested more than \(limits.maxNestingDepth) deep (line \(position.line), column \(position.column))")
            }
            throw .malformed(path: path, line: position.line, column: position.column, reason: "invalid JSON: \(error.message)")
        }
        return ExtractedDocument(path: path, format: format, segments: segments, source: decoded.source,
                                 notes: decoded.notes(path: path))
    }
}

/// A JSON syntax error at a source offset.
struct JSONSyntaxError: Error {
    var offset: Int
    var message: String
    var tooDeep = false
}

struct JSONScanner {
    let source: [UInt8]
    let maxDepth: Int
    private var i = 0

    private enum Container {
        case object(key: String?)
        case array(index: Int)
    }

    init(source: [UInt8], maxDepth: Int) {
        self.source = source
        self.maxDepth = maxDepth
    }

    /// Every string value, in document order.
    mutating func strings() throws(JSONSyntaxError) -> [TextSegment] {
        var out: [TextSegment] = []
        var stack: [Container] = []
        skipWhitespace()
        var expectValue = true
        while true {
            skipWhitespace()
            if expectValue {
                guard i < source.count else { throw JSONSyntaxError(offset: i, message: "unexpected end of input; a value is missing") }
                switch source[i] {
                case 0x7B: // {
                    guard stack.count < maxDepth else { throw JSONSyntaxError(offset: i, message: "too deep", tooDeep: true) }
                    i += 1
                    skipWhitespace()
                    if i < source.count && source[i] == 0x7D { i += 1; expectValue = false; break }
                    stack.append(.object(key: try key()))
                    continue
                case 0x5B: // [
                    guard stack.count < maxDepth else { throw JSONSyntaxError(offset: i, message: "too deep", tooDeep: true) }
                    i += 1
                    skipWhitespace()
                    if i < source.count && source[i] == 0x5D { i += 1; expectValue = false; break }
                    stack.append(.array(index: 0))
                    continue
                case 0x22:
                    let pointer = Self.pointer(stack)
                    var builder = SegmentBuilder()
                    try string(into: &builder)
                    let location = SourceLocation(kind: .json, description: pointer.isEmpty ? "(root)" : pointer, pointer: pointer)
                    if let segment = builder.build(zone: .value, location: location) { out.append(segment) }
                default:
                    try literal()
                }
                expectValue = false
                continue
            }
            // After a value: a comma, or the end of the container.
            guard let top = stack.last else {
                guard i == source.count else { throw JSONSyntaxError(offset: i, message: "unexpected text after the JSON value") }
                return out
            }
            guard i < source.count else { throw JSONSyntaxError(offset: i, message: "unexpected end of input; a closing bracket is missing") }
            let b = source[i]
            switch (top, b) {
            case (.object, 0x2C):
                i += 1
                stack[stack.count - 1] = .object(key: try key())
                expectValue = true
            case (.array(let index), 0x2C):
                i += 1
                stack[stack.count - 1] = .array(index: index + 1)
                expectValue = true
            case (.object, 0x7D), (.array, 0x5D):
                i += 1
                stack.removeLast()
            default:
                throw JSONSyntaxError(offset: i, message: "expected `,` or a closing bracket")
            }
        }
    }

    /// `"key" :` — returns the decoded key.
    private mutating func key() throws(JSONSyntaxError) -> String {
        skipWhitespace()
        guard i < source.count, source[i] == 0x22 else { throw JSONSyntaxError(offset: i, message: "expected a quoted key") }
        var builder = SegmentBuilder()
        try string(into: &builder)
        skipWhitespace()
        guard i < source.count, source[i] == 0x3A else { throw JSONSyntaxError(offset: i, message: "expected `:` after the key") }
        i += 1
        return String(decoding: builder.bytes, as: UTF8.self)
    }

    /// A string at `i` (on its opening quote), decoded into `builder` with every escape a unit.
    private mutating func string(into builder: inout SegmentBuilder) throws(JSONSyntaxError) {
        let open = i
        i += 1
        var runStart = i
        while i < source.count {
            let b = source[i]
            if b == 0x22 {
                builder.copyValidating(source, runStart..<i)
                i += 1
                return
            }
            if b < 0x20 { throw JSONSyntaxError(offset: i, message: "a control character (a raw line break?) inside a string") }
            if b != 0x5C { i += 1; continue }
            builder.copyValidating(source, runStart..<i)
            guard i + 1 < source.count else { break }
            let escape = source[i + 1]
            switch escape {
            case 0x22, 0x5C, 0x2F: builder.unit([escape], base: i..<(i + 2))
            case 0x62: builder.unit([0x08], base: i..<(i + 2))
            case 0x66: builder.unit([0x0C], base: i..<(i + 2))
            case 0x6E: builder.lineBreakUnit(base: i..<(i + 2))
            case 0x72: builder.unit([0x0D], base: i..<(i + 2))
            case 0x74: builder.unit([0x09], base: i..<(i + 2))
            case 0x75:
                guard let (scalar, length) = unicodeEscape(at: i) else {
                    throw JSONSyntaxError(offset: i, message: "a \\u escape needs four hex digits")
                }
                builder.unit(Array(String(scalar).utf8), base: i..<(i + length), invalid: scalar == "\u{FFFD}")
                i += length
                runStart = i
                continue
            default:
                throw JSONSyntaxError(offset: i, message: "unknown escape `\\\(String(UnicodeScalar(escape)))`")
            }
            i += 2
            runStart = i
        }
        throw JSONSyntaxError(offset: open, message: "a string that never ends")
    }

    /// `\uXXXX`, or a surrogate pair `\uD83D\uDE00`; a lone surrogate is U+FFFD.
    private func unicodeEscape(at start: Int) -> (Unicode.Scalar, Int)? {
        func hex(_ at: Int) -> UInt32? {
            guard at + 4 <= source.count, let value = UInt32(String(decoding: source[at..<(at + 4)], as: UTF8.self), radix: 16) else { return nil }
            return value
        }
        guard let high = hex(start + 2) else { return nil }
        if (0xD800...0xDBFF).contains(high), start + 12 <= source.count, source[start + 6] == 0x5C, source[start + 7] == 0x75,
           let low = hex(start + 8), (0xDC00...0xDFFF).contains(low),
           let scalar = Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)) {
            return (scalar, 12)
        }
        return (Unicode.Scalar(high) ?? "\u{FFFD}", 6)
    }

    /// A number, `true`, `false` or `null`.
    private mutating func literal() throws(JSONSyntaxError) {
        let start = i
        for word in ["true", "false", "null"] where source[i...].starts(with: word.utf8) {
            i += word.utf8.count
            return
        }
        while i < source.count, let b = Optional(source[i]), (0x30...0x39).contains(b) || b == 0x2D || b == 0x2B || b == 0x2E || b == 0x65 || b == 0x45 {
            i += 1
        }
        if i == start { throw JSONSyntaxError(offset: i, message: "expected a value") }
    }

    private mutating func skipWhitespace() {
        while i < source.count, source[i] == 0x20 || source[i] == 0x0A || source[i] == 0x0D || source[i] == 0x09 { i += 1 }
    }

    /// The RFC 6901 pointer of the value about to be read.
    private static func pointer(_ stack: [Container]) -> String {
        var out = ""
        for container in stack {
            switch container {
            case let .object(key): out += "/" + (key ?? "").replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
            case let .array(index): out += "/\(index)"
            }
        }
        return out
    }
}
