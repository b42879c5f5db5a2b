import LintCore

/// The `--format json` document on one line, written byte by byte: what the batch mode
/// (`check --jsonl`) and the server's `POST /v1/check` send for every record or request.
///
/// The bytes are those `JSONReporter(pretty: false)` gives through Foundation's
/// `JSONEncoder` (keys sorted by their UTF-8 bytes, `/` not escaped, absent optionals
/// left out), which cost a fifth of a batch record's time: the encoder builds a tree of
/// boxed values per document and sorts every object's keys. Here each object's keys are
/// written in that sorted order by hand. `JSONLineWriterTests` compares the two on the
/// corpus and on documents with every optional field set.
struct JSONLineWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 4096) { bytes.reserveCapacity(capacity) }

    // MARK: Scalars

    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func string(_ text: String) {
        bytes.append(0x22)
        var text = text
        text.withUTF8 { utf8 in
            var runStart = 0
            for index in 0..<utf8.count {
                let byte = utf8[index]
                guard byte < 0x20 || byte == 0x22 || byte == 0x5C else { continue }
                if runStart < index { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index])) }
                runStart = index + 1
                bytes.append(0x5C)
                switch byte {
                case 0x22: bytes.append(0x22)
                case 0x5C: bytes.append(0x5C)
                case 0x08: bytes.append(0x62)
                case 0x0C: bytes.append(0x66)
                case 0x0A: bytes.append(0x6E)
                case 0x0D: bytes.append(0x72)
                case 0x09: bytes.append(0x74)
                default:
                    let hex: [UInt8] = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: [0x75, 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]])
                }
            }
            if runStart < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...])) }
        }
        bytes.append(0x22)
    }

    mutating func int(_ value: Int) {
        if value == 0 { bytes.append(0x30); return }
        var magnitude = value.magnitude
        if value < 0 { bytes.append(0x2D) }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            while magnitude > 0 {
                buffer[count] = UInt8(0x30 + magnitude % 10)
                magnitude /= 10
                count += 1
            }
            for index in stride(from: count - 1, through: 0, by: -1) { bytes.append(buffer[index]) }
        }
    }

    /// A number as `JSONEncoder` writes a `Double`: its shortest form, without a trailing `.0`.
    mutating func double(_ value: Double) {
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        bytes.append(contentsOf: text.utf8)
    }

    mutating func bool(_ value: Bool) { value ? raw("true") : raw("false") }

    // MARK: Objects

    /// The key of the first member of an object (after `{`).
    mutating func first(_ key: StaticString) {
        bytes.append(0x22)
        raw(key)
        bytes.append(contentsOf: [0x22, 0x3A])
    }

    /// The key of a later member.
    mutating func key(_ key: StaticString) {
        bytes.append(contentsOf: [0x2C, 0x22])
        raw(key)
        bytes.append(contentsOf: [0x22, 0x3A])
    }

    mutating func strings(_ values: [String]) {
        bytes.append(0x5B)
        for (index, value) in values.enumerated() {
            if index > 0 { bytes.append(0x2C) }
            string(value)
        }
        bytes.append(0x5D)
    }

    mutating func array<Element>(_ values: [Element], _ write: (inout JSONLineWriter, Element) -> Void) {
        bytes.append(0x5B)
        for (index, value) in values.enumerated() {
            if index > 0 { bytes.append(0x2C) }
            write(&self, value)
        }
        bytes.append(0x5D)
    }

    /// A dictionary with its keys in the order of their UTF-8 bytes, as the encoder sorts them.
    mutating func dictionary<Value>(_ values: [String: Value], _ write: (inout JSONLineWriter, Value) -> Void) {
        bytes.append(0x7B)
        for (index, key) in values.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }).enumerated() {
            if index > 0 { bytes.append(0x2C) }
            string(key)
            bytes.append(0x3A)
            if let value = values[key] { write(&self, value) }
        }
        bytes.append(0x7D)
    }
}

// MARK: The document's parts, each with its keys in sorted order

