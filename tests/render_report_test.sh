#!/usr/bin/env bash
# Writes a report after a scripted session and renders it with headless Chromium: the PNG must exist
# and be a real picture of some size. Exit 77 (skipped) when chromium is not installed.
set -euo pipefail
root=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db="$work/r.db"
printf 'sol\tsun\nluna\tmoon\nmar\tsea\ncielo\tsky\n' > "$work/words.tsv"
"$ROLECALL_BINARY" --db "$db" import "$work/words.tsv" >/dev/null
printf '4\n2\n5\n1\n' | "$ROLECALL_BINARY" --db "$db" --today 2026-11-22 review --deck words >/dev/null
"$ROLECALL_BINARY" --db "$db" --today 2026-11-22 report -o "$work/report.html" 2>/dev/null
status=0
"$root/scripts/render-report" "$work/report.html" "$work/report.png" 900 2400 || status=$?
if [ "$status" -eq 77 ]; then exit 77; fi
[ "$status" -eq 0 ]
size=$(stat -c %s "$work/report.png")
magic=$(head -c 4 "$work/report.png" | od -An -c)
grep -q 'P   N   G' <<<"$magic" || { echo "report.png is not a PNG" >&2; exit 1; }
[ "$size" -gt 20000 ] || { echo "report.png is only $size bytes" >&2; exit 1; }
echo "rendered report.png, $size bytes"
