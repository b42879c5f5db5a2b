import LintCore

/// The campaign audit as one self-contained HTML file for legal reviewers: no external
/// scripts, styles, fonts or images, so it opens offline and prints on A4. The markup is
/// well-formed XML (void elements closed, only the five XML entities), which the tests
/// parse to check every finding is present and every piece of copy is escaped.
public struct AuditHTMLReporter {
    public init() {}

    public func render(_ report: AuditReport) -> String {
        var html = HTMLWriter()
        html.raw("<!DOCTYPE html>\n<html lang=\"zh-Hant\" xmlns=\"http://www.w3.org/1999/xhtml\">\n<head>\n")
        html.raw("<meta charset=\"utf-8\" />\n<meta name=\"generator\" content=\"adlaw \(XMLText.attribute(report.toolVersion))\" />\n")
        html.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n")
        html.element("title", "廣告法規審閱報告｜\(report.title)")
        html.raw("\n<style>\(Self.styles)</style>\n</head>\n<body>\n")
        header(report, &html)
        summary(report, &html)
        files(report, &html)
        checklists(report, &html)
        findings(report, &html)
        reviewRecord(report, &html)
        unreadable(report, &html)
        html.raw("<footer><p>本報告由 adlaw ")
        html.text(report.toolVersion)
        html.raw(" 依規則包")
        html.text(report.rulePackVersion.map { " \($0)" } ?? "")
        html.raw(" 產生。規則依據條文之文字判斷風險，不構成法律意見；最終判斷仍應由審閱者依個案事實為之。</p></footer>\n")
        html.raw("</body>\n</html>\n")
        return html.output
    }

    // MARK: - Sections

    /// The day the law was applied as of, and the rules that did not run that day.
    static func lawsAsOfNote(_ report: AuditReport) -> String? {
        guard let day = report.lawsAsOf else { return nil }
        var note = "法規基準日：\(day)（依該日施行之條文引用法條與罰則）"
        if !report.inactiveRules.isEmpty {
            note += "。所引條文於該日尚未施行、未予檢查之規則：\(report.inactiveRules.map(\.id.rawValue).joined(separator: "、"))"
        }
        return note
    }

    private func header(_ report: AuditReport, _ html: inout HTMLWriter) {
        html.raw("<header>\n")
        html.element("h1", "廣告法規審閱報告：\(report.title)")
        html.raw("<p class=\"meta\">")
        html.text("產生時間 \(report.generatedAt) ・ adlaw \(report.toolVersion) ・ 規則包 \(report.rulePackVersion ?? "未標示版本")（\(report.rulesLoaded) 條規則）・ \(report.files.count) 個檔案")
        html.raw("</p>\n")
        if let note = Self.lawsAsOfNote(report) {
            html.raw("<p class=\"meta\" id=\"laws-as-of\">")
            html.text(note)
            html.raw("</p>\n")
        }
        html.raw("<section class=\"verdict verdict-\(report.verdict.level.rawValue)\" id=\"verdict\">\n")
        html.element("h2", "整體結論：\(report.verdict.level.label)")
        html.raw("<p>")
        if let rule = report.verdict.ruleID {
            html.raw("決定規則：<code>")
            html.text(rule.rawValue)
            html.raw("</code>。")
        }
        html.text(report.verdict.reason)
        html.raw("</p>\n</section>\n</header>\n")
    }

