import Foundation
import Testing
import TestSupport

/// Sidecar suppressions (`<file>.adlaw`) by line, by line range and by the location adlaw
/// prints, for every input format (issue 15: line scopes never applied to files with
/// logical locations, so the README's own Word example was reported as unused).
@Suite struct SidecarSuppressionTests {
    /// One file per format: its name and, for generated ones, its contents (nil: copied
    /// from `Corpus/formats`).
    static let formats: [(name: String, text: String?)] = [
        ("copy.txt", "---\nsector: food\n---\n第一行\n每天一杯，預防感冒。\n"),
        ("copy.md", "---\nsector: food\n---\n# 標題\n\n每天一杯，**預防感冒**。\n"),
        ("copy.html", "<!DOCTYPE html>\n<html><body>\n<p>新品</p>\n<p>每天一杯，預防感冒。</p>\n</body></html>\n"),
        ("copy.tsv", "平台\t內文\n臉書\t益生菌膠囊，每天兩顆，預防感冒。\n"),
        ("copy-sheet.csv", nil), ("app-strings.json", nil), ("campaign-plan.docx", nil),
        ("pitch-deck.pptx", nil), ("copy-sheet.xlsx", nil), ("flyer.pdf", nil),
    ]

    struct Located {
        var rule: String
        var line: Int
        var column: Int
        var logical: String?
    }

    @Test(arguments: formats.map(\.name))
    func sidecarScopesApply(to name: String) throws {
        let folder = TestSupport.temporaryFolder()
        defer { TestSupport.remove(folder) }
        let format = Self.formats.first { $0.name == name }!
        let file = folder.appendingPathComponent(name)
        if let text = format.text {
            try Data(text.utf8).write(to: file)
        } else {
            try FileManager.default.copyItem(at: URL(fileURLWithPath: TestSupport.corpusFolder).appendingPathComponent("formats/\(name)"), to: file)
        }
        let sector = name.hasSuffix(".pptx") ? "cosmetics" : "food"
        let plain = try findings(in: name, sector: sector, folder: folder)
        let target = try #require(plain.findings.first, "no finding in \(name)")
        #expect(plain.suppressed.isEmpty)

        var forms = ["\(target.line)", "\(max(1, target.line - 1))-\(target.line + 1)",
                     "\(name):\(target.line):\(target.column)" + (target.logical.map { " (\($0))" } ?? "")]
        if let logical = target.logical { forms.append(logical) } else { forms.append("\(target.line):\(target.column)") }
        for form in forms {
            try Data("# 法務核可\nadlaw-disable \(target.rule) @ \(form) -- 核准字號 A00000\n".utf8)
                .write(to: folder.appendingPathComponent(name + ".adlaw"))
            let run = try findings(in: name, sector: sector, folder: folder)
            #expect(run.suppressed.contains { $0.rule == target.rule && $0.line == target.line }, "\(name) @ \(form) did not apply")
            #expect(!run.findings.contains { $0.rule == target.rule && $0.line == target.line && $0.column == target.column },
                    "\(name) @ \(form): the finding is still open")
            #expect(!run.findings.contains { $0.rule.hasPrefix("adlaw.suppression") }, "\(name) @ \(form): \(run.findings.map(\.rule))")
        }
        // A scope elsewhere still leaves the finding open, and is reported as unused.
        try Data("adlaw-disable \(target.rule) @ \(target.line + 40) -- 核准字號 A00000\n".utf8)
            .write(to: folder.appendingPathComponent(name + ".adlaw"))
        let elsewhere = try findings(in: name, sector: sector, folder: folder)
        #expect(elsewhere.findings.contains { $0.rule == target.rule && $0.line == target.line })
        #expect(elsewhere.findings.contains { $0.rule == "adlaw.suppression-unused" })
    }

    private func findings(in name: String, sector: String, folder: URL) throws -> (findings: [Located], suppressed: [Located]) {
        let out = try CLI.run(["check", "--format", "json", "--sector", sector, name], directory: folder)
        #expect(out.status != 2, "\(out.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
        func located(_ key: String) -> [Located] {
            ((object[key] as? [[String: Any]]) ?? []).map { item in
                let location = item["location"] as? [String: Any]
                let kind = location?["kind"] as? String
                return Located(rule: item["ruleId"] as? String ?? "", line: item["line"] as? Int ?? 0, column: item["column"] as? Int ?? 0,
                               logical: kind == "text" ? nil : location?["description"] as? String)
            }
        }
        return (located("findings"), located("suppressed"))
    }
}
