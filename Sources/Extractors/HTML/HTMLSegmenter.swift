import CGumbo
import LintCore

/// Extracts the copy of an HTML document (or of a fragment inside Markdown) with gumbo: the
/// visible text, one segment per block (paragraph, heading, list item, table cell, quote);
/// the `<title>`; the meta description and Open Graph / Twitter titles and descriptions; and
/// `alt`, `title` and `aria-label` attributes. Script, style, template, code and comments
/// are skipped, as are elements marked `hidden` or `display:none`.
///
/// gumbo gives the byte offset of every text node and attribute value in the input; its
/// decoded text (entities, CR LF) is re-aligned with the raw bytes by `SourceAligner`. The
/// tree is walked with an explicit stack, so deep nesting cannot exhaust the call stack.
struct HTMLSegmenter {
    static let skippedTags: Set<String> = [
        "script", "style", "template", "noscript", "code", "kbd", "samp", "svg", "math",
        "iframe", "object", "embed", "canvas", "textarea",
    ]

    static let blockZones: [String: Zone] = [
        "h1": .heading, "h2": .heading, "h3": .heading, "h4": .heading, "h5": .heading, "h6": .heading,
        "li": .listItem, "dt": .listItem, "dd": .listItem,
        "td": .tableCell, "th": .tableCell,
        "blockquote": .quote,
        "p": .paragraph, "div": .paragraph, "section": .paragraph, "article": .paragraph, "main": .paragraph,
        "header": .paragraph, "footer": .paragraph, "nav": .paragraph, "aside": .paragraph, "body": .paragraph,
        "html": .paragraph, "ul": .paragraph, "ol": .paragraph, "dl": .paragraph, "table": .paragraph,
        "tr": .paragraph, "thead": .paragraph, "tbody": .paragraph, "tfoot": .paragraph, "caption": .paragraph,
        "figure": .paragraph, "figcaption": .paragraph, "form": .paragraph, "fieldset": .paragraph,
        "legend": .paragraph, "details": .paragraph, "summary": .paragraph, "address": .paragraph,
        "pre": .paragraph, "hr": .paragraph, "center": .paragraph, "option": .paragraph, "title": .title,
    ]

    /// `<meta>` names and properties whose `content` is copy.
    static let metaNames: Set<String> = [
        "description", "og:title", "og:description", "twitter:title", "twitter:description",
    ]

    let source: [UInt8]
    var maxDepth = ExtractionLimits().maxNestingDepth

    /// Markup past a limit (nesting, attributes), found before parsing (see `HTMLNestingGuard`).
    struct TooDeep: Error {
        /// Source offset of the tag past the limit.
        var offset: Int
        /// What the limit is, e.g. `HTML elements nested more than 1000 deep`.
        var what: String
    }

    /// The segments of `source[range]`, parsed as a whole document or as a fragment of a
    /// `<body>` (an HTML block inside Markdown).
    func segments(in range: Range<Int>, fragment: Bool) throws(TooDeep) -> [TextSegment] {
        try read(range, fragment: fragment).segments
    }