    private func summary(_ report: AuditReport, _ html: inout HTMLWriter) {
        html.raw("<section id=\"summary\">\n<h2>摘要</h2>\n<table class=\"counts\">\n<thead><tr><th>嚴重度</th><th>件數</th><th>意義</th></tr></thead>\n<tbody>\n")
        for severity in Severity.allCases.reversed() {
            html.raw("<tr class=\"sev-\(severity.rawValue)\"><td>\(Self.severityLabel(severity))</td><td class=\"num\">\(report.count(severity))</td><td>")
            html.text(Self.severityMeaning(severity))
            html.raw("</td></tr>\n")
        }
        html.raw("</tbody>\n</table>\n")
        let rows = LawTally.rows(report)
        if rows.isEmpty {
            html.raw("<p>未發現任何法規風險。</p>\n</section>\n")
            return
        }
        html.raw("<h3>依法規</h3>\n")
        html.raw(BarChart.svg(rows))
        html.raw("<table class=\"laws\">\n<thead><tr><th>法規</th><th>條文</th><th>不得刊登</th><th>須審閱</th><th>提醒</th></tr></thead>\n<tbody>\n")
        for row in rows {
            html.raw("<tr><td>")
            html.text(row.law)
            html.raw("</td><td>")
            html.text(row.articles.joined(separator: "、"))
            html.raw("</td><td class=\"num\">\(row.errors)</td><td class=\"num\">\(row.warnings)</td><td class=\"num\">\(row.infos)</td></tr>\n")
        }
        html.raw("</tbody>\n</table>\n</section>\n")
    }

    private func files(_ report: AuditReport, _ html: inout HTMLWriter) {
        html.raw("<section id=\"files\">\n<h2>各檔案結論</h2>\n<table class=\"files\">\n")
        html.raw("<thead><tr><th>檔案</th><th>格式</th><th>行業別</th><th>結論</th><th>決定規則與理由</th><th>發現</th></tr></thead>\n<tbody>\n")
        for file in report.files {
            html.raw("<tr class=\"verdict-\(file.verdict.level.rawValue)\"><td><code>")
            html.text(file.path)
            html.raw("</code></td><td>")
            html.text(file.format)
            html.raw("</td><td>")
            html.text(file.sectors.isEmpty ? "—" : file.sectors.map(\.rawValue).joined(separator: ", ") + (file.sectorSource == "inferred" ? "（推定）" : ""))
            html.raw("</td><td class=\"verdict-cell\">")
            html.text(file.verdict.level.label)
            html.raw("</td><td>")
            if let rule = file.verdict.ruleID {
                html.raw("<code>")
                html.text(rule.rawValue)
                html.raw("</code> ")
            }
            html.text(file.verdict.reason)
            html.raw("</td><td class=\"num\">\(file.findingCount)</td></tr>\n")
        }
        html.raw("</tbody>\n</table>\n</section>\n")
    }

    private func checklists(_ report: AuditReport, _ html: inout HTMLWriter) {
        html.raw("<section id=\"checklists\">\n<h2>活動企劃檢核</h2>\n")
        if report.checklists.isEmpty {
            html.raw("<p>文件中未辨識出抽獎、個資蒐集、網紅合作、戶外廣告等需逐項檢核的活動元素。</p>\n</section>\n")
            return
        }
        for list in report.checklists {
            let open = list.items.filter { !$0.met }.count
            html.raw("<div class=\"checklist \(open == 0 ? "complete" : "open")\" data-rule=\"\(XMLText.attribute(list.ruleID.rawValue))\">\n<h3>")
            html.text("\(list.element)：\(open == 0 ? "全部完成" : "\(open) 項未完成")")
            html.raw("</h3>\n<p class=\"where\"><code>")
            html.text(list.path)
            html.raw("</code> ")
            html.text(list.logicalLocation ?? "第\(list.line)行")
            html.text("（辨識自「\(list.triggerText)」，規則 \(list.ruleID)）")
            html.raw("</p>\n<ul>\n")
            for item in list.items {
                html.raw("<li class=\"item \(item.met ? "met" : "open")\"><span class=\"mark\">\(item.met ? "✔" : "✘")</span> ")
                html.text(item.label)
                if !item.evidence.isEmpty {
                    html.raw("<div class=\"evidence\">")
                    html.text((item.met ? "依據：" : "待處理：") + item.evidence.joined(separator: "；"))
                    html.raw("</div>")
                }
                if !item.figures.isEmpty {
                    html.raw("<div class=\"figures\">")
                    html.text("文件所載：" + item.figures.joined(separator: "；"))
                    html.raw("</div>")
                }
                html.raw("</li>\n")
            }
            html.raw("</ul>\n")
            if let rule = report.rules[list.ruleID] { citations(rule.references, &html) }
            html.raw("</div>\n")
        }
        html.raw("</section>\n")
    }

