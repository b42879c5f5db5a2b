#!/usr/bin/env bash
# Builds a relocatable release of adlaw for Linux x86_64:
#
#   dist/adlaw-VERSION-linux-x86_64.tar.gz   bin/adlaw, lib/adlaw/ (the C libraries it links,
#                                            found through RPATH $ORIGIN/../lib/adlaw),
#                                            share/adlaw/Rules, man page, shell completions,
#                                            licences, install.sh
#   dist/adlaw_VERSION_amd64.deb              the same for Debian 12+, depending on Debian's
#                                            runtime packages instead of bundling them
#
# The Swift runtime and Foundation are linked statically (--static-swift-stdlib), so neither
# needs a Swift toolchain where they are installed.
#
#   scripts/package.sh [--skip-build]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
skip_build=0
[ "${1:-}" = "--skip-build" ] && skip_build=1

./scripts/setup.sh
command -v dpkg-deb >/dev/null || { echo "package: dpkg-deb is missing (apt-get install dpkg)" >&2; exit 1; }
# The static Foundation links libcurl (FoundationNetworking, which the MCP swift-sdk imports
# for its HTTP client transport; adlaw mcp uses stdio only, but the SDK is one module): the
# link needs libcurl.so from the -dev package. libcurl and what it needs are then bundled
# like the other C libraries, with their copyright files.
dpkg-query -W -f='${Status}' libcurl4-openssl-dev 2>/dev/null | grep -q "install ok installed" || {
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends libcurl4-openssl-dev >/dev/null
}
command -v patchelf >/dev/null || {
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends patchelf >/dev/null
}
. ./scripts/env.sh

build=.build-release
if [ "$skip_build" -eq 0 ]; then
  swift build -c release --scratch-path "$build" --static-swift-stdlib --product adlaw \
    -Xlinker -rpath -Xlinker '$ORIGIN/../lib/adlaw'
fi
binary="$build/release/adlaw"
[ -x "$binary" ] || { echo "package: $binary was not built" >&2; exit 1; }
version=$("$binary" --version)
name="adlaw-$version-linux-x86_64"
dist="$root/dist"
stage="$dist/$name"
rm -rf "$stage" "$dist/$name.tar.gz" "$dist/adlaw_${version}_amd64.deb"
mkdir -p "$stage/bin" "$stage/lib/adlaw" "$stage/share/adlaw" "$stage/share/man/man1" \
  "$stage/share/bash-completion/completions" "$stage/share/zsh/site-functions" "$stage/share/fish/vendor_completions.d" \
  "$stage/share/doc/adlaw/licenses"

install -m 0755 "$binary" "$stage/bin/adlaw"
strip "$stage/bin/adlaw"
cp -R Rules "$stage/share/adlaw/Rules"
find "$stage/share/adlaw/Rules" -name '*.cache' -delete

# The shared libraries the binary needs that are not part of every Debian/Ubuntu base system.
# glibc (with libresolv and the other libraries it ships), libstdc++, libgcc_s and zlib are;
# everything else is bundled, with its copyright file.
bundled=()
while read -r lib path; do
  case "$lib" in
    libc.so*|libm.so*|libpthread.so*|libdl.so*|librt.so*|libresolv.so*|libanl.so*|libutil.so*|libnss_*|ld-linux*|libstdc++.so*|libgcc_s.so*|libz.so*|linux-vdso*) continue ;;
  esac
  [ -f "$path" ] || continue
  cp -L "$path" "$stage/lib/adlaw/$lib"
  bundled+=("$path")
