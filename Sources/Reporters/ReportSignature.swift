/// Recognises adlaw's own output (reports in every format, audits, baselines) among the
/// files of a walked folder. A report written inside the checked folder holds the matched
/// copy of every finding, so reading it back as copy would add its findings again on each
/// run (1, 2, 3, ...); walked files that are adlaw's output are skipped with a note instead.
public enum ReportSignature {
    /// The kind of adlaw output `bytes` are (`json`, `sarif`, `line`, ...), or nil for copy.
    public static func kind(of bytes: [UInt8]) -> String? {
        let head = Array(bytes.prefix(64 << 10))
        let start = head.firstIndex { !(0x09...0x0D).contains($0) && $0 != 0x20 } ?? head.endIndex
        let text = String(decoding: head[start...], as: UTF8.self)
        if text.hasPrefix("{") {
            if text.contains("\"$schema\"") && text.contains("sarif") && text.contains("\"name\" : \"adlaw\"") { return "sarif" }
            if text.contains("\"tool\" : {") && text.contains("\"name\" : \"adlaw\"") { return "json" }
            if text.contains("\"tool\" : \"adlaw\"") && text.contains("\"fingerprintVersion\"") { return "baseline" }
            return nil
        }
        if text.hasPrefix("<?xml") {
            if text.contains("<testsuites name=\"adlaw\"") { return "junit" }
            if text.contains("<checkstyle version=") { return "checkstyle" }
            return nil
        }
        if text.hasPrefix("<!DOCTYPE html>") && text.contains("<meta name=\"generator\" content=\"adlaw") { return "audit-html" }
        if text.hasPrefix("# 廣告法規審閱報告") { return "audit-markdown" }
        // Only the first 50 lines and the last are looked at: splitting all 64 KB into
        // lines by Character was a tenth of checking a folder of small product pages.
        let lines = Self.lines(head[start...], limit: 50)
        guard let first = lines.first else { return nil }
        guard let last = Self.lastLine(bytes.suffix(4096)) else { return nil }
        if first.hasPrefix("::"), last.hasPrefix("adlaw: "), last.contains(" finding") { return "github" }
        if isHumanSummary(last) { return "human" }
        if lines.prefix(50).allSatisfy(isFindingLine) && isFindingLine(last) { return "line" }
        return nil
    }

    /// The first `limit` non-empty lines of `bytes`, as `String.split(separator: "\n")`
    /// gives them: a line ends at a line feed, except one after a carriage return (`\r\n` is
    /// one Character, not a line feed).
    static func lines(_ bytes: ArraySlice<UInt8>, limit: Int) -> [Substring] {
        var lines: [Substring] = []
        var start = bytes.startIndex
        var index = bytes.startIndex
        while index < bytes.endIndex && lines.count < limit {
            if bytes[index] == 0x0A && (index == bytes.startIndex || bytes[index - 1] != 0x0D) {
                if index > start { lines.append(Substring(String(decoding: bytes[start..<index], as: UTF8.self))) }
                start = index + 1
            }
            index += 1
        }
        if lines.count < limit && start < bytes.endIndex {
            lines.append(Substring(String(decoding: bytes[start...], as: UTF8.self)))
        }
        return lines
    }

    /// The last non-empty line of `bytes`, split as `lines` splits.
    static func lastLine(_ bytes: ArraySlice<UInt8>) -> Substring? {
        guard !bytes.isEmpty else { return nil }
        var end = bytes.endIndex
        var index = bytes.endIndex
        while index > bytes.startIndex {
            index -= 1
            guard bytes[index] == 0x0A && (index == bytes.startIndex || bytes[index - 1] != 0x0D) else { continue }
            if end > index + 1 { break }
            end = index
        }
        let start = bytes[index] == 0x0A && end > index ? index + 1 : index
        guard start < end else { return nil }
        return Substring(String(decoding: bytes[start..<end], as: UTF8.self))
    }

    /// The summary that ends human output: `no findings in 3 files (120 rules, 0.1s)` or
    /// `2 findings (1 error, 1 warning) in 1 of 3 files (120 rules, 0.1s)`.
    static func isHumanSummary(_ line: Substring) -> Bool {
        let counted = line.hasPrefix("no findings in ") || line.first?.isNumber == true && line.contains(" finding")
        return counted && line.contains(" file") && line.contains(" rule") && line.hasSuffix(")")
    }

    /// `path:line:column:severity:rule-id:message`, as `LineReporter` writes.
    static func isFindingLine(_ line: Substring) -> Bool {
        for severity in [":error:", ":warning:", ":info:"] {
            guard let range = line.range(of: severity) else { continue }
            let before = line[..<range.lowerBound].split(separator: ":", omittingEmptySubsequences: false)
            guard before.count >= 3, before.suffix(2).allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) })
            else { continue }
            let rest = line[range.upperBound...]
            guard let colon = rest.firstIndex(of: ":") else { continue }
            let rule = rest[..<colon]
            if !rule.isEmpty && rule.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-._".contains($0)) }) { return true }
        }
        return false
    }
}