extension JSONLineWriter {
    mutating func optional(_ key: StaticString, _ value: String?) {
        if let value { self.key(key); string(value) }
    }

    mutating func optional(_ key: StaticString, _ value: Int?) {
        if let value { self.key(key); int(value) }
    }

    mutating func reference(_ r: LegalReference) {
        raw("{"); first("article"); string(r.article)
        optional("authority", r.authority)
        optional("duty", r.duty)
        key("law"); string(r.law)
        optional("note", r.note)
        key("pcode"); string(r.pcode)
        optional("penalty", r.penalty)
        if let provisions = r.provisions { key("provisions"); strings(provisions) }
        optional("url", r.url)
        optional("version", r.version)
        raw("}")
    }

    mutating func location(_ l: SourceLocation) {
        // `description` is never absent, so the optional members before it decide the comma.
        raw("{")
        var started = false
        func member(_ writer: inout JSONLineWriter, _ key: StaticString) {
            if started { writer.key(key) } else { writer.first(key); started = true }
        }
        if let cell = l.cell { member(&self, "cell"); string(cell) }
        if let character = l.character { member(&self, "character"); int(character) }
        if let column = l.column { member(&self, "column"); int(column) }
        member(&self, "description"); string(l.description)
        optional("header", l.header)
        key("kind"); string(l.kind.rawValue)
        optional("line", l.line)
        optional("page", l.page)
        optional("paraId", l.paraId)
        optional("paragraph", l.paragraph)
        optional("part", l.part)
        optional("pointer", l.pointer)
        optional("row", l.row)
        optional("shape", l.shape)
        optional("sheet", l.sheet)
        optional("slide", l.slide)
        raw("}")
    }

    mutating func directive(_ d: JSONReporter.DirectiveDTO) {
        raw("{"); first("column"); int(d.column)
        key("kind"); string(d.kind)
        key("line"); int(d.line)
        optional("reason", d.reason)
        key("rules"); strings(d.rules)
        key("writtenIn"); string(d.writtenIn)
        raw("}")
    }

    mutating func claim(_ c: JSONReporter.ClaimDTO) {
        raw("{"); first("approvedBy"); string(c.approvedBy)
        optional("approvedOn", c.approvedOn)
        optional("daysLeft", c.daysLeft)
        key("evidence"); string(c.evidence)
        key("expired"); bool(c.expired)
        key("expires"); string(c.expires)
        key("file"); string(c.file)
        key("id"); string(c.id)
        key("line"); int(c.line)
        optional("matches", c.matches)
        key("paths"); strings(c.paths)
        optional("pattern", c.pattern)
        key("rules"); strings(c.rules)
        optional("text", c.text)
        raw("}")
    }

    mutating func finding(_ f: JSONReporter.FindingDTO) {
        raw("{"); first("byteLength"); int(f.byteLength)
        key("byteOffset"); int(f.byteOffset)
        if let claim = f.claim { key("claim"); self.claim(claim) }
        key("column"); int(f.column)
        key("endColumn"); int(f.endColumn)
        key("endLine"); int(f.endLine)
        key("fingerprint"); string(f.fingerprint)
        key("line"); int(f.line)
        key("location"); location(f.location)
        optional("logicalLocation", f.logicalLocation)
        key("matchedText"); string(f.matchedText)
        key("message"); string(f.message)
        if let notes = f.notes { key("notes"); strings(notes) }
        key("path"); string(f.path)
        key("references"); array(f.references) { $0.reference($1) }
        key("ruleId"); string(f.ruleId)
        key("ruleName"); string(f.ruleName)
        key("severity"); string(f.severity)
        optional("suggestion", f.suggestion)
        if let suppression = f.suppression { key("suppression"); directive(suppression) }
        key("zone"); string(f.zone)
        raw("}")
    }

    mutating func suppression(_ s: JSONReporter.SuppressionDTO) {
        raw("{"); first("column"); int(s.column)
        key("kind"); string(s.kind)
        key("line"); int(s.line)
        key("path"); string(s.path)
        optional("problem", s.problem)
        optional("reason", s.reason)
        key("rules"); strings(s.rules)
        key("status"); string(s.status)
        key("suppressed"); int(s.suppressed)
        key("writtenIn"); string(s.writtenIn)
        raw("}")
    }

