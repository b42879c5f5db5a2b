#!/usr/bin/env bash
# Installs the Debian packages named as arguments that are not installed yet (apt-get, as root
# or with sudo), saying which. Every setup, test and bench script installs through it.
#
#   scripts/need-packages.sh PACKAGE ...
set -euo pipefail
missing=()
for package in "$@"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -gt 0 ] || exit 0
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "${NEED_FOR:-need-packages}: installing ${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
