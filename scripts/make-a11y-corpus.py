#!/usr/bin/env python3
"""Writes the Word, PowerPoint and PDF documents of Corpus/accessibility (run once; the
files are committed). Each gets a sidecar `<file>.expect` by hand.

Needs python-docx and python-pptx (pip install python-docx python-pptx), and LibreOffice
(soffice) with a CJK font for the PDFs, which are Word files it exports: one without tags,
one with (UseTaggedPDF). The copy is the project's own writing; the pictures are 1x1 PNGs
made here.
"""
import base64
import io
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import docx
import pptx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from pptx.dml.color import RGBColor as PptRGB
from pptx.util import Inches
from pptx.util import Pt as PptPt

out = Path(sys.argv[1] if len(sys.argv) > 1 else "Corpus/accessibility")
out.mkdir(parents=True, exist_ok=True)

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")


def picture():
    return io.BytesIO(PNG)


def describe_word(shape, text):
    """Sets (or clears) the description of a Word inline picture."""
    doc_pr = shape._inline.docPr
    if text is None:
        doc_pr.attrib.pop("descr", None)
    else:
        doc_pr.set("descr", text)


def word_link(paragraph, url, text):
    """Appends a hyperlink run (python-docx has no API for one)."""
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True))
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = text
    run.append(t)
    link.append(run)
    paragraph._p.append(link)


# A Word flyer for an anniversary sale: a picture without a description, one whose
# description is a file name, one described; a skipped heading level; a price table
# without a header row and one with a repeated header row.
d = docx.Document()
d.core_properties.author = "adlaw"
d.add_heading("晨光書店 週年慶", level=1)
d.add_paragraph("全店書籍九折，會員再享點數加倍；活動期間十一月一日至十一月十日。")
describe_word(d.add_picture(picture(), width=Pt(200)), None)
describe_word(d.add_picture(picture(), width=Pt(200)), "DSC_0457.JPG")
describe_word(d.add_picture(picture(), width=Pt(200)), "書店門口的週年慶布條，寫著全店九折")
d.add_heading("活動辦法", level=3)
p = d.add_paragraph("單筆消費滿五百元即可參加抽獎，得獎名單於官網公布；抽獎辦法請")
word_link(p, "https://example.com/rules", "點此")
p = d.add_paragraph("完整書單請見")
word_link(p, "https://example.com/list", "週年慶折扣書單")
# Fine print in light grey on the white page (2.3:1), and the same in dark grey (7:1).
run = d.add_paragraph().add_run("本活動保留修改及終止之權利，詳見門市公告。")
run.font.size = Pt(9)
run.font.color.rgb = RGBColor(0xAA, 0xAA, 0xAA)
run = d.add_paragraph().add_run("會員點數於活動結束後七日內入帳。")
run.font.size = Pt(9)
run.font.color.rgb = RGBColor(0x59, 0x59, 0x59)
table = d.add_table(rows=3, cols=2)
for row, (a, b) in enumerate([("書種", "折扣"), ("文學小說", "九折"), ("童書繪本", "八五折")]):
    table.cell(row, 0).text = a
    table.cell(row, 1).text = b
d.add_heading("會員方案", level=2)
table = d.add_table(rows=3, cols=2)
for row, (a, b) in enumerate([("方案", "年費"), ("一般會員", "免費"), ("黃金會員", "三百元")]):
    table.cell(row, 0).text = a
    table.cell(row, 1).text = b
header = table.rows[0]._tr.get_or_add_trPr()
header.append(header.makeelement(qn("w:tblHeader"), {}))
d.save(out / "bookstore-flyer.docx")

