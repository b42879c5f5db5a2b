#!/usr/bin/env bash
# Renders the audit report of the corpus with headless Chromium to a PNG, so a person can
# look at it (the README shows docs/audit-report.png). Not part of the tests: it installs
# Chromium and a CJK font, which CI does not need.
#
#   ./scripts/render-audit-report.sh [CAMPAIGN_FOLDER] [OUTPUT_PNG]
set -euo pipefail
cd "$(dirname "$0")/.."
campaign=${1:-Corpus}
png=${2:-docs/audit-report.png}

./scripts/setup.sh
. ./scripts/env.sh
NEED_FOR=render-audit-report ./scripts/need-packages.sh chromium fonts-noto-cjk

swift build -c release --product adlaw
mkdir -p out "$(dirname "$png")"
html="$PWD/out/audit-report.html"
.build/release/adlaw audit "$campaign" --html "$html" --title "示範活動" >/dev/null || true
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1100,3200 \
  --screenshot="$PWD/$png" "file://$html" 2>/dev/null
chromium --headless --no-sandbox --disable-gpu --print-to-pdf="$PWD/out/audit-report.pdf" --no-pdf-header-footer \
  "file://$html" 2>/dev/null || true
echo "rendered $html -> $png (and out/audit-report.pdf)"
