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
        html.raw("\n<style>\(Self.styles)\n\(Self.pageStyle(report))</style>\n</head>\n<body>\n")
        header(report, &html)
        summary(report, &html)
        files(report, &html)
        coverage(report, &html)
        checklists(report, &html)
        findings(report, &html)
        reviewRecord(report, &html)
        unreadable(report, &html)
        signOff(report, &html)
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
            html.path(file.path)
            html.raw("</code></td><td>")
            html.text(file.format)
            html.raw("</td><td>")
            html.text(Self.sectors(file, report))
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
        html.raw("<p class=\"legend\">每項活動元素於整個活動只檢核一次，依據可來自任一檔案：✔ 文案中可見依據；✘ 未完成；？ 無法由文案判斷，須由審閱者確認。</p>\n")
        for list in report.checklists {
            let open = list.openItems.count, uncertain = list.uncertainItems.count
            let state = open > 0 ? "open" : uncertain > 0 ? "uncertain" : "complete"
            html.raw("<div class=\"checklist \(state)\" data-rule=\"\(XMLText.attribute(list.ruleID.rawValue))\">\n<h3>")
            var status: [String] = []
            if open > 0 { status.append("\(open) 項未完成") }
            if uncertain > 0 { status.append("\(uncertain) 項須人工確認") }
            html.text("\(list.element)：\(status.isEmpty ? "全部完成" : status.joined(separator: "、"))")
            html.raw("</h3>\n<p class=\"where\">")
            let paths = list.paths.isEmpty ? [list.path] : list.paths
            html.text(paths.count > 1 ? "見於 \(paths.count) 個檔案：" : "見於 ")
            for (index, path) in paths.enumerated() {
                if index > 0 { html.raw("、") }
                html.raw("<code>")
                html.path(path)
                html.raw("</code>")
            }
            html.text("（首見於\(list.logicalLocation ?? "第\(list.line)行")「\(list.triggerText)」，規則 \(list.ruleID)）")
            html.raw("</p>\n<ul>\n")
            for item in list.items {
                let (mark, label) = switch item.state {
                case .met: ("✔", "met")
                case .open: ("✘", "open")
                case .cannotTell: ("？", "cannot-tell")
                }
                html.raw("<li class=\"item \(label)\"><span class=\"mark\">\(mark)</span> ")
                html.text(item.label)
                switch item.state {
                case .met:
                    if !item.evidence.isEmpty { evidence("依據：" + item.evidence.joined(separator: "；"), &html) }
                case .open:
                    evidence(item.evidence.isEmpty ? "文案中找不到此項" : "待處理：" + item.evidence.joined(separator: "；"), &html)
                case .cannotTell:
                    evidence("無法由文案判斷（adlaw 的規則未發現問題，不代表符合）；" + (item.confirm ?? "請確認：\(item.label)"), &html)
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

    private func evidence(_ text: String, _ html: inout HTMLWriter) {
        html.raw("<div class=\"evidence\">")
        html.text(text)
        html.raw("</div>")
    }

    /// What was read, what was not and why, and what no rule looks at: a reviewer signs
    /// for what adlaw checked, so the report says where its check ends.
    private func coverage(_ report: AuditReport, _ html: inout HTMLWriter) {
        html.raw("<section id=\"coverage\">\n<h2>檢查範圍</h2>\n")
        let read = report.files.filter(\.readable)
        html.raw("<h3>已檢查的檔案（\(read.count)）</h3>\n")
        if read.isEmpty {
            html.raw("<p class=\"warning\">沒有讀取到任何可檢查的檔案，本次未檢查任何文案。</p>\n")
        } else {
            html.raw("<table class=\"coverage\">\n<thead><tr><th>檔案</th><th>行業別（執行之行業規則）</th><th>判定依據</th></tr></thead>\n<tbody>\n")
            for file in read {
                html.raw("<tr><td><code>")
                html.path(file.path)
                html.raw("</code></td><td>")
                if file.sectorUnknown {
                    html.raw("<span class=\"warning\">")
                    html.text("未能判定，行業規則未執行")
                    html.raw("</span>")
                } else {
                    html.text(Self.sectors(file, report))
                }
                if file.readAsArticle > 0 {
                    html.raw("<br><span class=\"warning\">")
                    html.text(Self.articleNote(file))
                    html.raw("</span>")
                }
                html.raw("</td><td>")
                html.text(Self.sectorSourceLabel(file.sectorSource))
                html.raw("</td></tr>\n")
            }
            html.raw("</tbody>\n</table>\n")
        }
        let unchecked = report.skipped.filter { !$0.reason.isDeliberate }
        let deliberate = report.skipped.filter(\.reason.isDeliberate)
        html.raw("<h3>未檢查的檔案（\(unchecked.count + report.unreadable.count)）</h3>\n")
        if unchecked.isEmpty && report.unreadable.isEmpty {
            html.raw("<p>沒有因格式或讀取問題而略過的檔案。</p>\n")
        } else {
            html.raw("<ul class=\"skipped\">\n")
            for skipped in unchecked {
                html.raw("<li><code>")
                html.path(skipped.path)
                html.raw("</code> ")
                html.text((skipped.mediaKind.map { "\($0)：" } ?? "") + skipped.reason.label)
                html.raw("</li>\n")
            }
            for diagnostic in report.unreadable {
                html.raw("<li><code>")
                html.path(diagnostic.path)
                html.raw("</code> ")
                html.text("無法讀取")
                html.raw("</li>\n")
            }
            html.raw("</ul>\n")
        }
        if !deliberate.isEmpty {
            html.raw("<h3>依設定排除（\(deliberate.count)）</h3>\n<ul class=\"excluded\">\n")
            for skipped in deliberate {
                html.raw("<li><code>")
                html.path(skipped.path + (skipped.isFolder ? "/" : ""))
                html.raw("</code> ")
                html.text(skipped.reason.label)
                html.raw("</li>\n")
            }
            html.raw("</ul>\n")
        }
        html.raw("<h3>未檢查的內容</h3>\n<ul class=\"not-examined\">\n")
        var media: [String: Int] = [:]
        for skipped in unchecked { if let kind = skipped.mediaKind { media[kind, default: 0] += 1 } }
        let counted = media.keys.sorted().map { "\($0) \(media[$0] ?? 0) 個" }.joined(separator: "、")
        html.raw("<li>")
        html.text("圖片、影片與音訊的內容（含文件內嵌之圖片）未經檢查" + (counted.isEmpty ? "" : "；本活動中有\(counted)未檢查") + "，其中的文字、聲明與畫面須由審閱者確認。")
        html.raw("</li>\n<li>")
        html.text("adlaw 依文字判斷風險；產品實際成分、許可字號、佐證資料與活動實際執行情形，須另行查核。")
        html.raw("</li>\n")
        if report.files.contains(where: { $0.readAsArticle > 0 }) {
            html.raw("<li class=\"warning\">")
            html.text("部分檔案讀來為衛教或報導文章，其健康宣稱僅列為提示：請確認該文未用於廣告、銷售頁或導購；若為廣告，請於文件開頭宣告 kind: ad 或以 --kind ad 指定後重新檢查。")
            html.raw("</li>\n")
        }
        if report.files.contains(where: \.sectorUnknown) {
            html.raw("<li class=\"warning\">")
            html.text("部分檔案未能判定行業別：食品、化粧品、藥品等行業規則未對其執行。請於文件開頭宣告 sector 或以 --sector 指定後重新檢查。")
            html.raw("</li>\n")
        }
        html.raw("</ul>\n</section>\n")
    }

    /// The block the reviewer fills in and signs on the printed report.
    private func signOff(_ report: AuditReport, _ html: inout HTMLWriter) {
        html.raw("<section id=\"sign-off\">\n<h2>審閱簽核</h2>\n<table class=\"sign-off\">\n<tbody>\n")
        html.raw("<tr><th>審閱人</th><td></td><th>審閱日期</th><td></td></tr>\n")
        html.raw("<tr><th>審閱結論</th><td colspan=\"3\">□ 可刊登　□ 依附帶條件修改後刊登　□ 不得刊登</td></tr>\n")
        html.raw("<tr class=\"tall\"><th>附帶條件</th><td colspan=\"3\"></td></tr>\n")
        html.raw("<tr class=\"tall\"><th>簽名</th><td colspan=\"3\"></td></tr>\n")
        html.raw("</tbody>\n</table>\n<p class=\"meta\">")
        html.text("本報告之工具結論為「\(report.verdict.level.label)」；審閱人之結論以本欄為準。")
        html.raw("</p>\n</section>\n")
    }

    private func findings(_ report: AuditReport, _ html: inout HTMLWriter) {
        html.raw("<section id=\"findings\">\n<h2>全部發現（\(report.findings.count)）</h2>\n")
        if report.findings.isEmpty { html.raw("<p>沒有發現。</p>\n") }
        var currentPath: String?
        for (index, finding) in report.findings.enumerated() {
            if finding.path != currentPath {
                currentPath = finding.path
                html.raw("<h3 class=\"file\"><code>")
                html.path(finding.path)
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
            if report.known.contains(finding) {
                // A baseline records what a developer set aside: it approves nothing.
                html.raw(" <span class=\"known\">基準線既有，未經核可</span>")
            }
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
                // Printed in full: a closed <details> prints nothing.
                html.raw("<p class=\"rationale\"><strong>理由：</strong>")
                html.text(rationale)
                html.raw("</p>\n")
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
            let url = reference.url ?? "https://law.moj.gov.tw/LawClass/LawAll.aspx?pcode=\(reference.pcode)"
            if url.hasPrefix("https://") {
                html.raw(" <a class=\"law-link\" href=\"\(XMLText.attribute(url))\">")
                html.text("全國法規資料庫條文")
                html.raw("</a>")
            }
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

    /// A file's sectors by name (`食品`), and whether they were inferred.
    static func sectors(_ file: AuditFile, _ report: AuditReport) -> String {
        if file.sectorUnknown || file.sectorSource == "none" { return "未判定" }
        if file.sectors.isEmpty || file.sectors == [.none] { return "無受管制商品" }
        let names = file.sectors.map { $0 == .none ? "無受管制商品" : report.sectorNames[$0] ?? $0.rawValue }
        return names.joined(separator: "、") + (file.sectorSource == "inferred" ? "（推定）" : "")
    }

    /// What a reviewer must confirm when a file was read as an article.
    static func articleNote(_ file: AuditFile) -> String {
        "讀來為衛教或報導文章，\(file.readAsArticle) 處健康宣稱僅列為提示；請確認未用於廣告或銷售頁，否則以 kind: ad 重新檢查"
    }

    static func sectorSourceLabel(_ source: String) -> String {
        switch source {
        case "option": "命令列 --sector 指定"
        case "front-matter": "文件開頭宣告"
        case "config": "設定檔 sectors: 指定"
        case "inferred": "依文案內容推定"
        default: "未宣告，亦無法推定"
        }
    }

    /// The running header and page numbers of the printed report (CSS margin boxes). The
    /// strings are CSS-escaped: nothing in a title can end the string or the style element.
    static func pageStyle(_ report: AuditReport) -> String {
        func css(_ text: String) -> String {
            var out = ""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\\", "\"", "<", ">", "&", "'": out += "\\\(String(scalar.value, radix: 16)) "
                case _ where scalar.value < 0x20 || scalar.value == 0x7F: out += " "
                default: out.unicodeScalars.append(scalar)
                }
            }
            return "\"\(out)\""
        }
        let left = css("廣告法規審閱報告｜\(report.title)")
        let right = css("\(report.generatedAt)｜規則包 \(report.rulePackVersion ?? "未標示版本")")
        return """
        @page { size: A4; margin: 18mm 12mm 16mm;
          @top-left { content: \(left); font-size: 9pt; color: #57606a; }
          @top-right { content: \(right); font-size: 9pt; color: #57606a; }
          @bottom-center { content: "第 " counter(page) " 頁，共 " counter(pages) " 頁"; font-size: 9pt; color: #57606a; } }
        """
    }

    static func severityLabel(_ severity: Severity) -> String {
        switch severity {
        case .error: "不得刊登"
        case .warning: "須審閱"
        case .info: "提醒"
        }
    }

    static func severityMeaning(_ severity: Severity) -> String {
        switch severity {
        case .error: "法律明文禁止的詞句，或缺少法定警語"
        case .warning: "須有佐證或揭露才合法"
        case .info: "請審閱者留意"
        }
    }

    static let styles = """
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
    td.verdict-cell, th { white-space: nowrap; } code { overflow-wrap: break-word; } table.files td:first-child { min-width: 8em; }
    .chart { width: 100%; height: auto; margin: 6px 0 10px; }
    .checklist { border: 1px solid #d0d7de; border-radius: 6px; padding: 8px 12px; margin: 10px 0; page-break-inside: avoid; }
    .checklist.open { border-left: 6px solid #d68910; } .checklist.complete { border-left: 6px solid #1e8449; }
    .checklist.uncertain { border-left: 6px solid #7d3c98; }
    .checklist ul { list-style: none; padding-left: 0; } .item { margin: 4px 0; } .item.met .mark { color: #1e8449; } .item.open .mark { color: #c0392b; }
    .item.cannot-tell .mark { color: #7d3c98; font-weight: bold; } .legend { color: #57606a; font-size: 12px; }
    .warning { color: #8d5a00; } .rationale { margin: 4px 0; font-size: 13px; }
    table.sign-off th { width: 7em; } table.sign-off td { height: 2.2em; } table.sign-off tr.tall td { height: 4.5em; }
    #sign-off { page-break-inside: avoid; }
    .evidence, .figures { color: #57606a; font-size: 12px; margin-left: 1.6em; } .where { color: #57606a; margin: 0; }
    .finding { border: 1px solid #d0d7de; border-left: 6px solid; border-radius: 6px; padding: 8px 12px; margin: 10px 0; page-break-inside: avoid; }
    .finding.sev-error { border-left-color: #c0392b; } .finding.sev-warning { border-left-color: #d68910; } .finding.sev-info { border-left-color: #2471a3; }
    .finding .head { margin: 0 0 4px; } .badge { color: #fff; border-radius: 3px; padding: 1px 6px; font-size: 12px; }
    .sev-error .badge { background: #c0392b; } .sev-warning .badge { background: #d68910; } .sev-info .badge { background: #2471a3; }
    .known { border: 1px solid #d68910; color: #8d5a00; border-radius: 3px; padding: 0 4px; font-size: 12px; }
    .loc { color: #57606a; } blockquote.sentence { margin: 4px 0; padding: 6px 10px; background: #f6f8fa; border-radius: 4px; }
    mark { background: #ffe08a; padding: 0 1px; } .message { margin: 4px 0; font-weight: 600; }
    ul.law { margin: 4px 0; padding-left: 1.2em; color: #1d2327; } .pcode { color: #57606a; font-size: 12px; }
    .penalty { display: block; color: #7b241c; font-size: 12px; } .suggestion { background: #eef6ee; padding: 4px 8px; border-radius: 4px; margin: 4px 0; }
    .note { background: #fdf6e3; padding: 4px 8px; border-radius: 4px; margin: 4px 0; font-size: 13px; }
    details summary { cursor: pointer; color: #57606a; } footer { color: #57606a; font-size: 12px; margin-top: 28px; border-top: 1px solid #d0d7de; }
    @media print { body { padding: 0; max-width: none; font-size: 12px; }
      h2 { page-break-after: avoid; } a { color: inherit; text-decoration: none; }
      a.law-link::after { content: "：" attr(href); overflow-wrap: anywhere; font-size: 11px; color: #57606a; } }
    """
}

/// HTML text with escaping applied to everything that is not markup.
struct HTMLWriter {
    private(set) var output = ""

    mutating func raw(_ markup: String) { output += markup }
    mutating func text(_ text: String) { output += XMLText.content(text) }
    mutating func element(_ name: String, _ text: String) { output += "<\(name)>\(XMLText.content(text))</\(name)>" }
    /// A path that wraps only after a `/` (never mid-name) when it does not fit.
    mutating func path(_ path: String) {
        output += path.split(separator: "/", omittingEmptySubsequences: false).map { XMLText.content(String($0)) }.joined(separator: "/<wbr />")
    }
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
