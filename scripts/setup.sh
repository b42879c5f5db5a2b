#!/usr/bin/env bash
# Installs what adlaw needs on a fresh Debian machine: the C libraries it links and the tools
# its tests call. Safe to run again: only missing packages are installed.
set -euo pipefail

packages=(libpcre2-dev pkg-config)
# The tests validate SARIF output and the config schema with python3-jsonschema, and run
# `adlaw check --staged` and the pre-commit hook in real temporary git repositories, and call
# `adlaw serve` with curl.
packages+=(git python3 python3-jsonschema curl)
# Input formats: Markdown (cmark-gfm), HTML (gumbo), encoding detection (uchardet), and PDF text
# through pdftotext (poppler-utils; adlaw runs without it and says so for PDF files); zlib for
# Office parts.
packages+=(libcmark-gfm-dev libcmark-gfm-extensions-dev libgumbo-dev libuchardet-dev zlib1g-dev poppler-utils)
# The cache files are authenticated with HMAC-SHA256 from OpenSSL's libcrypto.
packages+=(libssl-dev)
# The release's man page is read with groff in the tests (PackageScriptsTests).
packages+=(groff-base)
# The fuzz smoke run (scripts/fuzz.sh): unzip takes the seed parts out of the Word fixtures,
# nm and objdump (binutils) check that the targets carry coverage and AddressSanitizer.
# libFuzzer and the sanitizer runtimes come with the Swift toolchain.
packages+=(unzip binutils)

NEED_FOR=setup "$(dirname "$0")/need-packages.sh" "${packages[@]}"

if ! command -v swift >/dev/null 2>&1; then
  if [ -x /opt/swift/usr/bin/swift ]; then
    echo "setup: swift is in /opt/swift/usr/bin; add it to PATH" >&2
  else
    echo "setup: no Swift toolchain found; install Swift 6 (https://www.swift.org/install/)" >&2
    exit 1
  fi
fi
