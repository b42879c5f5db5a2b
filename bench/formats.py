#!/usr/bin/env python3
"""Times extraction and checking of large files of each input format.

Usage: bench/formats.py [ADLAW_BINARY] (default .build/release/adlaw)
Writes the inputs to a temporary folder (python-docx, python-pptx, openpyxl are needed for the
Office files: pip install python-docx python-pptx openpyxl) and prints, per format, the size,
the number of segments, the best of three wall-clock times of `adlaw extract`, and one run
of `adlaw check --sector food` (which is mostly rule matching: every paragraph has two findings).
"""
import json, os, subprocess, sys, tempfile, time

binary = sys.argv[1] if len(sys.argv) > 1 else ".build/release/adlaw"
folder = tempfile.mkdtemp(prefix="adlaw-bench-")
line = "本產品嚴選臺灣紅棗，每天一杯，預防感冒，全家安心；網路限定特價，恕不退換。"
paragraphs = 20000

def write_inputs():
    files = {}
    text = "\n\n".join(f"{i}. {line}" for i in range(paragraphs))
    open(f"{folder}/big.md", "w").write("---\nsector: food\n---\n" + text)
    files["markdown"] = "big.md"
    html = "".join(f"<p>{i}. <b>{line[:10]}</b>{line[10:]}</p>\n" for i in range(paragraphs))
    open(f"{folder}/big.html", "w").write(f"<html><head><title>t</title></head><body>{html}</body></html>")
    files["html"] = "big.html"
    open(f"{folder}/big.csv", "w").write("平台,內文\n" + "".join(f'臉書,"{i}. {line}"\n' for i in range(paragraphs)))
    files["csv"] = "big.csv"
    json.dump({"posts": [{"title": str(i), "body": line} for i in range(paragraphs)]}, open(f"{folder}/big.json", "w"), ensure_ascii=False)
    files["json"] = "big.json"
    try:
        import docx, openpyxl, pptx
        d = docx.Document()
        for i in range(paragraphs):
            p = d.add_paragraph(f"{i}. {line[:12]}")
            p.add_run(line[12:20]).bold = True
            p.add_run(line[20:])
        d.save(f"{folder}/big.docx")
        files["docx"] = "big.docx"
        deck = pptx.Presentation()
        for i in range(500):
            slide = deck.slides.add_slide(deck.slide_layouts[1])
            slide.shapes.title.text = f"第{i}張"
            slide.placeholders[1].text_frame.text = line
            slide.notes_slide.notes_text_frame.text = line
        deck.save(f"{folder}/big.pptx")
        files["pptx"] = "big.pptx"
        book = openpyxl.Workbook()
        sheet = book.active
        for i in range(paragraphs):
            sheet.append(["臉書", f"{i}. {line}"])
        book.save(f"{folder}/big.xlsx")
        files["xlsx"] = "big.xlsx"
    except ImportError:
        print("python-docx/python-pptx/openpyxl missing: Office files skipped", file=sys.stderr)
    return files

def best(args, runs=3):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return min(times), result.stdout

files = write_inputs()
print(f"{'format':8} {'size':>9} {'segments':>8} {'extract s':>9} {'check s':>8} {'findings':>8}")
for fmt, name in files.items():
    path = f"{folder}/{name}"
    extract_time, out = best([binary, "extract", "--format", "json", path])
    segments = len(json.loads(out)[0]["segments"])
    check_time, out = best([binary, "check", "--sector", "food", "--format", "json", path], runs=1)
    findings = json.loads(out)["summary"]["findings"]
    print(f"{fmt:8} {os.path.getsize(path) / 1e6:7.2f}MB {segments:8d} {extract_time:9.2f} {check_time:8.2f} {findings:8d}")