    private func findings(_ report: AuditReport, _ html: inout HTMLWriter) {
        html.raw("<section id=\"findings\">\n<h2>全部發現（\(report.findings.count)）</h2>\n")
        if report.findings.isEmpty { html.raw("<p>沒有發現。</p>\n") }
        var currentPath: String?
        for (index, finding) in report.findings.enumerated() {
            if finding.path != currentPath {
                currentPath = finding.path
                html.raw("<h3 class=\"file\"><code>")
                html.text(finding.path)
                html.raw("</code></h3>\n")
            }
            let rule = report.rules[finding.ruleID]
            html.raw("<article class=\"finding sev-\(finding.severity.rawValue)\" id=\"f\(index + 1)\" data-rule=\"\(XMLText.attribute(finding.ruleID.rawValue))\">\n")
            html.raw("<p class=\"head\"><span class=\"badge\">\(Self.severityLabel(finding.severity))</span> <span class=\"loc\">")
            html.text(finding.logicalLocation ?? "第\(finding.start.line)行第\(finding.start.column)字")
            html.raw("</span> <code>")
            html.text(finding.ruleID.rawValue)
            html.raw("</code> ")
            html.text(rule?.name ?? finding.ruleName)
            html.raw("</p>\n<blockquote class=\"sentence\">")
            let sentence = SentenceCut(finding.snippet)
            html.text(sentence.before)
            html.raw("<mark>")
            html.text(sentence.highlighted)
            html.raw("</mark>")
            html.text(sentence.after)
            html.raw("</blockquote>\n<p class=\"message\">")
            html.text(finding.message)
            html.raw("</p>\n")
            citations(finding.references, &html)
            if let rationale = rule?.rationale {
                html.raw("<details><summary>理由</summary><p>")
                html.text(rationale)
                html.raw("</p></details>\n")
            }
            if let suggestion = finding.suggestion {
                html.raw("<p class=\"suggestion\"><strong>建議改寫：</strong>")
                html.text(suggestion)
                html.raw("</p>\n")
            }
            for note in finding.notes {
                html.raw("<p class=\"note\"><strong>前提：</strong>")
                html.text(note)
                html.raw("</p>\n")
            }
            html.raw("</article>\n")
        }
        html.raw("</section>\n")
    }

    private func citations(_ references: [LegalReference], _ html: inout HTMLWriter) {
        guard !references.isEmpty else { return }
        html.raw("<ul class=\"law\">\n")
        for reference in references {
            html.raw("<li>")
            html.text(reference.citation)
            html.raw(" <span class=\"pcode\">")
            html.text(reference.pcode)
            html.raw("</span>")
            if let penalty = reference.penalty {
                html.raw("<span class=\"penalty\">")
                html.text("罰則：\(penalty)")
                html.raw("</span>")
            }
            if let note = reference.note {
                html.raw("<span class=\"penalty\">")
                html.text("註：\(note)")
                html.raw("</span>")
            }
            html.raw("</li>\n")
        }
        html.raw("</ul>\n")
    }

