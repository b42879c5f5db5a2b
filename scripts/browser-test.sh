#!/usr/bin/env bash
# The web page of `adlaw serve` in headless Chromium (Tests/Browser/web_page_test.py). Installs
# Debian's chromium, chromium-driver and a CJK font, and selenium from PyPI into .venv-browser,
# when missing. Screenshots go to docs/ (SCREENSHOTS=DIR to put them elsewhere).
#
# Usage: scripts/browser-test.sh [ADLAW] (default .build/debug/adlaw)
set -euo pipefail
cd "$(dirname "$0")/.."
adlaw=${1:-.build/debug/adlaw}
NEED_FOR=browser-test ./scripts/need-packages.sh chromium chromium-driver fonts-noto-cjk python3-venv
if [ ! -x .venv-browser/bin/python ]; then
  python3 -m venv .venv-browser
  .venv-browser/bin/pip install -q selenium
fi
# Selenium must use Debian's driver, never download one.
export SE_OFFLINE=true
exec .venv-browser/bin/python Tests/Browser/web_page_test.py "$adlaw" --screenshots "${SCREENSHOTS:-docs}"