    /// The segments and the structure facts (`HTMLFactCollector`) of `source[range]`.
    func read(_ range: Range<Int>, fragment: Bool) throws(TooDeep) -> (segments: [TextSegment], facts: [StructureFact]) {
        guard !range.isEmpty else { return ([], []) }
        if let violation = HTMLNestingGuard.firstViolation(source, range: range, depthLimit: maxDepth) {
            throw TooDeep(offset: violation.offset, what: violation.what)
        }
        let buffer = ParserInput.sanitized(Array(source[range]))
        // A fragment (an HTML block in Markdown) is shown inside a page whose style sheet is unknown.
        let styleSheets = fragment || Self.hasStyleSheets(source[range])
        return buffer.withUnsafeBufferPointer { pointer -> (segments: [TextSegment], facts: [StructureFact]) in
            guard let base = pointer.baseAddress else { return ([], []) }
            var options = adlaw_gumbo_default_options()
            options.max_errors = 100
            if fragment { options.fragment_context = GUMBO_TAG_BODY }
            let output = base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                gumbo_parse_with_options(&options, $0, buffer.count)
            }
            guard let output else { return ([], []) }
            defer { gumbo_destroy_output(&options, output) }
            var walker = Walker(source: source, bufferBase: UnsafeRawPointer(base), shift: range.lowerBound,
                                facts: HTMLFactCollector(source: source, fragment: fragment, styleSheets: styleSheets))
            walker.walk(output.pointee.document)
            return (walker.segments, walker.facts.facts)
        }
    }

    /// Whether the markup brings style sheets (`<style>`, `<link rel=stylesheet>`), which
    /// adlaw does not read: colours set by them are unknown.
    static func hasStyleSheets(_ bytes: ArraySlice<UInt8>) -> Bool {
        let needles = [Array("<style".utf8), Array("stylesheet".utf8)]
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let b = bytes[i] | 0x20
            if b == 0x3C || b == 0x73 { // `<`, `s`
                for needle in needles where i + needle.count <= bytes.endIndex {
                    var k = 0
                    while k < needle.count && bytes[i + k] | 0x20 == needle[k] | 0x20 { k += 1 }
                    if k == needle.count { return true }
                }
            }
            i += 1
        }
        return false
    }

    /// The tree walk; `shift` turns offsets in the parsed buffer into offsets in `source`.
    private struct Walker {
        let source: [UInt8]
        let bufferBase: UnsafeRawPointer
        let shift: Int
        var segments: [TextSegment] = []
        var facts: HTMLFactCollector
        private var builder = SegmentBuilder(collapsesWhitespace: true)
        private var zones: [Zone] = []
        private var lastBase = 0

        init(source: [UInt8], bufferBase: UnsafeRawPointer, shift: Int, facts: HTMLFactCollector) {
            self.source = source
            self.bufferBase = bufferBase
            self.shift = shift
            self.facts = facts
        }

        private enum Action { case none, block, link, skip }

        mutating func walk(_ document: UnsafeMutablePointer<GumboNode>) {
            // (node, next child index, what entering it did)
            var stack: [(node: UnsafeMutablePointer<GumboNode>, next: Int, action: Action)] = [(document, 0, .none)]
            while !stack.isEmpty {
                let top = stack[stack.count - 1]
                let children = Self.children(of: top.node)
                if top.next >= Int(children.length) {
                    stack.removeLast()
                    leave(top.node, top.action)
                    if !stack.isEmpty { facts.leave() }
                    continue
                }
                stack[stack.count - 1].next += 1
                guard let raw = children.data[top.next] else { continue }
                let child = raw.assumingMemoryBound(to: GumboNode.self)
                switch child.pointee.type {
                case GUMBO_NODE_ELEMENT:
                    let action = enter(child)
                    if action == .skip { continue }
                    stack.append((child, 0, action))
                case GUMBO_NODE_TEXT, GUMBO_NODE_WHITESPACE:
                    text(child.pointee.v.text)
                default:
                    break // comments, CDATA (foreign content), templates
                }
            }
            flush()
        }

        private static func children(of node: UnsafeMutablePointer<GumboNode>) -> GumboVector {
            switch node.pointee.type {
            case GUMBO_NODE_DOCUMENT: node.pointee.v.document.children
            case GUMBO_NODE_ELEMENT, GUMBO_NODE_TEMPLATE: node.pointee.v.element.children
            default: GumboVector(data: nil, length: 0, capacity: 0)
            }
        }

        private mutating func enter(_ node: UnsafeMutablePointer<GumboNode>) -> Action {
            let element = node.pointee.v.element
            let name = Self.tagName(element)
            let attributes = Self.attributes(element)
            let action = enter(element, name: name, attributes: attributes)
            if action != .skip {
                var values: [String: String] = [:]
                var ranges: [String: Range<Int>] = [:]
                for attribute in attributes {
                    values[attribute.name] = Self.string(attribute.value)
                    if let range = valueRange(attribute.original) { ranges[attribute.name] = range }
                }
                let tag = offset(element.original_tag).flatMap { start in
                    element.original_tag.length > 0 ? start..<(start + element.original_tag.length) : nil
                }
                facts.enter(name, attributes: values, valueRanges: ranges, tag: tag)
            }
            return action
        }

        /// What entering an element does to the text.
        private mutating func enter(_ element: GumboElement, name: String, attributes: [Attribute]) -> Action {
            if name == "meta" {
                meta(attributes)
                return .skip
            }
            if name == "title" && !Self.isHidden(attributes) {
                flush()
                zones.append(.title)
                return .block
            }
            if HTMLSegmenter.skippedTags.contains(name) || Self.isHidden(attributes) { return .skip }
            for attribute in attributes where ["alt", "title", "aria-label"].contains(attribute.name) {
                emitAttribute(attribute, zone: .altText)
            }
            if name == "br" {
                builder.lineBreak(atBase: max(builder.baseFloor, offset(element.original_tag) ?? lastBase))
                return .none
            }
            if let zone = HTMLSegmenter.blockZones[name] {
                flush()
                zones.append(zone)
                return .block
            }
            if name == "a" {
                builder.beginZone(.linkText)
                return .link
            }
            return .none
        }

        private mutating func leave(_ node: UnsafeMutablePointer<GumboNode>, _ action: Action) {
            switch action {
            case .block:
                flush()
                _ = zones.popLast()
            case .link:
                builder.endZone()
            case .none, .skip:
                break
            }
        }

        private mutating func flush() {
            var finished = builder
            builder = SegmentBuilder(collapsesWhitespace: true)
            if let segment = finished.build(zone: zones.last ?? .paragraph) { segments.append(segment) }
        }

        private mutating func text(_ node: GumboText) {
            guard let start = offset(node.original_text), let decoded = node.text else { return }
            let literal = Self.bytes(decoded)
            let end = start + node.original_text.length
            // gumbo's tree order is not always the source's (a second `<html>` tag, foster
            // parenting, reopened formatting): text that starts before what the segment holds
            // begins a segment of its own, so a segment's characters stay in source order.
            if start < builder.baseFloor { flush() }
            align(literal, raw: start..<end, into: &builder)
            lastBase = end
            facts.text(raw: start..<end, decoded: literal, source: source)
        }

        private func align(_ literal: [UInt8], raw: Range<Int>, into target: inout SegmentBuilder) {
            let aligner = SourceAligner(source: source, flavor: .html)
            if let (steps, _) = aligner.align(literal, from: raw.lowerBound, limit: raw.upperBound) {
                SourceAligner.apply(steps, source: source, into: &target)
            } else {
                // Could not line the decoded text up with its bytes: keep it, located at the
                // node as a whole.
                target.unaligned(String(decoding: literal, as: UTF8.self), base: raw)
            }
        }

        private mutating func meta(_ attributes: [Attribute]) {
            let key = attributes.first { $0.name == "name" || $0.name == "property" }.map { Self.string($0.value).lowercased() }
            guard let key, HTMLSegmenter.metaNames.contains(key), let content = attributes.first(where: { $0.name == "content" }) else { return }
            emitAttribute(content, zone: .meta)
        }

        private mutating func emitAttribute(_ attribute: Attribute, zone: Zone) {
            guard let range = valueRange(attribute.original) else { return }
            var target = SegmentBuilder(collapsesWhitespace: true)
            align(attribute.value, raw: range, into: &target)
            if let segment = target.build(zone: zone) { segments.append(segment) }
        }

        // MARK: - gumbo access

        struct Attribute {
            var name: String
            var value: [UInt8]
            var original: GumboStringPiece
        }

        private static func attributes(_ element: GumboElement) -> [Attribute] {
            var out: [Attribute] = []
            for index in 0..<Int(element.attributes.length) {
                guard let raw = element.attributes.data[index] else { continue }
                let attribute = raw.assumingMemoryBound(to: GumboAttribute.self).pointee
                guard let name = attribute.name, let value = attribute.value else { continue }
                out.append(Attribute(name: String(cString: name).lowercased(), value: bytes(value), original: attribute.original_value))
            }
            return out
        }

        private static func isHidden(_ attributes: [Attribute]) -> Bool {
            for attribute in attributes {
                if attribute.name == "hidden" { return true }
                if attribute.name == "style" {
                    let style = string(attribute.value).lowercased().filter { !$0.isWhitespace }
                    if style.contains("display:none") || style.contains("visibility:hidden") { return true }
                }
            }
            return false
        }

        private static func tagName(_ element: GumboElement) -> String {
            if element.tag != GUMBO_TAG_UNKNOWN, let name = gumbo_normalized_tagname(element.tag) {
                return String(cString: name)
            }
            var piece = element.original_tag
            gumbo_tag_from_original_text(&piece)
            guard let data = piece.data, piece.length > 0 else { return "" }
            return data.withMemoryRebound(to: UInt8.self, capacity: piece.length) {
                String(decoding: UnsafeBufferPointer(start: $0, count: piece.length), as: UTF8.self)
            }.lowercased()
        }

        /// The source offset of a piece of the input buffer.
        private func offset(_ piece: GumboStringPiece) -> Int? {
            guard let data = piece.data else { return nil }
            return UnsafeRawPointer(data) - bufferBase + shift
        }

        /// The source range of an attribute's value, without its quotes.
        private func valueRange(_ piece: GumboStringPiece) -> Range<Int>? {
            guard let start = offset(piece), piece.length > 0 else { return nil }
            var lower = start, upper = start + piece.length
            let first = source[lower]
            if first == 0x22 || first == 0x27 {
                lower += 1
                if upper > lower && source[upper - 1] == first { upper -= 1 }
            }
            return lower..<upper
        }

        private static func bytes(_ cString: UnsafePointer<CChar>) -> [UInt8] {
            cString.withMemoryRebound(to: UInt8.self, capacity: 1) { pointer in
                var length = 0
                while pointer[length] != 0 { length += 1 }
                return Array(UnsafeBufferPointer(start: pointer, count: length))
            }
        }

        private static func string(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }
    }
}
