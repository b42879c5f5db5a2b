#!/usr/bin/env python3
"""Writes the inputs of the memory-budget measurement (docs/robustness.md, "Memory budget")
into the current folder: one.txt (one line: the base), plain8.txt and dense2/dense8.txt (copy, 8 and 2 MB), cells.csv
(199,000 one-character fields), cells.xlsx (199,000 cells), slides.pptx (one slide listed
5,000 times), large.docx (150,001 paragraphs). Run bench/memory/measure.sh after it.
"""
import os
import random
import subprocess
import sys

here = os.path.dirname(os.path.abspath(__file__))
archive = os.path.join(here, '..', '..', 'Tests', 'Fixtures', 'hostile', 'make-archive.py')
source = open(archive, encoding='utf-8').read().replace('\nmain()\n', '\n')
helpers = {}
exec(compile(source, archive, 'exec'), helpers)

line = '全台第一品牌，保證有效，最便宜，100%根治。\n'
open('one.txt', 'w', encoding='utf-8').write(line)
open('dense8.txt', 'w', encoding='utf-8').write(line * (8_000_000 // len(line.encode())))
open('dense2.txt', 'w', encoding='utf-8').write(line * (2_000_000 // len(line.encode())))
plain = '本店營業時間為上午十點至晚上九點，歡迎來店參觀選購。\n'
open('plain8.txt', 'w', encoding='utf-8').write(plain * (8_000_000 // len(plain.encode())))
open('cells.csv', 'w', encoding='utf-8').write(('好,' * 994 + '好\n') * 200)
rng = random.Random(7)
helpers['xlsx']('cells.xlsx', ['全台第一品牌'] + [f'{rng.randrange(10**6)}' for _ in range(5_000)],
                rows=[[rng.randrange(1, 5_001) for _ in range(995)] for _ in range(200)] + [[0]])
helpers['pptx']('slides.pptx', 5_000)
subprocess.run([sys.executable, archive, 'large-part', 'large.docx'], check=True)
