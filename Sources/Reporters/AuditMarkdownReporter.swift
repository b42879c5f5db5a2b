import LintCore

/// The campaign audit as Markdown (GitHub-flavoured tables), for pull requests and wikis.
public struct AuditMarkdownReporter {
    public init() {}

    public func render(_ report: AuditReport) -> String {
        var md = "# 廣告法規審閱報告：\(inline(report.title))\n\n"
        md += "產生時間 \(report.generatedAt) ・ adlaw \(report.toolVersion) ・ 規則包 \(report.rulePackVersion ?? "未標示版本")（\(report.rulesLoaded) 條規則）・ \(report.files.count) 個檔案\n\n"
        if let note = AuditHTMLReporter.lawsAsOfNote(report) { md += inline(note) + "\n\n" }
        md += "## 整體結論：\(report.verdict.level.label)\n\n"
        if let rule = report.verdict.ruleID { md += "決定規則：\(code(rule.rawValue))。" }
        md += inline(report.verdict.reason) + "\n\n"

        md += "## 摘要\n\n| 嚴重度 | 件數 |\n|---|---:|\n"
        for severity in Severity.allCases.reversed() {
            md += "| \(AuditHTMLReporter.severityLabel(severity))（\(severity.rawValue)） | \(report.count(severity)) |\n"
        }
        let rows = LawTally.rows(report)
        if !rows.isEmpty {
            md += "\n| 法規 | 條文 | 不得刊登 | 須審閱 | 提醒 |\n|---|---|---:|---:|---:|\n"
            for row in rows {
                md += "| \(cell(row.law)) | \(cell(row.articles.joined(separator: "、"))) | \(row.errors) | \(row.warnings) | \(row.infos) |\n"
            }
        }

        md += "\n## 各檔案結論\n\n| 檔案 | 結論 | 決定規則與理由 | 發現 |\n|---|---|---|---:|\n"
        for file in report.files {
            let rule = file.verdict.ruleID.map { "\(code($0.rawValue, inTable: true)) " } ?? ""
            md += "| \(code(file.path, inTable: true)) | \(file.verdict.level.label) | \(rule)\(cell(file.verdict.reason)) | \(file.findingCount) |\n"
        }

        md += coverage(report)

        md += "\n## 活動企劃檢核\n\n"
        if report.checklists.isEmpty { md += "文件中未辨識出需逐項檢核的活動元素。\n" } else {
            md += "每項活動元素於整個活動只檢核一次，依據可來自任一檔案：[x] 文案中可見依據；[ ] 未完成；[?] 無法由文案判斷，須由審閱者確認。\n\n"
        }
        for list in report.checklists {
            var status: [String] = []
            if !list.openItems.isEmpty { status.append("\(list.openItems.count) 項未完成") }
            if !list.uncertainItems.isEmpty { status.append("\(list.uncertainItems.count) 項須人工確認") }
            md += "### \(inline(list.element))：\(status.isEmpty ? "全部完成" : status.joined(separator: "、"))\n\n"
            let paths = list.paths.isEmpty ? [list.path] : list.paths
            md += "見於 \(paths.map { code($0) }.joined(separator: "、"))（首見於\(inline(list.logicalLocation ?? "第\(list.line)行"))「\(inline(list.triggerText))」，規則 \(code(list.ruleID.rawValue))）\n\n"
            for item in list.items {
                switch item.state {
                case .met:
                    md += "- [x] \(inline(item.label))"
                    if !item.evidence.isEmpty { md += "  \n  依據：\(inline(item.evidence.joined(separator: "；")))" }
                case .open:
                    md += "- [ ] \(inline(item.label))"
                    md += "  \n  " + (item.evidence.isEmpty ? "文案中找不到此項" : "待處理：\(inline(item.evidence.joined(separator: "；")))")
                case .cannotTell:
                    md += "- [?] \(inline(item.label))"
                    md += "  \n  無法由文案判斷（adlaw 的規則未發現問題，不代表符合）；\(inline(item.confirm ?? "請確認：\(item.label)"))"
                }
                if !item.figures.isEmpty { md += "  \n  文件所載：\(inline(item.figures.joined(separator: "；")))" }
                md += "\n"
            }
            md += "\n"
        }

        md += "\n## 全部發現（\(report.findings.count)）\n"
        var currentPath: String?
        for finding in report.findings {
            if finding.path != currentPath {
                currentPath = finding.path
                md += "\n### \(code(finding.path))\n"
            }
            let rule = report.rules[finding.ruleID]
            let location = finding.logicalLocation ?? "第\(finding.start.line)行第\(finding.start.column)字"
            md += "\n- **\(AuditHTMLReporter.severityLabel(finding.severity))** \(inline(location)) \(code(finding.ruleID.rawValue)) \(inline(rule?.name ?? finding.ruleName))\(report.known.contains(finding) ? "（基準線既有，未經核可）" : "")\n"
            let sentence = SentenceCut(finding.snippet)
            md += "  > \(inline(sentence.before))**\(inline(sentence.highlighted))**\(inline(sentence.after))\n\n"
            md += "  \(inline(finding.message))\n"
            for reference in finding.references {
                md += "  - 依據：\(inline(reference.citation))（\(reference.pcode)）" + (reference.penalty.map { "；罰則：\(inline($0))" } ?? "")
                    + (reference.note.map { "；註：\(inline($0))" } ?? "") + "\n"
            }
            if let suggestion = finding.suggestion { md += "  - 建議改寫：\(inline(suggestion))\n" }
            for note in finding.notes { md += "  - 前提：\(inline(note))\n" }
        }

        let record = ReviewRecord(report)
        md += "\n## 抑制、佐證與基準線（\(report.waived.count)）\n\n"
        if record.isEmpty { md += "本次執行沒有以註解抑制、以佐證資料核可或列入基準線的發現，也沒有設定中的宣稱。\n" }
        if !record.rows.isEmpty {
            md += "| 位置 | 規則 | 文字 | 處理 | 理由或佐證 |\n|---|---|---|---|---|\n"
            for row in record.rows {
                md += "| \(code(row.location, inTable: true)) | \(code(row.rule, inTable: true)) | \(cell(row.text)) | \(row.label) | \(cell(row.detail)) |\n"
            }
        }
        if !record.directives.isEmpty {
            md += "\n### 抑制指令\n\n" + record.directives.map { "- \(inline($0))\n" }.joined()
        }
        if !record.claims.isEmpty {
            md += "\n### 設定中的佐證宣稱\n\n" + record.claims.map { "- \(inline($0))\n" }.joined()
        }
        md += "\n## 無法讀取的檔案（\(report.unreadable.count)）\n\n"
        if report.unreadable.isEmpty { md += "所有檔案均已讀取並檢查。\n" }
        for diagnostic in report.unreadable { md += "- \(code(diagnostic.path)) \(inline(diagnostic.message))\n" }
        return md
    }

