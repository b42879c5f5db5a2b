#!/usr/bin/env python3
"""Writes hostile Office files for the hostile-input tests (HostileInputTests.swift).

    make-archive.py KIND OUT

KIND: bomb (a 256 MiB document part that compresses to about 256 KiB), laughs (billion
laughs), laughs-utf16 (the same, UTF-16 encoded), xxe (an external entity naming
/etc/passwd), deep (elements nested 100,000 deep), truncated (the first half of a valid
file), many-entries (12,000 parts).
"""
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
    else:
        sys.exit(f'unknown kind {kind}')


main()
