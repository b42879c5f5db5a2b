import LintCore

/// Finding counts per law, for the summary table and chart.
struct LawTally {
    var law: String
    var articles: [String]
    var errors = 0
    var warnings = 0
    var infos = 0

    var total: Int { errors + warnings + infos }

    /// One row per law cited by a finding (its first citation), most findings first.
    static func rows(_ report: AuditReport) -> [LawTally] {
        var byLaw: [String: LawTally] = [:]
        for finding in report.findings {
            guard let reference = finding.references.first else { continue }
            var row = byLaw[reference.law] ?? LawTally(law: reference.law, articles: [])
            if !row.articles.contains(reference.article) { row.articles.append(reference.article) }
            switch finding.severity {
            case .error: row.errors += 1
            case .warning: row.warnings += 1
            case .info: row.infos += 1
            }
            byLaw[reference.law] = row
        }
        return byLaw.values.sorted { $0.total != $1.total ? $0.total > $1.total : $0.law < $1.law }
    }
}

/// A horizontal stacked bar chart drawn as inline SVG (no script, no external file).
enum BarChart {
    static let colors: [(Severity, String)] = [(.error, "#c0392b"), (.warning, "#d68910"), (.info, "#2471a3")]

    static func svg(_ rows: [LawTally]) -> String {
        let shown = Array(rows.prefix(12))
        let labelWidth = 300, barWidth = 520, rowHeight = 26, top = 8
        let height = top * 2 + shown.count * rowHeight + 24
        let maxTotal = max(1, shown.map(\.total).max() ?? 1)
        var svg = "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(labelWidth + barWidth + 60) \(height)\" role=\"img\" aria-label=\"依法規統計之發現件數\">\n"
        for (index, row) in shown.enumerated() {
            let y = top + index * rowHeight
            let label = row.law.count > 20 ? String(row.law.prefix(19)) + "…" : row.law
            svg += "<text x=\"\(labelWidth - 8)\" y=\"\(y + 17)\" text-anchor=\"end\" font-size=\"13\">\(XMLText.content(label))</text>\n"
            var x = labelWidth
            for (severity, color) in colors {
                let count = severity == .error ? row.errors : severity == .warning ? row.warnings : row.infos
                guard count > 0 else { continue }
                let width = max(2, count * barWidth / maxTotal)
                svg += "<rect x=\"\(x)\" y=\"\(y + 4)\" width=\"\(width)\" height=\"\(rowHeight - 8)\" fill=\"\(color)\"><title>\(XMLText.content(row.law))：\(AuditHTMLReporter.severityLabel(severity)) \(count)</title></rect>\n"
                x += width
            }
            svg += "<text x=\"\(x + 6)\" y=\"\(y + 17)\" font-size=\"12\" fill=\"#57606a\">\(row.total)</text>\n"
        }
        var legendX = labelWidth
        let legendY = top + shown.count * rowHeight + 16
        for (severity, color) in colors {
            svg += "<rect x=\"\(legendX)\" y=\"\(legendY - 10)\" width=\"12\" height=\"12\" fill=\"\(color)\" />"
            svg += "<text x=\"\(legendX + 16)\" y=\"\(legendY)\" font-size=\"12\">\(AuditHTMLReporter.severityLabel(severity))</text>\n"
            legendX += 100
        }
        svg += "</svg>\n"
        return svg
    }
}
