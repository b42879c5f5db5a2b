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
}

/// A streaming (SAX) XML reader for untrusted Office parts, on Foundation's `XMLParser`.
///
/// - A part that declares a DOCTYPE or an ENTITY is refused before parsing: OOXML never
///   needs one, and they are how XXE and billion-laughs attacks start.
/// - Nesting deeper than the limit aborts the parse; the handler keeps its own explicit
///   stack, so depth never becomes recursion.
/// - Any parse error names the part, line and column.
struct XMLEventParser {
    let part: String
    let path: String
    let maxDepth: Int

    func parse(_ data: Data, handler: XMLEventHandler) throws(ExtractionError) {
        if Self.declaresDTD(data) {
            throw .malformed(path: path, line: nil, column: nil,
                             reason: "part \(part) declares a DOCTYPE or ENTITY, which Office files never do; refused (XML entity attacks)")
        }
        if let (line, column) = Self.firstInvalidUTF8(data) {
            // Foundation's parser traps on a name with invalid UTF-8 (it force-decodes what
            // libxml2 hands it), so such a part is refused before it is parsed.
            throw .malformed(path: path, line: nil, column: nil,
                             reason: "part \(part) has invalid UTF-8 at line \(line), column \(column); the file is damaged")
        }
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = false
        parser.shouldReportNamespacePrefixes = false
        parser.shouldResolveExternalEntities = false
        let delegate = Delegate(handler: handler, maxDepth: maxDepth)
        parser.delegate = delegate
        let ok = parser.parse()
        if delegate.tooDeep {
            throw .limitExceeded(path: path, what: "XML elements nested more than \(maxDepth) deep in part \(part)")
        }
        if !ok || delegate.failure != nil {
            let reason = delegate.failure ?? parser.parserError.map { "\($0.localizedDescription)" } ?? "unknown error"
            throw .malformed(path: path, line: nil, column: nil,
                             reason: "part \(part) is not well-formed XML at line \(parser.lineNumber), column \(parser.columnNumber) (\(reason)); the file is damaged")
        }
    }

    /// The line and column (1-based, in characters) of the first invalid UTF-8 byte, or `nil`
    /// when the part is valid UTF-8 or starts with a UTF-16 byte-order mark (libxml2 then
    /// transcodes it and reports bad sequences itself).
    static func firstInvalidUTF8(_ data: Data) -> (line: Int, column: Int)? {
        let bytes = [UInt8](data)
        if bytes.count >= 2 && (bytes[0] == 0xFF && bytes[1] == 0xFE || bytes[0] == 0xFE && bytes[1] == 0xFF) { return nil }
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
    static func declaresDTD(_ data: Data) -> Bool {
        let patterns: [[UInt8]] = [Array("<!doctype".utf8), Array("<!entity".utf8)]
        return data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Bool in
            let bytes = raw.bindMemory(to: UInt8.self)
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
        var depth = 0
        var tooDeep = false
        var failure: String?

        init(handler: XMLEventHandler, maxDepth: Int) {
            self.handler = handler
            self.maxDepth = maxDepth
        }

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
            depth += 1
            if depth > maxDepth {
                tooDeep = true
                parser.abortParsing()
                return
            }
            handler.start(Self.local(elementName), attributes: attributeDict)
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
            depth -= 1
            handler.end(Self.local(elementName))
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            handler.text(string)
        }

        func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
            handler.text(String(decoding: CDATABlock, as: UTF8.self))
        }

        func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
            if failure == nil && !tooDeep { failure = parseError.localizedDescription }
        }

        static func local(_ name: String) -> String {
            guard let colon = name.lastIndex(of: ":") else { return name }
            return String(name[name.index(after: colon)...])
        }
    }
}
