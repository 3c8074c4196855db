#!/usr/bin/env bash
# Installs rolecall into a temporary prefix with `cmake --install` and checks what a user gets:
# the binary finds the installed decks, the man page renders, the completions are in place and
# parse, and `cpack` makes a .deb whose dependencies are Debian runtime packages.
# Outputs are captured before grep -q reads them: on a pipe, grep -q would cut the writer off.
set -euo pipefail
build=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
prefix="$work/prefix"
cmake --install "$build" --prefix "$prefix" >/dev/null

for f in bin/rolecall share/man/man1/rolecall.1 share/rolecall/decks/product-roles.deck \
         share/bash-completion/completions/rolecall share/zsh/vendor-completions/_rolecall \
         share/fish/vendor_completions.d/rolecall.fish share/doc/rolecall/README.md; do
  [ -f "$prefix/$f" ] || { echo "missing after install: $f" >&2; exit 1; }
done

# The installed binary reads the installed deck: change that copy and see the change.
printf 'install-check: Only the {{installed}} copy has this line.\n' >> "$prefix/share/rolecall/decks/product-roles.deck"
out=$(env -u ROLECALL_DECKS "$prefix/bin/rolecall" --db "$work/c.db" --today 2026-11-22 decks)
grep -Eq 'Product roles +182 +0 +182' <<<"$out" || { echo "installed binary did not use installed decks: $out" >&2; exit 1; }

# The .apkg reader is a module the installed binary loads from <prefix>/<libdir>/rolecall/ (found
# there before the build tree's copy): import a package with it.
module=$(find "$prefix" -name rolecall-apkg.so -path '*/rolecall/*')
[ -n "$module" ] || { echo "missing after install: the rolecall-apkg.so module" >&2; exit 1; }
src=$(cd "$(dirname "$0")" && pwd)
out=$(env -u ROLECALL_DECKS "$prefix/bin/rolecall" --db "$work/c.db" --today 2026-11-22 import "$src/data/apkg/legacy.apkg" 2>&1)
grep -q 'added' <<<"$out" || { echo "the installed binary did not import an .apkg: $out" >&2; exit 1; }

bash -n "$prefix/share/bash-completion/completions/rolecall"
if command -v man >/dev/null; then
  page=$(MANWIDTH=80 man -l "$prefix/share/man/man1/rolecall.1" 2>&1)
  grep -q 'EXIT STATUS' <<<"$page" || { echo "the man page does not render" >&2; exit 1; }
fi
if command -v cpack >/dev/null && command -v dpkg-shlibdeps >/dev/null; then
  (cd "$work" && cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work/pkg" >/dev/null)
  deb=$(ls "$work"/pkg/rolecall_*.deb)
  depends=$(dpkg-deb -f "$deb" Depends)
  grep -q 'libsqlite3-0' <<<"$depends" || { echo "the .deb does not depend on libsqlite3-0: $depends" >&2; exit 1; }
  contents=$(dpkg-deb -c "$deb")
  grep -q './usr/share/man/man1/rolecall.1' <<<"$contents" || { echo "the .deb has no man page" >&2; exit 1; }
  grep -q 'rolecall/rolecall-apkg.so' <<<"$contents" || { echo "the .deb has no .apkg module" >&2; exit 1; }
  grep -q 'libzip4' <<<"$depends" || { echo "the .deb does not depend on libzip4 (the module's): $depends" >&2; exit 1; }
  grep -q 'libedit2' <<<"$depends" || { echo "the .deb does not depend on libedit2 (line editing): $depends" >&2; exit 1; }
  echo "installed into $prefix and packaged $(basename "$deb")"
else
  echo "installed into $prefix (cpack or dpkg-shlibdeps missing: no .deb check)"
fi
