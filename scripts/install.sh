#!/usr/bin/env sh
# Installs this adlaw release under a prefix (default /usr/local):
#   PREFIX/bin/adlaw, PREFIX/lib/adlaw/ (its libraries), PREFIX/share/adlaw/Rules,
#   the man page and the bash, zsh and fish completions.
#
#   ./install.sh [--prefix DIR]      e.g. ./install.sh --prefix "$HOME/.local"
set -eu
prefix=/usr/local
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) prefix=$2; shift 2 ;;
    --prefix=*) prefix=${1#--prefix=}; shift ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) echo "install.sh: unknown option $1 (use --prefix DIR)" >&2; exit 2 ;;
  esac
done
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$prefix/bin" "$prefix/lib" "$prefix/share"
rm -rf "$prefix/lib/adlaw" "$prefix/share/adlaw/Rules"
cp -R "$here/lib/adlaw" "$prefix/lib/adlaw"
mkdir -p "$prefix/share/adlaw"
cp -R "$here/share/adlaw/Rules" "$prefix/share/adlaw/Rules"
for dir in man/man1 bash-completion/completions zsh/site-functions fish/vendor_completions.d doc/adlaw; do
  mkdir -p "$prefix/share/$dir"
  cp -R "$here/share/$dir/." "$prefix/share/$dir/"
done
cp "$here/bin/adlaw" "$prefix/bin/adlaw.new" && mv -f "$prefix/bin/adlaw.new" "$prefix/bin/adlaw"
chmod 0755 "$prefix/bin/adlaw"
echo "adlaw $("$prefix/bin/adlaw" --version) installed in $prefix (run: $prefix/bin/adlaw check FILE)"
