#!/usr/bin/env bash
# The README's usage block must be exactly what `rolecall --help` prints.
set -euo pipefail
readme=$1
binary=$2
expected=$(sed -n '/<!-- help:begin/,/<!-- help:end -->/p' "$readme" | sed '1,3d;$d' | sed '$d')
actual=$("$binary" --help)
if [ "$expected" != "$actual" ]; then
  echo "README.md's usage block differs from 'rolecall --help':" >&2
  diff <(echo "$expected") <(echo "$actual") >&2 || true
  exit 1
fi