    private func reviewRecord(_ report: AuditReport, _ html: inout HTMLWriter) {
        let record = ReviewRecord(report)
        html.raw("<section id=\"suppressions\">\n<h2>抑制、佐證與基準線（\(report.waived.count)）</h2>\n")
        if record.isEmpty {
            html.raw("<p>本次執行沒有以註解抑制、以佐證資料核可或列入基準線的發現，也沒有設定中的宣稱。</p>\n</section>\n")
            return
        }
        html.raw("<p>下列發現不計入結論，但完整列出，任何抑制或核可都有理由、佐證、核可人與期限可查。</p>\n")
        if !record.rows.isEmpty {
            html.raw("<table class=\"waived\">\n<thead><tr><th>位置</th><th>規則</th><th>文字</th><th>處理</th><th>理由或佐證</th></tr></thead>\n<tbody>\n")
            for row in record.rows {
                html.raw("<tr class=\"waiver-\(row.kind)\"><td><code>")
                html.text(row.location)
                html.raw("</code></td><td><code>")
                html.text(row.rule)
                html.raw("</code></td><td>")
                html.text(row.text)
                html.raw("</td><td>")
                html.text(row.label)
                html.raw("</td><td>")
                html.text(row.detail)
                html.raw("</td></tr>\n")
            }
            html.raw("</tbody>\n</table>\n")
        }
        if !record.directives.isEmpty {
            html.raw("<h3>抑制指令</h3>\n<ul class=\"directives\">\n")
            for line in record.directives {
                html.raw("<li>")
                html.text(line)
                html.raw("</li>\n")
            }
            html.raw("</ul>\n")
        }
        if !record.claims.isEmpty {
            html.raw("<h3>設定中的佐證宣稱</h3>\n<ul class=\"claims\">\n")
            for line in record.claims {
                html.raw("<li>")
                html.text(line)
                html.raw("</li>\n")
            }
            html.raw("</ul>\n")
        }
        html.raw("</section>\n")
    }

    private func unreadable(_ report: AuditReport, _ html: inout HTMLWriter) {
        html.raw("<section id=\"unreadable\">\n<h2>無法讀取的檔案（\(report.unreadable.count)）</h2>\n")
        if report.unreadable.isEmpty {
            html.raw("<p>所有檔案均已讀取並檢查。</p>\n</section>\n")
            return
        }
        html.raw("<ul>\n")
        for diagnostic in report.unreadable {
            html.raw("<li><code>")
            html.text(diagnostic.path)
            html.raw("</code> ")
            html.text(diagnostic.message)
            html.raw("</li>\n")
        }
        html.raw("</ul>\n</section>\n")
    }

    // MARK: - Labels and styles

    static func severityLabel(_ severity: Severity) -> String {
        switch severity {
        case .error: "不得刊登"
        case .warning: "須審閱"
        case .info: "提醒"
        }
    }

    static func severityMeaning(_ severity: Severity) -> String {
        switch severity {
        case .error: "法律明文禁止的詞句，或缺少法定警語（error）"
        case .warning: "須有佐證或揭露才合法（warning）"
        case .info: "請審閱者留意（info）"
        }
    }

