#!/usr/bin/env bash
# The web page of `adlaw serve` in headless Chromium (Tests/Browser/web_page_test.py). Installs
# Debian's chromium, chromium-driver and a CJK font, and selenium from PyPI into .venv-browser,
# when missing. Screenshots go to docs/ (SCREENSHOTS=DIR to put them elsewhere).
#
# Usage: scripts/browser-test.sh [ADLAW] (default .build/debug/adlaw)
set -euo pipefail
cd "$(dirname "$0")/.."
adlaw=${1:-.build/debug/adlaw}
packages=(chromium chromium-driver fonts-noto-cjk python3-venv)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
if [ ! -x .venv-browser/bin/python ]; then
  python3 -m venv .venv-browser
  .venv-browser/bin/pip install -q selenium
fi
# Selenium must use Debian's driver, never download one.
export SE_OFFLINE=true
exec .venv-browser/bin/python Tests/Browser/web_page_test.py "$adlaw" --screenshots "${SCREENSHOTS:-docs}"
