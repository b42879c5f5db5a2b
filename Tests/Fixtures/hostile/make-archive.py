#!/usr/bin/env python3
"""Writes hostile Office files for the hostile-input tests (HostileInputTests.swift).

    make-archive.py KIND OUT

KIND: bomb (a 256 MiB document part that compresses to about 256 KiB), laughs (billion
laughs), laughs-utf16 (the same, UTF-16 encoded), xxe (an external entity naming
/etc/passwd), deep (elements nested 100,000 deep), truncated (the first half of a valid
file), many-entries (12,000 parts), entity-utf16 (one 220 KB entity referenced 50,000
times in a UTF-16 part: 11 GB if expanded), entity-utf16-nobom (the same without a
byte-order mark), utf7 (a part declaring UTF-7, which hides `<!DOCTYPE` from a byte scan),
large-part (a 13 MB document.xml of ordinary paragraphs), many-strings (an .xlsx with
400,000 shared strings), slide-repeated (a .pptx listing one slide 50,000 times),
dense-cells (an .xlsx of 1,000,000 tiny cells).
"""
import random
import sys
import zipfile

CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8"?>'
                 '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                 '<Default Extension="xml" ContentType="application/xml"/>'
                 '<Override PartName="/word/document.xml" '
                 'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
                 '</Types>')
RELS = ('<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        'Target="word/document.xml"/></Relationships>')
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
LAUGHS_DTD = ('<!DOCTYPE w:document [<!ENTITY lol "lol">'
              + ''.join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">' for i in range(1, 10))
              + ']>')


def document(body, prolog=''):
    return f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<w:document {W}><w:body>{body}</w:body></w:document>'


def write(out, part, compression=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(out, 'w', compression) as z:
        z.writestr('[Content_Types].xml', CONTENT_TYPES)
        z.writestr('_rels/.rels', RELS)
        if isinstance(part, (str, bytes)):
            z.writestr('word/document.xml', part)
        else:
            part(z)


def bomb(z):
    with z.open('word/document.xml', 'w', force_zip64=True) as f:
        f.write(f'<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body><w:p><w:r><w:t>'.encode())
        chunk = b'A' * (1 << 20)
        for _ in range(256):
            f.write(chunk)
        f.write(b'</w:t></w:r></w:p></w:body></w:document>')


def main():
    kind, out = sys.argv[1], sys.argv[2]
    para = '<w:p><w:r><w:t>{}</w:t></w:r></w:p>'
    if kind == 'bomb':
        write(out, bomb)
    elif kind == 'laughs':
        write(out, document(para.format('&lol9;'), LAUGHS_DTD))
    elif kind == 'laughs-utf16':
        text = document(para.format('&lol9;'), LAUGHS_DTD).replace('UTF-8', 'UTF-16')
        write(out, text.encode('utf-16'))
    elif kind == 'xxe':
        write(out, document(para.format('&xxe;'), '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'))
    elif kind == 'deep':
        write(out, document('<w:p>' + '<w:r>' * 100_000 + '<w:t>保證</w:t>' + '</w:r>' * 100_000 + '</w:p>'))
    elif kind == 'truncated':
        write(out, document(para.format('每天一杯，預防感冒。') * 2000))
        data = open(out, 'rb').read()
        open(out, 'wb').write(data[: len(data) // 2])
    elif kind == 'many-entries':
        def many(z):
            z.writestr('word/document.xml', document(para.format('本店營業時間')))
            for i in range(12_000):
                z.writestr(f'word/media/x{i}.xml', '<a/>')
        write(out, many)
    elif kind in ('entity-utf16', 'entity-utf16-nobom'):
        dtd = '<!DOCTYPE w:document [<!ENTITY a "' + 'A' * 220_000 + '">]>'
        text = document(para.format('&a;' * 50_000), dtd).replace('UTF-8', 'UTF-16')
        write(out, text.encode('utf-16' if kind == 'entity-utf16' else 'utf-16-le'))
    elif kind == 'utf7':
        text = document(para.format('全台第一品牌'), '+ADw-!DOCTYPE w:document +AFs-+ADw-!ENTITY a +ACI-AAAA+ACI-+AD4-+AF0-+AD4-')
        write(out, text.replace('UTF-8', 'UTF-7').encode('ascii', 'xmlcharrefreplace'))
    elif kind == 'large-part':
        # Numbered paragraphs with varying codes, so the part compresses like real text
        # (well under the 200:1 zip-bomb ratio).
        rng = random.Random(7)
        body = ''.join(para.format(f'第{i}項：型號{rng.randrange(10**9)}，售價{rng.randrange(10**6)}元，門市營業至晚上九點。') for i in range(150_000))
        write(out, document(body + para.format('全台第一品牌')))
    elif kind == 'many-strings':
        xlsx(out, [f'品項{i}' for i in range(400_000)] + ['全台第一品牌'], rows=[[400_000]])
    elif kind == 'slide-repeated':
        pptx(out, 50_000)
    elif kind == 'dense-cells':
        rng = random.Random(7)
        xlsx(out, ['全台第一品牌'] + [f'{rng.randrange(10**6)}' for _ in range(5_000)],
             rows=[[rng.randrange(1, 5_001) for _ in range(1_000)] for _ in range(1_000)] + [[0]])
    else:
        sys.exit(f'unknown kind {kind}')


def xlsx(out, strings, rows):
    """A workbook with one sheet; `rows` are lists of shared-string indexes."""
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
    with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>')
        z.writestr('_rels/.rels', f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr('xl/workbook.xml', f'<?xml version="1.0" encoding="UTF-8"?><workbook {ns} xmlns:r="{rel}"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr('xl/_rels/workbook.xml.rels', f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
        z.writestr('xl/sharedStrings.xml', f'<?xml version="1.0" encoding="UTF-8"?><sst {ns}>' + ''.join(f'<si><t>{t}</t></si>' for t in strings) + '</sst>')
        body = ''.join(f'<row r="{r + 1}">' + ''.join(f'<c r="{column(c)}{r + 1}" t="s"><v>{v}</v></c>' for c, v in enumerate(row)) + '</row>'
                       for r, row in enumerate(rows))
        z.writestr('xl/worksheets/sheet1.xml', f'<?xml version="1.0" encoding="UTF-8"?><worksheet {ns}><sheetData>{body}</sheetData></worksheet>')


def column(index):
    """0 -> A, 25 -> Z, 26 -> AA."""
    name = ''
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def pptx(out, repeats):
    """A presentation whose slide list names one slide `repeats` times."""
    rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
    p = 'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
    with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>')
        z.writestr('_rels/.rels', f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/officeDocument" Target="ppt/presentation.xml"/></Relationships>')
        z.writestr('ppt/presentation.xml', f'<?xml version="1.0" encoding="UTF-8"?><p:presentation {p} xmlns:r="{rel}"><p:sldIdLst>'
                   + ''.join(f'<p:sldId id="{256 + i}" r:id="rId1"/>' for i in range(repeats)) + '</p:sldIdLst></p:presentation>')
        z.writestr('ppt/_rels/presentation.xml.rels', f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/slide" Target="slides/slide1.xml"/></Relationships>')
        z.writestr('ppt/slides/slide1.xml', f'<?xml version="1.0" encoding="UTF-8"?><p:sld {p}><p:cSld><p:spTree><p:sp><p:txBody><a:p><a:r><a:t>'
                   + '本店營業時間為上午十點至晚上九點。' * 200 + '全台第一品牌</a:t></a:r></a:p></p:txBody></p:sp></p:spTree></p:cSld></p:sld>')


main()
