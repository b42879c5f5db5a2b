import Foundation
import LintCore
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Receives the events of an XML part. Names are local names (the prefix is dropped:
/// `w:p` -> `p`); attributes keep their qualified names (`w:val`, `r:id`).
protocol XMLEventHandler: AnyObject {
    func start(_ name: String, attributes: [String: String])
    func end(_ name: String)
    func text(_ string: String)
    /// Set by a handler that has read enough (its memory budget is spent): the parse stops
    /// there, without an error; the handler's owner says why.
    var stopped: Bool { get }
}

extension XMLEventHandler {
    var stopped: Bool { false }
}

/// A streaming (SAX) XML reader for untrusted Office parts, on Foundation's `XMLParser`.
///
/// - The part is first made plain UTF-8 (`XMLPartDecoder`: UTF-16 transcoded, other
///   encodings refused), so the checks below see the text whatever its encoding.
/// - A part that declares a DOCTYPE or an ENTITY is refused before parsing: OOXML never
///   needs one, and they are how XXE and billion-laughs attacks start.
/// - The parser is fed in chunks from a stream: handed a part in one piece, libxml2 stops
///   at its 10 MB lookup limit and a large (real) document read as damaged.
/// - Nesting deeper than the limit, or more elements than the limit, aborts the parse; the
///   handler keeps its own explicit stack, so depth never becomes recursion.
/// - Any parse error names the part, line and column.
struct XMLEventParser {
    let part: String
    let path: String
    let maxDepth: Int
    /// Most elements in the part (each becomes at least one event and often a value).
    var maxElements = 20_000_000

    func parse(_ data: Data, handler: XMLEventHandler) throws(ExtractionError) {
        var bytes = try XMLPartDecoder.utf8(data, part: part, path: path)
        if Self.declaresDTD(bytes) {
            throw .malformed(path: path, line: nil, column: nil,
                             reason: "part \(part) declares a DOCTYPE or ENTITY, which Office files never do; refused (XML entity attacks)")
        }
        if let (line, column) = Self.firstInvalidUTF8(bytes) {
            // Foundation's parser traps on a name with invalid UTF-8 (it force-decodes what
            // libxml2 hands it), so such a part is refused before it is parsed.
            throw .malformed(path: path, line: nil, column: nil,
                             reason: "part \(part) has invalid UTF-8 at line \(line), column \(column); the file is damaged")
        }
        let stream = InputStream(data: Data(bytes))
        bytes = [] // one copy of the part, not two, while it is parsed
        let parser = XMLParser(stream: stream)
        parser.shouldProcessNamespaces = false
        parser.shouldReportNamespacePrefixes = false
        parser.shouldResolveExternalEntities = false
        let delegate = Delegate(handler: handler, maxDepth: maxDepth, maxElements: maxElements)
        parser.delegate = delegate
        let ok = parser.parse()
        if delegate.tooDeep {
            throw .limitExceeded(path: path, what: "XML elements nested more than \(maxDepth) deep in part \(part)")
        }
        if delegate.tooMany {
            throw .limitExceeded(path: path, what: "more than \(maxElements) XML elements in part \(part)")
        }
        // Stopped by the handler: what was read is kept, the handler's owner refuses the rest.
        if handler.stopped { return }
        if !ok || delegate.failure != nil {
            let reason = delegate.failure ?? parser.parserError.map { "\($0.localizedDescription)" } ?? "unknown error"
            throw .malformed(path: path, line: nil, column: nil,
                             reason: "part \(part) is not well-formed XML at line \(parser.lineNumber), column \(parser.columnNumber) (\(reason)); the file is damaged")
        }
    }

    /// The line and column (1-based, in characters) of the first invalid UTF-8 byte, or `nil`
    /// when the part is valid UTF-8.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> (line: Int, column: Int)? {
        if String(validating: bytes, as: UTF8.self) != nil { return nil }
        var line = 1, column = 1, i = 0
        while i < bytes.count {
            let (length, scalar) = UTF8Scan.next(bytes, i)
            guard scalar != nil else { return (line, column) }
            if bytes[i] == 0x0A { line += 1; column = 1 } else { column += 1 }
            i += max(1, length)
        }
        return nil
    }

    /// Whether the bytes contain `<!DOCTYPE` or `<!ENTITY` (any case).
    static func declaresDTD(_ data: [UInt8]) -> Bool {
        let patterns: [[UInt8]] = [Array("<!doctype".utf8), Array("<!entity".utf8)]
        return data.withUnsafeBufferPointer { bytes -> Bool in
            var i = 0
            let n = bytes.count
            while i + 2 < n {
                if bytes[i] == 0x3C && bytes[i + 1] == 0x21 {
                    for pattern in patterns where i + pattern.count <= n {
                        var k = 2
                        while k < pattern.count && bytes[i + k] | 0x20 == pattern[k] { k += 1 }
                        if k == pattern.count { return true }
                    }
                }
                i += 1
            }
            return false
        }
    }

    private final class Delegate: NSObject, XMLParserDelegate {
        let handler: XMLEventHandler
        let maxDepth: Int
        let maxElements: Int
        var depth = 0
        var elements = 0
        var tooDeep = false
        var tooMany = false
        var failure: String?

        init(handler: XMLEventHandler, maxDepth: Int, maxElements: Int) {
            self.handler = handler
            self.maxDepth = maxDepth
            self.maxElements = maxElements
        }

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
            depth += 1
            elements += 1
            if depth > maxDepth || elements > maxElements {
                if depth > maxDepth { tooDeep = true } else { tooMany = true }
                parser.abortParsing()
                return
            }
            handler.start(Self.local(elementName), attributes: attributeDict)
            if handler.stopped { parser.abortParsing() }
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
            depth -= 1
            handler.end(Self.local(elementName))
            if handler.stopped { parser.abortParsing() }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            handler.text(string)
            if handler.stopped { parser.abortParsing() }
        }

        func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
            handler.text(String(decoding: CDATABlock, as: UTF8.self))
        }

        func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
            if failure == nil && !tooDeep && !tooMany && !handler.stopped { failure = parseError.localizedDescription }
        }

        static func local(_ name: String) -> String {
            guard let colon = name.lastIndex(of: ":") else { return name }
            return String(name[name.index(after: colon)...])
        }
    }
}
