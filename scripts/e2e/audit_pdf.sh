#!/usr/bin/env bash
# The printed audit report, as a legal reviewer prints it: `adlaw audit --html`, printed to an
# A4 PDF by headless Chromium, read back with pdftotext. The printed copy must keep every
# rationale, suggestion and law link, carry page numbers and a running header (campaign,
# date, rule-pack version), say what was not checked, end with a sign-off block, and hold no
# English verdict words. Installs Chromium, a CJK font and poppler-utils from Debian.
#
#   scripts/e2e/audit_pdf.sh ADLAW WORK_FOLDER
set -euo pipefail
adlaw=$1
work=$2
mkdir -p "$work/campaign"

missing=()
for package in chromium fonts-noto-cjk poppler-utils; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# A campaign: a food post with a forbidden claim, a sweepstakes plan, and a banner image.
printf -- '---\nsector: food\n---\n# 元氣飲上市\n每天一杯，預防感冒。\n' >"$work/campaign/post.md"
printf -- '---\nsector: none\n---\n# 春季抽獎企劃\n週年慶抽獎，首獎價值3萬元。\n活動期間：3月1日至3月31日。\n' >"$work/campaign/plan.md"
printf 'PNG' >"$work/campaign/banner.png"

status=0
(cd "$work" && "$adlaw" audit campaign --html audit.html --title "春季新品活動" --date "2026-12-06 10:00（臺北時間）" >summary.txt) || status=$?
if [ "$status" -ne 1 ]; then
  echo "audit_pdf: adlaw audit exited $status, expected 1 (block)" >&2
  cat "$work/summary.txt" >&2
  exit 1
fi

chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
  --print-to-pdf="$work/audit.pdf" "file://$work/audit.html" 2>/dev/null
pdftotext -layout "$work/audit.pdf" "$work/audit.txt"
# Lines wrap anywhere in print: compare without white space.
tr -d ' \t\n\f\r' <"$work/audit.txt" >"$work/flat.txt"

failed=0
expect() {
  local flat
  flat=$(printf '%s' "$1" | tr -d ' \t\n')
  if ! grep -qF -- "$flat" "$work/flat.txt"; then
    echo "audit_pdf: the printed report lacks: $1" >&2
    failed=1
  fi
}
# The rationale (a closed <details> printed nothing), the suggestion and the law link.
expect "認定準則第5條將「預防、改善、減輕、診斷或治療疾病"
expect "建議改寫："
expect "https://law.moj.gov.tw/LawClass/LawSingle.aspx?pcode=L0040001&flno=28"
# Running header and page numbers on every page.
pages=$(pdfinfo "$work/audit.pdf" | awk '/^Pages:/ {print $2}')
expect "廣告法規審閱報告｜春季新品活動"
expect "2026-12-06 10:00（臺北時間）｜規則包"
for page in $(seq 1 "$pages"); do expect "第 $page 頁，共 $pages 頁"; done
header_count=$(grep -oF "廣告法規審閱報告｜春季新品活動" "$work/flat.txt" | wc -l)
if [ "$header_count" -lt "$pages" ]; then
  echo "audit_pdf: the running header is on $header_count of $pages pages" >&2
  failed=1
fi
# What was not checked, sectors per file, and the sign-off block.
expect "檢查範圍"
expect "campaign/banner.png圖片：adlaw不讀取的格式，未經檢查"
expect "campaign/post.md食品文件開頭宣告"
expect "campaign/plan.md無受管制商品文件開頭宣告"
expect "圖片、影片與音訊的內容（含文件內嵌之圖片）未經檢查"
expect "審閱簽核"
expect "審閱人"
expect "□可刊登□依附帶條件修改後刊登□不得刊登"
expect "附帶條件"
# Checklist items in three states.
expect "？全年贈獎總額符合上限（辦法第5條）"
expect "✔最大獎項價值不超過新臺幣500萬元（辦法第6條）"
# No English verdict or severity words in the zh-TW report.
if grep -qiwE 'publish|needs-review|block|error|warning|info|findings?' "$work/audit.txt"; then
  echo "audit_pdf: English in the printed report:" >&2
  grep -niwE 'publish|needs-review|block|error|warning|info|findings?' "$work/audit.txt" >&2
  failed=1
fi
if [ "$failed" -ne 0 ]; then
  echo "audit_pdf: printed text kept in $work/audit.txt" >&2
  exit 1
fi
echo "audit_pdf: $pages pages; rationale, law links, header, page numbers, coverage and sign-off printed"