done < <(ldd "$stage/bin/adlaw" | awk '/=>/ { print $1, $3 }')
# Bundled libraries find each other through the same folder.
for lib in "$stage"/lib/adlaw/*.so*; do patchelf --set-rpath '$ORIGIN' "$lib"; done

# Licences: the Swift runtime, each Swift package linked, each bundled C library (Debian's copyright file).
cp /opt/swift/usr/share/swift/LICENSE.txt "$stage/share/doc/adlaw/licenses/swift-runtime.txt" 2>/dev/null \
  || find /opt/swift -maxdepth 4 -iname 'LICENSE*' -print -quit | xargs -r -I{} cp {} "$stage/share/doc/adlaw/licenses/swift-runtime.txt"
for checkout in "$build"/checkouts/*; do
  [ -d "$checkout" ] || continue
  licence=$(find "$checkout" -maxdepth 1 \( -iname 'LICENSE*' -o -iname 'COPYING*' \) -print -quit)
  [ -n "$licence" ] && cp "$licence" "$stage/share/doc/adlaw/licenses/$(basename "$checkout").txt"
done
for path in "${bundled[@]}"; do
  package=$(dpkg -S "$(realpath "$path")" 2>/dev/null | head -1 | cut -d: -f1) || true
  [ -z "$package" ] && package=$(dpkg -S "$path" 2>/dev/null | head -1 | cut -d: -f1) || true
  [ -n "$package" ] && [ -f "/usr/share/doc/$package/copyright" ] \
    && cp "/usr/share/doc/$package/copyright" "$stage/share/doc/adlaw/licenses/$package.copyright"
done
cat > "$stage/share/doc/adlaw/licenses/README.txt" <<'NOTE'
Licences of what this release contains besides adlaw itself:
  swift-runtime.txt   the Swift runtime and Foundation, linked statically (Apache 2.0 with
                      the Runtime Library Exception); Foundation's ICU data is under the
                      ICU licence, whose text is in libicu*.copyright
  <package>.txt       each Swift package linked into bin/adlaw (from its checkout)
  <debian>.copyright  each C library in lib/adlaw, Debian's copyright file of its package
libcurl and the libraries under it are there because the MCP swift-sdk (adlaw mcp) imports
FoundationNetworking, which links libcurl; libxml2 and ICU because Foundation's XMLParser
reads Office files.
NOTE
cp README.md "$stage/share/doc/adlaw/README.md"
[ -f LICENSE ] && cp LICENSE "$stage/share/doc/adlaw/LICENSE"

# Shell completions and the man page, generated from the command definitions.
"$stage/bin/adlaw" --generate-completion-script bash > "$stage/share/bash-completion/completions/adlaw"
"$stage/bin/adlaw" --generate-completion-script zsh > "$stage/share/zsh/site-functions/_adlaw"
"$stage/bin/adlaw" --generate-completion-script fish > "$stage/share/fish/vendor_completions.d/adlaw.fish"
python3 scripts/make-manpage.py "$stage/bin/adlaw" > "$stage/share/man/man1/adlaw.1"
gzip -9n "$stage/share/man/man1/adlaw.1"

install -m 0755 scripts/install.sh "$stage/install.sh"
tar -C "$dist" --owner=0 --group=0 --numeric-owner --sort=name -czf "$dist/$name.tar.gz" "$name"

# The .deb: /usr layout, Debian's runtime packages as dependencies, nothing bundled.
deb="$dist/deb"
rm -rf "$deb"
mkdir -p "$deb/DEBIAN" "$deb/usr/bin" "$deb/usr/share/doc/adlaw"
install -m 0755 "$stage/bin/adlaw" "$deb/usr/bin/adlaw"
patchelf --remove-rpath "$deb/usr/bin/adlaw"
cp -R "$stage/share/adlaw" "$stage/share/man" "$stage/share/bash-completion" "$stage/share/zsh" "$stage/share/fish" "$deb/usr/share/"
cp -R "$stage/share/doc/adlaw/licenses" "$deb/usr/share/doc/adlaw/"
{
  echo "Files: *"
  echo "Comment: adlaw, and the licences of the Swift runtime and packages linked into it, in licenses/."
} > "$deb/usr/share/doc/adlaw/copyright"
# Only the libraries the binary names itself (ELF NEEDED): their packages bring the rest.
needed=$(readelf -d "$stage/bin/adlaw" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
depends=()
for path in "${bundled[@]}"; do
  grep -qxF "$(basename "$path")" <<< "$needed" || continue
  package=$(dpkg -S "$(realpath "$path")" 2>/dev/null | head -1 | cut -d: -f1 || true)
  [ -z "$package" ] && package=$(dpkg -S "$path" 2>/dev/null | head -1 | cut -d: -f1 || true)
  [ -n "$package" ] && depends+=("$package")
done
depends+=(libc6 libstdc++6 libgcc-s1 zlib1g)
depends_line=$(printf '%s\n' "${depends[@]}" | sort -u | paste -sd, | sed 's/,/, /g')
size=$(du -sk "$deb/usr" | cut -f1)
cat > "$deb/DEBIAN/control" <<CONTROL
Package: adlaw
Version: $version
Section: text
Priority: optional
Architecture: amd64
Maintainer: adlaw developers <adlaw@localhost>
Installed-Size: $size
Depends: $depends_line
Suggests: poppler-utils
Description: compliance linter for Taiwan marketing copy
 Reads ad copy and campaign plans in Traditional Chinese and says, sentence by
 sentence, which phrase risks breaking which Taiwan law, why, and what to write
 instead. Also an LSP server (adlaw lsp), an MCP server (adlaw mcp) and Word
 and PowerPoint comments (adlaw annotate).
CONTROL
dpkg-deb --root-owner-group --build "$deb" "$dist/adlaw_${version}_amd64.deb" >/dev/null
rm -rf "$deb"

echo "package: $dist/$name.tar.gz ($(du -h "$dist/$name.tar.gz" | cut -f1)), $dist/adlaw_${version}_amd64.deb ($(du -h "$dist/adlaw_${version}_amd64.deb" | cut -f1))"
