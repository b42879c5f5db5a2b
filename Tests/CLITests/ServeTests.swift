import Foundation
import Testing
import TestSupport

/// `adlaw serve` as a client sees it: the built binary on a loopback port, requests by curl.
@Suite(.serialized) struct ServeTests {
    /// A running server, stopped when the test ends.
    final class Running {
        let process: Process
        let port: Int
        let folder: URL

        init(arguments: [String] = [], environment extra: [String: String] = [:]) throws {
            folder = CLIRunner.temporaryFolder("adlaw-serve")
            var lastError = ""
            for _ in 0..<5 {
                let port = Int.random(in: 20_000..<40_000)
                let process = Process()
                process.executableURL = URL(fileURLWithPath: try CLIRunner.adlawPath())
                process.arguments = ["serve", "--port", String(port), "--no-config"] + arguments
                var environment = ProcessInfo.processInfo.environment
                environment["ADLAW_RULES_DIR"] = TestSupport.rulesFolder
                environment["ADLAW_CACHE_DIR"] = CLI.cacheFolder
                environment.merge(extra) { _, new in new }
                process.environment = environment
                process.currentDirectoryURL = folder
                let log = folder.appendingPathComponent("serve-\(port).log")
                FileManager.default.createFile(atPath: log.path, contents: nil)
                process.standardOutput = try FileHandle(forWritingTo: log)
                process.standardError = try FileHandle(forWritingTo: log)
                try process.run()
                for _ in 0..<300 {
                    if !process.isRunning { break }
                    if let health = try? Self.curl(port: port, ["-s", "http://127.0.0.1:\(port)/healthz"]), health.status == 0,
                       health.stdout.contains("\"status\":\"ok\"") {
                        self.process = process
                        self.port = port
                        return
                    }
                    Thread.sleep(forTimeInterval: 0.1)
                }
                lastError = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
                if process.isRunning { process.terminate(); process.waitUntilExit() }
            }
            throw CLIRunner.Failure.notFound("a server that starts: \(lastError)")
        }

        deinit {
            if process.isRunning { process.terminate(); process.waitUntilExit() }
            CLIRunner.remove(folder)
        }

        static func curl(port: Int, _ arguments: [String]) throws -> CLIRunner.Output {
            try CLIRunner.run("/usr/bin/env", ["curl", "--max-time", "60"] + arguments, in: FileManager.default.temporaryDirectory)
        }

        /// Status code and body of a request.
        func request(_ path: String, method: String = "GET", json: String? = nil, file: URL? = nil,
                     fileType: String = "application/octet-stream", headers: [String] = [],
                     form: [String] = []) throws -> (status: Int, body: String) {
            var arguments = ["-s", "-o", "-", "-w", "\n%{http_code}", "-X", method]
            for header in headers { arguments += ["-H", header] }
            for field in form { arguments += ["-F", field] }
            if let json { arguments += ["-H", "Content-Type: application/json", "--data-binary", json] }
            if let file { arguments += ["-H", "Content-Type: \(fileType)", "--data-binary", "@\(file.path)"] }
            arguments.append("http://127.0.0.1:\(port)\(path)")
            let output = try Self.curl(port: port, arguments)
            let lines = output.stdout.components(separatedBy: "\n")
            return (Int(lines.last ?? "") ?? 0, lines.dropLast().joined(separator: "\n"))
        }
    }

