#!/usr/bin/env python3
"""Writes the Office fixtures of Corpus/formats (run once; the files are committed).

Needs python-docx, python-pptx and openpyxl (pip install python-docx python-pptx openpyxl).
The copy is the project's own writing. Each file gets a sidecar `<file>.expect` by hand.
"""
import sys
from pathlib import Path

import docx
import openpyxl
import pptx
from docx.shared import Pt

out = Path(sys.argv[1] if len(sys.argv) > 1 else "Corpus/formats")
out.mkdir(parents=True, exist_ok=True)

# A Word campaign plan: a heading, a claim split across runs, a table, a header.
d = docx.Document()
d.core_properties.author = "adlaw"
d.sections[0].header.paragraphs[0].text = "內部文件，請勿外流"
d.add_heading("「元氣紅棗飲」冬季網購企劃", level=1)
d.add_paragraph("產品：元氣紅棗黑木耳飲（保健食品），每日一瓶，嚴選臺灣紅棗。")
p = d.add_paragraph("主打訴求：每天一杯，預")
p.add_run("防感").bold = True
p.add_run("冒，全家安心。")
d.add_paragraph("通路：官網與電商平台宅配到府，下單後三天出貨。")
d.add_paragraph("退換貨：本商品為網路限定特價品，恕不退換。")
table = d.add_table(rows=2, cols=2)
table.cell(0, 0).text = "項目"
table.cell(0, 1).text = "廣告標語"
table.cell(1, 0).text = "主視覺"
table.cell(1, 1).text = "幫助消化，使排便順暢。"
d.save(out / "campaign-plan.docx")

# A PowerPoint pitch deck: title, body, a text box, speaker notes.
deck = pptx.Presentation()
slide = deck.slides.add_slide(deck.slide_layouts[0])
slide.shapes.title.text = "煥顏精華液 上市提案"
slide.placeholders[1].text = "溫和保濕，適合敏感肌"
slide = deck.slides.add_slide(deck.slide_layouts[1])
slide.shapes.title.text = "產品主張"
body = slide.placeholders[1].text_frame
body.text = "成分：玻尿酸、積雪草萃取"
para = body.add_paragraph()
run = para.add_run()
run.text = "本產品可治"
run = para.add_run()
run.text = "療青春痘，醫師一致推薦"
box = slide.shapes.add_textbox(pptx.util.Inches(1), pptx.util.Inches(5), pptx.util.Inches(6), pptx.util.Inches(1))
box.text_frame.text = "限時優惠，買一送一"
slide.notes_slide.notes_text_frame.text = "講者備註：強調本品能消除皺紋"
deck.save(out / "pitch-deck.pptx")

# An Excel copy sheet: a header row and one row per post.
book = openpyxl.Workbook()
sheet = book.active
sheet.title = "貼文文案"
sheet.append(["平台", "商品", "內文"])
sheet.append(["臉書", "益生菌膠囊", "每天兩顆，改善便秘，保證有效"])
sheet.append(["IG", "益生菌膠囊", "調整體質，讓排便順暢"])
sheet.append(["LINE", "益生菌膠囊", "降血糖好幫手"])
sheet.append(["預算", 12000, None])
book.save(out / "copy-sheet.xlsx")

# A two-page PDF flyer (needs reportlab and the font of Debian's fonts-wqy-microhei; the PDF
# is committed, so neither is needed to run the tests).
try:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("WQY", "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", subfontIndex=0))
    flyer = canvas.Canvas(str(out / "flyer.pdf"))
    page1 = ["元氣紅棗飲（保健食品） 冬季限定", "", "嚴選臺灣紅棗，低溫熬煮。", "每天一杯，預防感", "冒，全家安心。"]
    page2 = ["購買須知", "", "本商品於官網與電商平台宅配到府。", "本商品為網路限定特價品，恕不退換。"]
    for page in (page1, page2):
        flyer.setFont("WQY", 14)  # each page starts with the default font again
        y = 780
        for line in page:
            flyer.drawString(72, y, line)
            y -= 24
        flyer.showPage()
    flyer.save()
except ImportError:
    print("reportlab is not installed: flyer.pdf not written")