    static let styles = """
    @page { size: A4; margin: 14mm 12mm; }
    * { box-sizing: border-box; }
    body { font-family: "Noto Sans CJK TC", "Noto Sans TC", "PingFang TC", "Microsoft JhengHei", sans-serif;
      color: #1d2327; line-height: 1.55; margin: 0 auto; max-width: 1000px; padding: 24px; font-size: 14px; }
    h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 18px; border-bottom: 2px solid #d0d7de; padding-bottom: 4px; margin-top: 28px; }
    h3 { font-size: 15px; margin: 18px 0 6px; } code { font-family: "DejaVu Sans Mono", monospace; font-size: 12px; }
    .meta { color: #57606a; margin: 0 0 12px; }
    .verdict { border-radius: 6px; padding: 10px 14px; border-left: 8px solid; }
    .verdict h2 { border: none; margin: 0 0 4px; padding: 0; }
    .verdict-block { background: #fdecea; border-color: #c0392b; } .verdict-needs-review { background: #fef5e7; border-color: #d68910; }
    .verdict-publish { background: #e9f7ef; border-color: #1e8449; }
    table { border-collapse: collapse; width: 100%; margin: 8px 0; } th, td { border: 1px solid #d0d7de; padding: 4px 8px; text-align: left; vertical-align: top; }
    th { background: #f6f8fa; } td.num { text-align: right; width: 5em; }
    tr.verdict-block td.verdict-cell { color: #c0392b; font-weight: bold; } tr.verdict-needs-review td.verdict-cell { color: #b9770e; font-weight: bold; }
    tr.verdict-publish td.verdict-cell { color: #1e8449; font-weight: bold; }
    td.verdict-cell, th { white-space: nowrap; } table.files td:first-child { word-break: break-all; }
    .chart { width: 100%; height: auto; margin: 6px 0 10px; }
    .checklist { border: 1px solid #d0d7de; border-radius: 6px; padding: 8px 12px; margin: 10px 0; page-break-inside: avoid; }
    .checklist.open { border-left: 6px solid #d68910; } .checklist.complete { border-left: 6px solid #1e8449; }
    .checklist ul { list-style: none; padding-left: 0; } .item { margin: 4px 0; } .item.met .mark { color: #1e8449; } .item.open .mark { color: #c0392b; }
    .evidence, .figures { color: #57606a; font-size: 12px; margin-left: 1.6em; } .where { color: #57606a; margin: 0; }
    .finding { border: 1px solid #d0d7de; border-left: 6px solid; border-radius: 6px; padding: 8px 12px; margin: 10px 0; page-break-inside: avoid; }
    .finding.sev-error { border-left-color: #c0392b; } .finding.sev-warning { border-left-color: #d68910; } .finding.sev-info { border-left-color: #2471a3; }
    .finding .head { margin: 0 0 4px; } .badge { color: #fff; border-radius: 3px; padding: 1px 6px; font-size: 12px; }
    .sev-error .badge { background: #c0392b; } .sev-warning .badge { background: #d68910; } .sev-info .badge { background: #2471a3; }
    .loc { color: #57606a; } blockquote.sentence { margin: 4px 0; padding: 6px 10px; background: #f6f8fa; border-radius: 4px; }
    mark { background: #ffe08a; padding: 0 1px; } .message { margin: 4px 0; font-weight: 600; }
    ul.law { margin: 4px 0; padding-left: 1.2em; color: #1d2327; } .pcode { color: #57606a; font-size: 12px; }
    .penalty { display: block; color: #7b241c; font-size: 12px; } .suggestion { background: #eef6ee; padding: 4px 8px; border-radius: 4px; margin: 4px 0; }
    .note { background: #fdf6e3; padding: 4px 8px; border-radius: 4px; margin: 4px 0; font-size: 13px; }
    details summary { cursor: pointer; color: #57606a; } footer { color: #57606a; font-size: 12px; margin-top: 28px; border-top: 1px solid #d0d7de; }
    @media print { body { padding: 0; max-width: none; } details { display: block; } details > summary { display: none; }
      h2 { page-break-after: avoid; } a { color: inherit; text-decoration: none; } }
    """
}

/// HTML text with escaping applied to everything that is not markup.
struct HTMLWriter {
    private(set) var output = ""

    mutating func raw(_ markup: String) { output += markup }
    mutating func text(_ text: String) { output += XMLText.content(text) }
    mutating func element(_ name: String, _ text: String) { output += "<\(name)>\(XMLText.content(text))</\(name)>" }
}

/// The sentence around a finding, cut from its snippet at the nearest sentence ends.
struct SentenceCut {
    var before: String
    var highlighted: String
    var after: String

    static let ends: Set<Character> = ["。", "！", "？", "!", "?", "；"]

    init(_ snippet: Snippet) {
        highlighted = snippet.highlighted
        if let cut = snippet.before.lastIndex(where: { Self.ends.contains($0) }) {
            before = String(snippet.before[snippet.before.index(after: cut)...])
        } else {
            before = (snippet.truncatedStart ? "…" : "") + snippet.before
        }
        if let cut = snippet.after.firstIndex(where: { Self.ends.contains($0) }) {
            after = String(snippet.after[...cut])
        } else {
            after = snippet.after + (snippet.truncatedEnd ? "…" : "")
        }
    }
}