    static func object(_ text: String) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
    }

    @Test func checksTextWithTheSameReportAsTheCLI() throws {
        let server = try Running()
        let copy = "每天一杯，預防感冒。\n本商品網購限定，恕不退換。\n"
        let response = try server.request("/v1/check", method: "POST", json: #"{"text": "每天一杯，預防感冒。\n本商品網購限定，恕不退換。\n", "filename": "copy.txt", "sectors": ["food"]}"#)
        #expect(response.status == 200, "\(response.body)")
        let document = Self.object(response.body)
        let findings = document["findings"] as? [[String: Any]] ?? []
        #expect(findings.map { $0["ruleId"] as? String } == ["food.medical-efficacy", "consumer-protection.no-return"])
        let verdict = document["verdict"] as? [String: Any]
        #expect(verdict?["level"] as? String == "block" && verdict?["label"] as? String == "不得刊登")
        // The CLI on the same text gives the same findings, positions and messages.
        let cli = try CLIRunner.adlaw(["check", "--format", "json", "--sector", "food", "--stdin-filename", "copy.txt", "--no-config", "-"],
                                      in: server.folder, stdin: copy)
        let cliFindings = Self.object(cli.stdout)["findings"] as? [[String: Any]] ?? []
        for key in ["ruleId", "line", "column", "endColumn", "message", "matchedText", "fingerprint"] {
            #expect(findings.map { "\($0[key] ?? "")" } == cliFindings.map { "\($0[key] ?? "")" }, "\(key)")
        }
        let files = document["files"] as? [[String: Any]]
        #expect(files?.first?["sectorSource"] as? String == "option")
    }

    @Test func uploadsAFileOfAnyFormat() throws {
        let server = try Running()
        let page = CLIRunner.packageRoot.appendingPathComponent("Corpus/sample-campaign/product-page.md")
        let response = try server.request("/v1/check?filename=page.md", method: "POST", file: page)
        #expect(response.status == 200, "\(response.body)")
        let document = Self.object(response.body)
        #expect((document["findings"] as? [[String: Any]])?.contains { $0["ruleId"] as? String == "food.medical-efficacy" } == true)
        #expect((document["files"] as? [[String: Any]])?.first?["sectorSource"] as? String == "front-matter")
        let audit = try server.request("/v1/audit?filename=page.md&format=markdown", method: "POST", file: page)
        #expect(audit.status == 200 && audit.body.hasPrefix("# 廣告法規審閱報告"), "\(audit.body.prefix(200))")
    }

    @Test func badRequestsGetAJSONErrorAndTheServerLivesOn() throws {
        let server = try Running(arguments: ["--max-request-size", "4096"])
        let cases: [(String, String?, URL?, Int)] = [
            ("/v1/check", #"{"txt": 1}"#, nil, 400),
            ("/v1/check", "{not json", nil, 400),
            ("/v1/check", #"{"text": "x", "sectors": ["no-such-sector"]}"#, nil, 400),
            ("/v1/check", #"{"text": "x", "only": ["no-such-rule"]}"#, nil, 400),
            ("/v1/rules/no-such-rule", nil, nil, 404),
        ]
        for (path, json, file, expected) in cases {
            let response = try server.request(path, method: json == nil ? "GET" : "POST", json: json, file: file)
            #expect(response.status == expected, "\(path) \(json ?? ""): \(response.body)")
            #expect(Self.object(response.body)["error"] is String, "\(response.body)")
        }
        // Hostile uploads: too large, invalid UTF-8, a damaged .docx, a zip bomb in a .docx.
        let big = server.folder.appendingPathComponent("big.txt")
        try Data(repeating: 0x41, count: 10_000).write(to: big)
        #expect(try server.request("/v1/check?filename=big.txt", method: "POST", file: big).status == 413)
        let invalid = server.folder.appendingPathComponent("bad.txt")
        try Data([0xE6, 0x81, 0xFF, 0xFE] + Array("恕不退換".utf8)).write(to: invalid)
        let invalidResponse = try server.request("/v1/check?filename=bad.txt", method: "POST", file: invalid)
        #expect(invalidResponse.status == 422, "\(invalidResponse.body)")
        #expect((Self.object(invalidResponse.body)["error"] as? String)?.hasPrefix("bad.txt, line 1, column 1: not valid UTF-8") == true,
                "\(invalidResponse.body)")
        let invalidJSONFile = server.folder.appendingPathComponent("bad.json")
        try Data(Array(#"{"text": ""#.utf8) + [0xFF, 0xFE] + Array(#""}"#.utf8)).write(to: invalidJSONFile)
        let invalidJSON = try server.request("/v1/check", method: "POST", file: invalidJSONFile, fileType: "application/json")
        #expect(invalidJSON.status == 400 && invalidJSON.body.contains("not valid UTF-8 (byte 10)"), "\(invalidJSON.body)")
        let damaged = server.folder.appendingPathComponent("damaged.docx")
        try Data("PK\u{3}\u{4}not really a zip".utf8).write(to: damaged)
        let damagedResponse = try server.request("/v1/check?filename=damaged.docx", method: "POST", file: damaged)
        #expect(damagedResponse.status == 422, "\(damagedResponse.body)")
        #expect((Self.object(damagedResponse.body)["error"] as? String)?.contains("damaged.docx") == true)
        let bomb = try Self.zipBomb(in: server.folder)
        let bombServer = try Running()
        let bombResponse = try bombServer.request("/v1/check?filename=bomb.docx", method: "POST", file: bomb)
        #expect(bombResponse.status == 422, "\(bombResponse.body)")
        #expect(try server.request("/healthz").status == 200)
    }

    /// A .docx whose document part inflates far past the per-part limit.
    static func zipBomb(in folder: URL) throws -> URL {
        let script = """
        import sys, zipfile
        with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("[Content_Types].xml", "<Types/>")
            z.writestr("word/document.xml", "<w:document>" + "A" * (80 << 20) + "</w:document>")
        """
        let url = folder.appendingPathComponent("bomb.docx")
        let output = try CLIRunner.run("/usr/bin/env", ["python3", "-c", script, url.path], in: folder)
        #expect(output.status == 0, "\(output.stderr)")
        return url
    }

    /// Runs a Python snippet that writes test files (zip archives, Office files) into `folder`.
    static func python(_ script: String, in folder: URL) throws {
        let output = try CLIRunner.run("/usr/bin/env", ["python3", "-c", script], in: folder)
        #expect(output.status == 0, "\(output.stderr)")
    }

    /// Every entry left in a folder (the server's TMPDIR after its requests).
    static func leftovers(_ folder: URL) -> [String] {
        (FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String]) ?? []
    }

    @Test func multipartUploadsAFileWithItsOptions() throws {
        let scratch = CLIRunner.temporaryFolder("adlaw-serve-tmp")
        defer { CLIRunner.remove(scratch) }
        let server = try Running(environment: ["TMPDIR": scratch.path])
        let page = CLIRunner.packageRoot.appendingPathComponent("Corpus/sample-campaign/product-page.md")
        let response = try server.request("/v1/check", method: "POST", form: ["file=@\(page.path);filename=商品頁.md", "minSeverity=error"])
        #expect(response.status == 200, "\(response.body)")
        let document = Self.object(response.body)
        let findings = document["findings"] as? [[String: Any]] ?? []
        #expect(findings.contains { $0["ruleId"] as? String == "food.medical-efficacy" && $0["path"] as? String == "商品頁.md" }, "\(findings)")
        #expect(findings.allSatisfy { $0["severity"] as? String == "error" }, "minSeverity from a form field")
        // An Office file: read from a private temporary copy that is gone after the request.
        let docx = CLIRunner.packageRoot.appendingPathComponent("Corpus/formats/campaign-plan.docx")
        let office = try server.request("/v1/check", method: "POST", form: ["file=@\(docx.path)", "sectors=food"])
        #expect(office.status == 200, "\(office.body)")
        let officeFindings = Self.object(office.body)["findings"] as? [[String: Any]] ?? []
        #expect(!officeFindings.isEmpty && officeFindings.allSatisfy { ($0["logicalLocation"] as? String)?.contains("¶") == true })
        #expect((Self.object(office.body)["files"] as? [[String: Any]])?.first?["sectorSource"] as? String == "option")
        #expect(Self.leftovers(scratch).isEmpty, "nothing left in TMPDIR: \(Self.leftovers(scratch))")
        // A name in RFC 8187 form (filename*), as some clients send non-ASCII names.
        let body = server.folder.appendingPathComponent("form.txt")
        try Data(("--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.txt\"; filename*=UTF-8''%E6%96%87%E6%A1%88.txt\r\n"
                  + "Content-Type: text/plain\r\n\r\n本商品網購限定，恕不退換。\r\n--XyZ--\r\n").utf8).write(to: body)
        let named = try server.request("/v1/check", method: "POST", file: body, fileType: "multipart/form-data; boundary=XyZ")
        #expect(named.status == 200, "\(named.body)")
        #expect((Self.object(named.body)["files"] as? [[String: Any]])?.first?["path"] as? String == "文案.txt", "\(named.body)")
    }

    @Test func thePublisherIsAFieldOfEveryKindOfRequest() throws {
        let server = try Running()
        let page = #"<html lang=\"zh-Hant-TW\"><body><p>夏季特賣，全館滿千免運。</p><img src=\"hero.jpg\"></body></html>"#
        func imageAlt(_ body: String) -> [String: Any]? {
            (Self.object(body)["findings"] as? [[String: Any]])?.first { $0["ruleId"] as? String == "accessibility.image-alt" }
        }
        let json = try server.request("/v1/check", method: "POST", json: #"{"text": "\#(page)", "filename": "landing.html", "publisher": "government"}"#)
        #expect(json.status == 200, "\(json.body)")
        #expect(imageAlt(json.body)?["severity"] as? String == "error")
        #expect((imageAlt(json.body)?["references"] as? [[String: Any]])?.first?["law"] as? String == "身心障礙者權益保障法")
        let assumed = try server.request("/v1/check", method: "POST", json: #"{"text": "\#(page)", "filename": "landing.html"}"#)
        #expect(imageAlt(assumed.body)?["severity"] as? String == "warning")
        let file = server.folder.appendingPathComponent("landing.html")
        try Data(page.replacingOccurrences(of: "\\\"", with: "\"").utf8).write(to: file)
        let form = try server.request("/v1/check", method: "POST", form: ["file=@\(file.path)", "publisher=政府"])
        #expect(imageAlt(form.body)?["severity"] as? String == "error", "\(form.body.prefix(300))")
        let raw = try server.request("/v1/check?filename=landing.html&publisher=private", method: "POST", file: file)
        #expect(imageAlt(raw.body)?["severity"] as? String == "warning")
        for bad in [try server.request("/v1/check", method: "POST", json: #"{"text": "x", "publisher": "city hall"}"#),
                    try server.request("/v1/check", method: "POST", form: ["text=x", "publisher=city"])] {
            #expect(bad.status == 400 && bad.body.contains("publisher") && bad.body.contains("government"), "\(bad.body)")
        }
    }

    @Test func theSectorsQueryAppliesToEveryKindOfBodyAndAFieldWins() throws {
        let server = try Running()
        let copy = "每天一杯，預防感冒。"
        func sectorsUsed(_ body: String) -> [String]? {
            ((Self.object(body)["files"] as? [[String: Any]])?.first?["sectors"] as? [String])
        }
        let json = try server.request("/v1/check?sectors=cosmetics", method: "POST", json: #"{"text": "\#(copy)"}"#)
        #expect(json.status == 200 && sectorsUsed(json.body) == ["cosmetics"], "\(json.body.prefix(400))")
        let jsonField = try server.request("/v1/check?sectors=cosmetics", method: "POST", json: #"{"text": "\#(copy)", "sectors": ["food"]}"#)
        #expect(sectorsUsed(jsonField.body) == ["food"], "\(jsonField.body.prefix(400))")
        let form = try server.request("/v1/check?sectors=cosmetics", method: "POST", form: ["text=\(copy)"])
        #expect(form.status == 200 && sectorsUsed(form.body) == ["cosmetics"], "\(form.body.prefix(400))")
        let bad = try server.request("/v1/check?sectors=no-such-sector", method: "POST", json: #"{"text": "\#(copy)"}"#)
        #expect(bad.status == 400 && bad.body.contains("unknown sector"), "\(bad.body)")
    }

    @Test func auditTakesSeveralFilesAndZipArchives() throws {
        let server = try Running()
        let folder = server.folder
        try Self.python("""
        import zipfile
        open("a.txt", "w").write("本商品網購限定，恕不退換。\\n")
        with zipfile.ZipFile("campaign.zip", "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("copy/page.md", "---\\nsector: food\\n---\\n每天一杯，預防感冒。\\n")
            z.writestr("copy/a.txt", "全台最便宜！\\n")
            z.writestr("photo.jpg", "not text")
            z.writestr("../outside.txt", "恕不退換")
            z.writestr(".hidden.md", "恕不退換")
            z.writestr("__MACOSX/copy/._page.md", "x")
        """, in: folder)
        let zip = folder.appendingPathComponent("campaign.zip").path
        let text = folder.appendingPathComponent("a.txt").path
        let audit = try server.request("/v1/audit?format=markdown", method: "POST",
                                       form: ["file=@\(zip)", "file=@\(text)", "file=@\(text)", "title=春季活動"])
        #expect(audit.status == 200, "\(audit.body)")
        #expect(audit.body.hasPrefix("# 廣告法規審閱報告：春季活動"), "\(audit.body.prefix(200))")
        for name in ["`campaign.zip/copy/page.md`", "`campaign.zip/copy/a.txt`", "`a.txt`", "`a (2).txt`"] {
            #expect(audit.body.contains(name), "\(name) in the audit")
        }
        for name in ["outside.txt", "hidden", "photo.jpg", "__MACOSX"] { #expect(!audit.body.contains(name), "\(name) is not checked") }
        #expect(audit.body.contains("food.medical-efficacy") && audit.body.contains("consumer-protection.no-return"))
        // /v1/check takes one file, never an archive.
        let two = try server.request("/v1/check", method: "POST", form: ["file=@\(text)", "file=@\(text)"])
        #expect(two.status == 400 && two.body.contains("/v1/audit"), "\(two.body)")
        let archive = try server.request("/v1/check", method: "POST", form: ["file=@\(zip)"])
        #expect(archive.status == 400 && archive.body.contains("/v1/audit"), "\(archive.body)")
    }

    @Test func hostileMultipartUploadsGetAJSONError() throws {
        let scratch = CLIRunner.temporaryFolder("adlaw-serve-tmp")
        defer { CLIRunner.remove(scratch) }
        let server = try Running(arguments: ["--max-upload-files", "3"], environment: ["TMPDIR": scratch.path])
        let folder = server.folder
        try Self.python("""
        import zipfile
        rels = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
                '</Relationships>')
        laughs = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">]>'
                  '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>')
        with zipfile.ZipFile("entities.docx", "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("[Content_Types].xml", "<Types/>")
            z.writestr("_rels/.rels", rels)
            z.writestr("word/document.xml", laughs)
        with zipfile.ZipFile("bomb.zip", "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("copy.txt", "A" * (80 << 20))
        open("ok.txt", "w").write("今天天氣很好。\\n")
        open("bad.txt", "wb").write(b"\\xe6\\x81\\xff\\xfe" + "恕不退換".encode())
        """, in: folder)
        let path = { (name: String) in folder.appendingPathComponent(name).path }
        let cases: [([String], Int, String)] = [
            (["file=@\(path("entities.docx"))"], 422, "DOCTYPE or ENTITY"),
            (["file=@\(path("bad.txt"))"], 422, "bad.txt, line 1, column 1: not valid UTF-8"),
            (["file=@\(path("ok.txt"))", "sector=food"], 400, "unknown field `sector`"),
            (["sectors=food"], 400, "no file and no `text` field"),
            (["file=@\(path("ok.txt"))", "sectors=no-such-sector"], 400, "unknown sector"),
        ]
        for (form, status, message) in cases {
            let response = try server.request("/v1/check", method: "POST", form: form)
            #expect(response.status == status, "\(form): \(response.body)")
            #expect((Self.object(response.body)["error"] as? String)?.contains(message) == true, "\(form): \(response.body)")
        }
        let bomb = try server.request("/v1/audit", method: "POST", form: ["file=@\(path("bomb.zip"))"])
        #expect(bomb.status == 422 && bomb.body.contains("bomb.zip") && bomb.body.contains("zip bomb"), "\(bomb.body)")
        let many = try server.request("/v1/audit", method: "POST", form: Array(repeating: "file=@\(path("ok.txt"))", count: 4))
        #expect(many.status == 413, "\(many.body)")
        // A body cut off inside a part, and one without a boundary.
        let cut = folder.appendingPathComponent("cut.txt")
        try Data("--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\n恕不退換".utf8).write(to: cut)
        let cutResponse = try server.request("/v1/check", method: "POST", file: cut, fileType: "multipart/form-data; boundary=XyZ")
        #expect(cutResponse.status == 400 && cutResponse.body.contains("no closing boundary"), "\(cutResponse.body)")
        let noBoundary = try server.request("/v1/check", method: "POST", file: cut, fileType: "multipart/form-data")
        #expect(noBoundary.status == 400 && noBoundary.body.contains("boundary="), "\(noBoundary.body)")
        #expect(try server.request("/healthz").status == 200)
        #expect(Self.leftovers(scratch).isEmpty, "nothing left in TMPDIR: \(Self.leftovers(scratch))")
    }

    @Test func aCheckPastTheTimeLimitGets504AndTheServerGoesOn() throws {
        let server = try Running(arguments: ["--request-timeout", "0.05"])
        let copy = String(repeating: "每天一杯，預防感冒，全台最便宜，恕不退換。臨床實證，三天改善失眠。\n", count: 20_000)
        let body = server.folder.appendingPathComponent("big.json")
        let data = try JSONSerialization.data(withJSONObject: ["text": copy, "sectors": ["food"]])
        try data.write(to: body)
        let slow = try server.request("/v1/check", method: "POST", file: body, fileType: "application/json")
        #expect(slow.status == 504, "\(slow.body.prefix(300))")
        #expect((Self.object(slow.body)["error"] as? String)?.contains("--request-timeout") == true, "\(slow.body.prefix(300))")
        #expect(try server.request("/healthz").status == 200)
        let metrics = try server.request("/metrics")
        #expect(metrics.body.contains("adlaw_checks_timed_out_total 1"), "\(metrics.body)")
    }

    @Test func aTokenGuardsTheAPI() throws {
        let folder = CLIRunner.temporaryFolder("adlaw-token")
        defer { CLIRunner.remove(folder) }
        let tokenFile = folder.appendingPathComponent("token")
        try "s3cret\n".write(to: tokenFile, atomically: true, encoding: .utf8)
        let server = try Running(arguments: ["--token-file", tokenFile.path])
        #expect(try server.request("/v1/rules").status == 401)
        #expect(try server.request("/v1/rules", headers: ["Authorization: Bearer wrong"]).status == 401)
        let allowed = try server.request("/v1/rules", headers: ["Authorization: Bearer s3cret"])
        #expect(allowed.status == 200)
        #expect(((try? JSONSerialization.jsonObject(with: Data(allowed.body.utf8))) as? [Any])?.count ?? 0 > 100)
        #expect(try server.request("/healthz").status == 200)
    }

    @Test func servesThePageTheMetricsAndItsOpenAPIDocument() throws {
        let server = try Running()
        let page = try server.request("/")
        #expect(page.status == 200 && page.body.contains("lang=\"zh-Hant-TW\"") && page.body.contains("檢查"))
        #expect(!page.body.contains("http://") && !page.body.contains("https://"), "the page loads nothing from elsewhere")
        _ = try server.request("/v1/check", method: "POST", json: #"{"text": "恕不退換，網購限定"}"#)
        let metrics = try server.request("/metrics")
        #expect(metrics.status == 200)
        #expect(metrics.body.contains(#"adlaw_http_requests_total{route="/v1/check",status="200"} 1"#), "\(metrics.body)")
        #expect(metrics.body.contains("adlaw_check_duration_seconds_bucket"))
        #expect(metrics.body.contains(#"adlaw_findings_total{rule="consumer-protection.no-return"}"#))
        let served = try server.request("/openapi.yaml")
        let file = try String(contentsOf: CLIRunner.packageRoot.appendingPathComponent("schemas/openapi.yaml"), encoding: .utf8)
        #expect(served.status == 200 && served.body == file.trimmingCharacters(in: .newlines), "schemas/openapi.yaml and the served document differ")
    }

    @Test func jsonLinesBatchKeepsOrderAndReportsBadLines() throws {
        let folder = CLIRunner.temporaryFolder("adlaw-jsonl")
        defer { CLIRunner.remove(folder) }
        var records: [String] = []
        for index in 0..<300 {
            records.append(index % 3 == 0 ? #"{"id": \#(index), "text": "每天一杯，預防感冒。", "sectors": ["food"]}"#
                           : #"{"id": "r\#(index)", "text": "今天天氣很好。"}"#)
        }
        records.insert("{broken", at: 10)
        let output = try CLIRunner.adlaw(["check", "--jsonl", "-", "--no-config"], in: folder, stdin: records.joined(separator: "\n") + "\n")
        #expect(output.status == 2, "a bad line makes the exit code 2: \(output.stderr)")
        let lines = output.stdout.split(separator: "\n").map { Self.object(String($0)) }
        #expect(lines.count == 301)
        #expect(lines[10]["error"] is String)
        let ids = lines.enumerated().filter { $0.offset != 10 }.map { "\($0.element["id"] ?? "")" }
        #expect(ids == (0..<300).map { $0 % 3 == 0 ? "\($0)" : "r\($0)" })
        #expect((lines[0]["findings"] as? [[String: Any]])?.first?["ruleId"] as? String == "food.medical-efficacy")
        // No sector given and none to infer: the sector rules did not run, so never publish.
        let verdict = lines[1]["verdict"] as? [String: Any]
        #expect(verdict?["level"] as? String == "needs-review")
        #expect((verdict?["reason"] as? String)?.contains("未能判定行業別") == true)
    }
}