    mutating func file(_ f: JSONReporter.FileDTO) {
        raw("{"); first("findings"); int(f.findings)
        key("format"); string(f.format)
        key("inferredFrom"); dictionary(f.inferredFrom) { $0.strings($1) }
        key("path"); string(f.path)
        key("sectorSource"); string(f.sectorSource)
        key("sectors"); strings(f.sectors)
        raw("}")
    }

    mutating func diagnostic(_ d: JSONReporter.DiagnosticDTO) {
        raw("{"); first("code"); string(d.code)
        optional("column", d.column)
        key("level"); string(d.level)
        optional("line", d.line)
        key("message"); string(d.message)
        key("path"); string(d.path)
        optional("ruleId", d.ruleId)
        raw("}")
    }

    mutating func summary(_ s: JSONReporter.Summary) {
        raw("{")
        if let baseline = s.baseline {
            first("baseline")
            raw("{"); first("file"); string(baseline.file)
            key("gone"); int(baseline.gone)
            key("known"); int(baseline.known)
            key("new"); int(baseline.new)
            raw("}")
            key("baselined")
        } else {
            first("baselined")
        }
        int(s.baselined)
        key("durationSeconds"); double(s.durationSeconds)
        key("files"); int(s.files)
        key("findings"); int(s.findings)
        key("findingsBySeverity"); dictionary(s.findingsBySeverity) { $0.int($1) }
        key("rulesLoaded"); int(s.rulesLoaded)
        key("substantiated"); int(s.substantiated)
        key("suppressed"); int(s.suppressed)
        raw("}")
    }

    mutating func verdict(_ v: Verdict) {
        raw("{"); first("label"); string(v.level.label)
        key("level"); string(v.level.rawValue)
        key("reason"); string(v.reason)
        key("ruleId")
        if let rule = v.ruleID { string(rule.rawValue) } else { raw("null") }
        raw("}")
    }

    /// The document, with a batch record's `id` and a `verdict` among its members when given.
    mutating func document(_ d: JSONReporter.Document, id: JSONLineID?, verdict: Verdict?) {
        raw("{"); first("baselined"); array(d.baselined) { $0.finding($1) }
        key("claims"); array(d.claims) { $0.claim($1) }
        key("diagnostics"); array(d.diagnostics) { $0.diagnostic($1) }
        key("files"); array(d.files) { $0.file($1) }
        key("findings"); array(d.findings) { $0.finding($1) }
        if let id {
            key("id")
            switch id {
            case .null: raw("null")
            case let .string(text): string(text)
            case let .integer(value): int(value)
            case let .number(value): double(value)
            }
        }
        key("substantiated"); array(d.substantiated) { $0.finding($1) }
        key("summary"); summary(d.summary)
        key("suppressed"); array(d.suppressed) { $0.finding($1) }
        key("suppressions"); array(d.suppressions) { $0.suppression($1) }
        key("tool"); raw("{"); first("name"); string(d.tool.name); key("version"); string(d.tool.version); raw("}")
        if let verdict { key("verdict"); self.verdict(verdict) }
        key("version"); int(d.version)
        raw("}")
    }
}

/// A batch record's `id` in its result line: as the record gave it, or null.
public enum JSONLineID: Sendable {
    case null
    case string(String)
    case integer(Int)
    case number(Double)
}

extension JSONReporter {
    /// The document on one line with a `verdict` and, for a batch record, its `id` (the
    /// server's check response has no `id`): the same bytes as `render(_:adding:)` with
    /// those members, written without `JSONEncoder`. Ends with a line break.
    public func renderLine(_ report: LintReport, id: JSONLineID?, verdict: Verdict) -> String {
        var writer = JSONLineWriter()
        writer.document(document(report), id: id, verdict: verdict)
        writer.raw("\n")
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}
