#!/usr/bin/env bash
# End-to-end test of `adlaw annotate` with a real client: LibreOffice (headless, from Debian)
# opens the annotated copies of the sample Word and PowerPoint files, converts them to PDF
# (with the comments in the margin) and back to .docx, and the comments must be there,
# by "adlaw", anchored on the flagged phrase.
#
#   scripts/e2e/annotate_libreoffice.sh ADLAW [OUT_DIR]
set -euo pipefail
adlaw=$(realpath "$1")
root=$(cd "$(dirname "$0")/../.." && pwd)
if [ -n "${2:-}" ]; then out=$2; else out=$(mktemp -d); trap 'rm -rf "$out"' EXIT; fi
mkdir -p "$out"

if ! command -v soffice >/dev/null 2>&1; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "annotate e2e: installing LibreOffice (writer, impress; no GUI) and a CJK font" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
    libreoffice-writer-nogui libreoffice-impress-nogui fonts-arphic-uming poppler-utils >/dev/null
fi
# A private LibreOffice profile, so that a running instance or an old profile cannot interfere.
profile="file://$out/lo-profile"
soffice() { command soffice -env:UserInstallation="$profile" --headless --norestore "$@"; }

fail() { echo "not ok - $*" >&2; exit 1; }
ok() { echo "ok  - $*"; }

cp "$root/Corpus/formats/campaign-plan.docx" "$out/plan.docx"
before=$(sha256sum "$out/plan.docx")
status=0
"$adlaw" annotate "$out/plan.docx" -o "$out/plan.reviewed.docx" --reproducible || status=$?
[ "$status" -eq 1 ] || fail "annotate exits 1 when it wrote findings (got $status)"
[ "$(sha256sum "$out/plan.docx")" = "$before" ] || fail "the original .docx was changed"
ok "annotate wrote plan.reviewed.docx and left plan.docx as it was"
if "$adlaw" annotate "$out/plan.docx" -o "$out/plan.reviewed.docx" 2>/dev/null; then fail "an existing output was replaced without --force"; fi
ok "an existing output is not replaced without --force"
# adlaw's comments are not copy: the reviewed copy has the same findings as the original.
same_before=$(cd "$out" && "$adlaw" check --format line plan.docx 2>/dev/null | sed 's/^plan\.docx//' || true)
same_after=$(cd "$out" && "$adlaw" check --format line plan.reviewed.docx 2>/dev/null | sed 's/^plan\.reviewed\.docx//' || true)
[ -n "$same_before" ] && [ "$same_before" = "$same_after" ] || fail "checking the reviewed copy gives other findings than the original"
ok "checking the reviewed copy gives the original's findings (its comments are not read as copy)"

# LibreOffice opens the copy: to PDF with the comments as PDF notes (LibreOffice 7.4 cannot
# put them in the margin), and back to .docx.
soffice --convert-to 'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}' \
  --outdir "$out" "$out/plan.reviewed.docx" >/dev/null 2>&1 || fail "LibreOffice could not convert the copy to PDF"
[ -s "$out/plan.reviewed.pdf" ] || fail "no PDF"
pdftotext -layout "$out/plan.reviewed.pdf" - 2>/dev/null | grep -q "預防感冒" || fail "the PDF does not show the document's text"
python3 - "$out/plan.reviewed.pdf" <<'PY' || fail "the PDF has no notes with the comments"
import re, sys
data = open(sys.argv[1], "rb").read()
notes = []
for m in re.finditer(rb"/Subtype /Text .*?/Contents\s*<([0-9A-Fa-f]+)>", data, re.S):
    raw = bytes.fromhex(m.group(1).decode())
    notes.append(raw.decode("utf-16-be").lstrip("\ufeff") if raw[:2] == b"\xfe\xff" else raw.decode("latin1"))
# Two claims and the plan's table, whose label row is not marked as a header row.
assert len(notes) == 3, notes
claim = next(n for n in notes if n.startswith("adlaw｜錯誤：食品宣稱醫療效能"))
# The law line as the law fact table prints it: the article, then who is fined how much.
assert re.search(r"法規：食品安全衛生管理法 第28條第2項；[^\n]*新臺幣60萬元以上500萬元以下罰鍰", claim), claim
refund = next(n for n in notes if "consumer-protection.no-return" in n)
assert "消費者保護法 第19條第1項、第5項" in refund and "建議：" in refund, refund
table = next(n for n in notes if "accessibility.table-headers" in n)
assert "依預設視為民間業者" in table, table
print("ok  - LibreOffice converted plan.reviewed.docx to PDF with", len(notes), "notes: rule, message, law, penalty, suggestion")
PY
mkdir -p "$out/roundtrip"
soffice --convert-to docx --outdir "$out/roundtrip" "$out/plan.reviewed.docx" >/dev/null 2>&1 || fail "LibreOffice could not save the copy as .docx"
python3 - "$out/roundtrip/plan.reviewed.docx" <<'PY' || fail "the comments did not survive LibreOffice"
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
comments = z.read("word/comments.xml").decode()
document = z.read("word/document.xml").decode()
authors = re.findall(r'<w:comment [^>]*w:author="([^"]*)"', comments)
assert authors and all(a == "adlaw" for a in authors), authors
assert "消費者保護法" in comments and "食品安全衛生管理法" in comments
anchored = {}
for m in re.finditer(r'<w:commentRangeStart w:id="(\d+)"/>', document):
    end = document.index(f'<w:commentRangeEnd w:id="{m.group(1)}"/>', m.end())
    anchored[m.group(1)] = "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", document[m.end():end]))
phrases = sorted(anchored.values())
assert phrases == sorted(["預防感冒", "恕不退換", "項目"]), phrases
print("ok  - LibreOffice read", len(authors), "comments by adlaw, anchored on", phrases)
PY

# PowerPoint: the deck's comments survive LibreOffice Impress.
cp "$root/Corpus/formats/pitch-deck.pptx" "$out/deck.pptx"
status=0
"$adlaw" annotate "$out/deck.pptx" -o "$out/deck.reviewed.pptx" --reproducible || status=$?
[ "$status" -eq 1 ] || fail "annotate on the deck exits 1 (got $status)"
mkdir -p "$out/roundtrip-pptx"
soffice --convert-to pptx --outdir "$out/roundtrip-pptx" "$out/deck.reviewed.pptx" >/dev/null 2>&1 || fail "LibreOffice could not open the annotated deck"
python3 - "$out/roundtrip-pptx/deck.reviewed.pptx" <<'PY' || fail "the slide comments did not survive LibreOffice"
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
names = [n for n in z.namelist() if n.startswith("ppt/comments/")]
text = "".join(z.read(n).decode() for n in names)
assert "治療青春痘" in text and "消除皺紋" in text and "化粧品衛生安全管理法" in text, text[:300]
assert "adlaw" in z.read("ppt/commentAuthors.xml").decode()
print("ok  - LibreOffice Impress read the slide comments by adlaw from", len(names), "part(s)")
PY
echo "annotate e2e: all checks passed ($out)"
