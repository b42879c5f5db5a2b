import CCmarkGFM
import Foundation

/// A parsed GitHub-flavoured Markdown document (libcmark-gfm with source positions), walked
/// without recursion through cmark's own iterator.
final class CmarkTree {
    /// One step of the walk.
    struct Event {
        var entering: Bool
        var type: NodeType
        /// 1-based start line and byte column (0 when cmark does not know).
        var startLine: Int
        var startColumn: Int
        var endLine: Int
        var endColumn: Int
        /// The node's text (text, code, HTML), decoded.
        var literal: [UInt8]?
        /// A link's or image's destination.
        var url: String?
        /// The literal of a link's only text child, to recognise bare-URL autolinks.
        var onlyChildLiteral: [UInt8]?
        /// A heading's level (1 to 6).
        var headingLevel = 0
        /// For a paragraph that cmark-gfm's table extension split off the lines before a
        /// table's header row: where that paragraph really starts (the table's own start).
        /// The extension gives such a paragraph no position (0:0) and leaves its inline
        /// nodes positioned relative to it (line 0 is its first line, columns count from 0),
        /// so their real position is this origin plus theirs.
        var relativeOrigin: (line: Int, column: Int)?
    }

    enum NodeType: Equatable {
        case document, paragraph, heading, blockQuote, list, item, codeBlock, htmlBlock, thematicBreak
        case table, tableRow, tableCell, footnoteDefinition
        case text, softBreak, lineBreak, code, htmlInline, emphasis, strong, link, image
        case strikethrough, footnoteReference, other(String)

        init(_ name: String) {
            switch name {
            case "document": self = .document
            case "paragraph": self = .paragraph
            case "heading": self = .heading
            case "block_quote": self = .blockQuote
            case "list": self = .list
            case "item": self = .item
            case "code_block": self = .codeBlock
            case "html_block": self = .htmlBlock
            case "thematic_break": self = .thematicBreak
            case "table": self = .table
            case "table_row", "table_header": self = .tableRow
            case "table_cell": self = .tableCell
            case "footnote_definition": self = .footnoteDefinition
            case "text": self = .text
            case "softbreak": self = .softBreak
            case "linebreak": self = .lineBreak
            case "code": self = .code
            case "html_inline": self = .htmlInline
            case "emph": self = .emphasis
            case "strong": self = .strong
            case "link": self = .link
            case "image": self = .image
            case "strikethrough": self = .strikethrough
            case "footnote_reference": self = .footnoteReference
            default: self = .other(name)
            }
        }
    }

    private let root: OpaquePointer

    /// Registers the GFM extensions once per process. cmark keeps its extension registry in
    /// C globals that are not safe to initialise from two threads at once; a static `let`
    /// runs its initialiser exactly once, under a lock.
    private static let extensionsRegistered: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        return true
    }()

    /// Parses UTF-8 bytes (given as `ParserInput.sanitized`, so there is no invalid sequence
    /// and byte columns stay those of the source).
    init?(_ bytes: [UInt8]) {
        _ = Self.extensionsRegistered
        let options = CMARK_OPT_SOURCEPOS | CMARK_OPT_FOOTNOTES | CMARK_OPT_UNSAFE
        guard let parser = cmark_parser_new(options) else { return nil }
        defer { cmark_parser_free(parser) }
        for name in ["table", "strikethrough", "autolink", "tasklist"] {
            if let ext = cmark_find_syntax_extension(name) { cmark_parser_attach_syntax_extension(parser, ext) }
        }
        bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                if let base = chars.baseAddress { cmark_parser_feed(parser, base, chars.count) }
            }
        }
        guard let document = cmark_parser_finish(parser) else { return nil }
        root = document
    }

    deinit { cmark_node_free(root) }

    /// Walks every node in document order; `visit` returns `false` to skip a node's children.
    func walk(_ visit: (Event) -> Bool) {
        guard let iterator = cmark_iter_new(root) else { return }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let entering = event == CMARK_EVENT_ENTER
            let type = Self.type(of: node)
            var info = Event(entering: entering, type: type,
                             startLine: Int(cmark_node_get_start_line(node)), startColumn: Int(cmark_node_get_start_column(node)),
                             endLine: Int(cmark_node_get_end_line(node)), endColumn: Int(cmark_node_get_end_column(node)))
            if entering {
                switch type {
                case .text, .code, .htmlInline, .htmlBlock, .codeBlock:
                    info.literal = Self.literal(node)
                case .paragraph where info.startLine == 0:
                    if let next = cmark_node_next(node), Self.type(of: next) == .table,
                       cmark_node_get_start_line(next) >= 1 {
                        info.relativeOrigin = (Int(cmark_node_get_start_line(next)), Int(max(1, cmark_node_get_start_column(next))))
                    }
                case .heading:
                    info.headingLevel = Int(cmark_node_get_heading_level(node))
                case .link, .image:
                    info.url = cmark_node_get_url(node).map { String(cString: $0) }
                    if let child = cmark_node_first_child(node), cmark_node_next(child) == nil,
                       String(cString: cmark_node_get_type_string(child)) == "text" {
                        info.onlyChildLiteral = Self.literal(child)
                    }
                default:
                    break
                }
            }
            if !visit(info) && entering {
                cmark_iter_reset(iterator, node, CMARK_EVENT_EXIT)
            }
        }
    }

    private static func type(of node: OpaquePointer) -> NodeType {
        // Footnote nodes have no type string in this version of cmark-gfm ("<unknown>").
        switch cmark_node_get_type(node) {
        case CMARK_NODE_FOOTNOTE_DEFINITION: return .footnoteDefinition
        case CMARK_NODE_FOOTNOTE_REFERENCE: return .footnoteReference
        default: return NodeType(String(cString: cmark_node_get_type_string(node)))
        }
    }

    private static func literal(_ node: OpaquePointer) -> [UInt8] {
        guard let pointer = cmark_node_get_literal(node) else { return [] }
        let length = strlen(pointer)
        return pointer.withMemoryRebound(to: UInt8.self, capacity: length) { Array(UnsafeBufferPointer(start: $0, count: length)) }
    }
}
