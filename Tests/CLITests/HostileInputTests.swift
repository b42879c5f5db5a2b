import Foundation
import Testing
import TestSupport

/// A folder of hostile files beside a normal one: each hostile file gets its own error on
/// standard error, the normal file is still checked, and the run ends with exit code 2.
@Suite struct HostileInputTests {
    static let maker = #"""
    import sys, zipfile, io
    root = sys.argv[1]
    rels = '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    def docx(name, document, method=zipfile.ZIP_DEFLATED):
        with zipfile.ZipFile(f"{root}/{name}", "w", method) as z:
            z.writestr("_rels/.rels", rels)
            z.writestr("word/document.xml", document)
    docx("bomb.docx", b"\0" * (16 << 20))
    docx("xxe.docx", f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><w:document {w}><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>')
    docx("deep.docx", f'<w:document {w}><w:body>' + "<w:sdt>" * 5000 + "</w:sdt>" * 5000 + "</w:body></w:document>", zipfile.ZIP_STORED)
    docx("whole.docx", f'<w:document {w}><w:body><w:p><w:r><w:t>保證有效</w:t></w:r></w:p></w:body></w:document>')
    data = open(f"{root}/whole.docx", "rb").read()
    open(f"{root}/truncated.pptx", "wb").write(data[: len(data) // 2])
    open(f"{root}/wrong.xlsx", "w").write("這是文字檔，不是試算表")
    open(f"{root}/deep.html", "w").write("<div>" * 5000 + "保證" )
    open(f"{root}/deep.json", "w").write("[" * 5000 + "]" * 5000)
    open(f"{root}/zip.md", "wb").write(data)
    """#

    @Test func eachHostileFileGetsItsErrorAndTheRunGoesOn() throws {
        let folder = CLIRunner.temporaryFolder("adlaw-hostile")
        defer { CLIRunner.remove(folder) }
        try CLIRunner.write(["good.md": "---\nsector: food\n---\n每天一杯，預防感冒。\n"], in: folder)
        let made = try CLIRunner.run("python3", ["-c", Self.maker, folder.path], in: folder)
        #expect(made.status == 0, "\(made.stderr)")
        let out = try CLIRunner.adlaw(["check", "--format", "line", "."], in: folder)
        #expect(out.status == 2, "stderr: \(out.stderr)")
        #expect(out.stdout.contains("good.md:4:6:error:food.medical-efficacy"))
        let expected = [
            "bomb.docx: error: the file exceeds a safety limit: part word/document.xml is compressed more than 200:1",
            "xxe.docx: error: the file is malformed: part word/document.xml declares a DOCTYPE or ENTITY",
            "deep.docx: error: the file exceeds a safety limit: XML elements nested more than 1000 deep",
            "truncated.pptx: error: the file is malformed: not a readable ZIP archive",
            "wrong.xlsx: error: unsupported format: the file is not a valid .xlsx file",
            "deep.html: error: the file exceeds a safety limit: HTML elements nested more than 1000 deep",
            "deep.json: error: the file exceeds a safety limit: JSON nested more than 1000 deep",
            "zip.md: error: unsupported format: the file is a ZIP archive",
        ]
        for line in expected {
            #expect(out.stderr.contains(line), "missing: \(line)\nstderr: \(out.stderr)")
        }
        // whole.docx is sound: read, and its text is checked (no finding without a sector).
        #expect(!out.stderr.contains("whole.docx: error"))
    }
}