    /// What was read, what was not and why, and what no rule looks at.
    private func coverage(_ report: AuditReport) -> String {
        var md = "\n## 檢查範圍\n\n"
        let read = report.files.filter(\.readable)
        md += "已檢查 \(read.count) 個檔案。\n\n"
        if !read.isEmpty {
            md += "| 檔案 | 行業別（執行之行業規則） | 判定依據 |\n|---|---|---|\n"
            for file in read {
                var sectors = file.sectorUnknown ? "未能判定，行業規則未執行" : AuditHTMLReporter.sectors(file, report)
                if file.readAsArticle > 0 { sectors += "；" + AuditHTMLReporter.articleNote(file) }
                md += "| \(code(file.path, inTable: true)) | \(cell(sectors)) | \(AuditHTMLReporter.sectorSourceLabel(file.sectorSource)) |\n"
            }
            md += "\n"
        }
        let unchecked = report.skipped.filter { !$0.reason.isDeliberate }
        md += "未檢查的檔案：\(unchecked.count + report.unreadable.count) 個。\n\n"
        for skipped in unchecked { md += "- \(code(skipped.path)) \(inline((skipped.mediaKind.map { "\($0)：" } ?? "") + skipped.reason.label))\n" }
        for diagnostic in report.unreadable { md += "- \(code(diagnostic.path)) 無法讀取\n" }
        let deliberate = report.skipped.filter(\.reason.isDeliberate)
        if !deliberate.isEmpty {
            md += "\n依設定排除：\n\n"
            for skipped in deliberate { md += "- \(code(skipped.path + (skipped.isFolder ? "/" : ""))) \(inline(skipped.reason.label))\n" }
        }
        md += "\n圖片、影片與音訊的內容（含文件內嵌之圖片）未經檢查，其中的文字、聲明與畫面須由審閱者確認。\n"
        return md
    }

    /// Text on one line with Markdown and HTML syntax neutralised, control characters shown.
    private func inline(_ text: String) -> String {
        var out = ""
        for ch in text {
            switch ch {
            case "\n", "\r", "\r\n": out += " "
            case "\\", "`", "*", "_", "[", "]", "<", ">", "#", "|", "~", "&": out += "\\\(ch)"
            default: out.append(ch)
            }
        }
        return VisibleText.escaped(out)
    }

    /// `text` (a file name, rule id, location) as a code span nothing in it can end: the
    /// fence is one backtick longer than the longest run of backticks inside (backslashes
    /// escape nothing in a code span, so a file name holding `` ` `` broke out of it and
    /// its raw HTML landed in the report). In a table, `|` is escaped, as GFM reads it there.
    private func code(_ text: String, inTable: Bool = false) -> String {
        var content = VisibleText.escaped(text)
        if inTable { content = content.replacingOccurrences(of: "|", with: "\\|") }
        var longest = 0, run = 0
        for ch in content {
            run = ch == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        let padded = content.hasPrefix("`") || content.hasSuffix("`") || content.hasPrefix(" ") || content.isEmpty ? " \(content) " : content
        return fence + padded + fence
    }

    private func cell(_ text: String) -> String { inline(text) }
}