# A PowerPoint sales deck: small print on slide 1, pictures on slide 2, a price table
# without a header row on slide 3.
deck = pptx.Presentation()
slide = deck.slides.add_slide(deck.slide_layouts[1])
slide.shapes.title.text = "冬季課程招生說明"
body = slide.placeholders[1].text_frame
body.text = "每週六上午開課，共十二堂"
body.paragraphs[0].runs[0].font.size = PptPt(24)
para = body.add_paragraph()
run = para.add_run()
run.text = "課程內容依講師安排得調整，已繳費用不予退還部分請見簡章"
run.font.size = PptPt(11)
para = body.add_paragraph()
run = para.add_run()
run.text = "報名請"
run.font.size = PptPt(24)
run = para.add_run()
run.text = "按這裡"
run.font.size = PptPt(24)
run.hyperlink.address = "https://example.com/signup"
slide = deck.slides.add_slide(deck.slide_layouts[5])
slide.shapes.title.text = "教室環境"
# python-pptx writes the file name as the description; the first picture gets none at all.
pic = slide.shapes.add_picture(picture(), Inches(1), Inches(2), Inches(3), Inches(2))
pic._element.nvPicPr.cNvPr.attrib.pop("descr", None)
pic = slide.shapes.add_picture(picture(), Inches(5), Inches(2), Inches(3), Inches(2))
pic._element.nvPicPr.cNvPr.set("descr", "明亮的教室裡，十張書桌面向白板")
pic = slide.shapes.add_picture(picture(), Inches(1), Inches(4.5), Inches(2), Inches(1))
pic._element.nvPicPr.cNvPr.set("descr", "圖片")
slide = deck.slides.add_slide(deck.slide_layouts[5])
slide.shapes.title.text = "學費"
shape = slide.shapes.add_table(3, 2, Inches(1), Inches(2), Inches(6), Inches(2))
shape.table.first_row = False
for row, (a, b) in enumerate([("方案", "學費"), ("單堂", "六百元"), ("整期", "六千元")]):
    shape.table.cell(row, 0).text = a
    shape.table.cell(row, 1).text = b
for cell in (shape.table.cell(r, c) for r in range(3) for c in range(2)):
    for paragraph in cell.text_frame.paragraphs:
        for r in paragraph.runs:
            r.font.size = PptPt(20)
# Slide 4 is one picture: the schedule as an image, with no text on the slide.
slide = deck.slides.add_slide(deck.slide_layouts[6])
pic = slide.shapes.add_picture(picture(), Inches(0.5), Inches(0.5), Inches(9), Inches(6.5))
pic._element.nvPicPr.cNvPr.set("descr", "冬季課程時間表：每週六上午九點至十二點，共十二堂")
# Slide 5: a white text box with the terms in light grey (2.6:1) and a line in dark grey.
slide = deck.slides.add_slide(deck.slide_layouts[6])
box = slide.shapes.add_textbox(Inches(1), Inches(1), Inches(8), Inches(2))
box.fill.solid()
box.fill.fore_color.rgb = PptRGB(0xFF, 0xFF, 0xFF)
frame = box.text_frame
frame.text = "早鳥優惠不得與其他優惠併用"
frame.paragraphs[0].runs[0].font.size = PptPt(20)
frame.paragraphs[0].runs[0].font.color.rgb = PptRGB(0xA0, 0xA0, 0xA0)
para = frame.add_paragraph()
run = para.add_run()
run.text = "洽詢專線請見簡章背面"
run.font.size = PptPt(20)
run.font.color.rgb = PptRGB(0x33, 0x33, 0x33)
deck.save(out / "course-deck.pptx")

# A Word EDM made of sliced pictures: three described pictures and a line of text.
d = docx.Document()
d.core_properties.author = "adlaw"
for description in ["春季保養節，全館滿千折百", "精華液兩入組合價一千二百元", "活動至四月三十日止"]:
    describe_word(d.add_picture(picture(), width=Pt(400)), description)
d.add_paragraph("門市地址請見官網。")
d.save(out / "spring-edm.docx")

# PDFs, exported by LibreOffice from a Word notice: page 1 is text, page 2 only a picture (the
# venue map as a scan). Once without tags, once with.
d = docx.Document()
d.core_properties.author = "adlaw"
d.add_heading("社區藝文季 報名須知", level=1)
d.add_paragraph("活動日期為五月十日至五月十二日，地點在市民活動中心；全程免費，需事先報名。")
d.add_paragraph("報名請於活動前三天完成，名額有限，額滿為止。")
d.add_page_break()
describe_word(d.add_picture(picture(), width=Pt(400)), "活動中心位置圖")
soffice = shutil.which("soffice")
if soffice is None:
    sys.exit("soffice (LibreOffice) is needed for the PDFs")
with tempfile.TemporaryDirectory() as work:
    source = Path(work) / "arts-notice.docx"
    d.save(source)
    for name, tagged in [("arts-notice.pdf", False), ("arts-notice-tagged.pdf", True)]:
        options = json.dumps({"UseTaggedPDF": {"type": "boolean", "value": str(tagged).lower()}})
        target = Path(work) / ("tagged" if tagged else "plain")
        subprocess.run([soffice, "--headless", "--convert-to", f"pdf:writer_pdf_Export:{options}", "--outdir", str(target), str(source)],
                       check=True, capture_output=True)
        shutil.copy(target / "arts-notice.pdf", out / name)
