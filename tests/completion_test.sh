#!/usr/bin/env bash
# The shell completions offer the deck names of the database named by --db (--db PATH, --db=PATH,
# quoted, escaped or with ~/), else of $ROLECALL_DB, and complete names with "::" whole. bash (with
# bash-completion), zsh and fish are each checked when installed; exit 77 (skipped) when none is.
set -euo pipefail
root=$1
binary=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin" "$work/other dir" "$work/home"
ln -s "$binary" "$work/bin/rolecall"
export PATH="$work/bin:$PATH" HOME="$work/home" ROLECALL_DB="$work/default.db"
deck() {
  printf 'deck = %s\n[category a]\nname = Alpha\n[category b]\nname = Beta\n[statements]\na/1: one\n' "$1" >"$2"
}
deck 'Spanish::Verbs' "$work/verbs.deck"
deck 'Spanish::Nouns' "$work/nouns.deck"
deck 'My deck' "$work/mine.deck"
deck 'Default deck' "$work/default.deck"
rolecall --db "$work/other dir/o.db" -q build "$work/verbs.deck" "$work/nouns.deck" "$work/mine.deck" >/dev/null
rolecall -q build "$work/default.deck" >/dev/null
cd "$work"

checked=()
fail() {
  printf '%s completion of %s\n  gave:     %s\n  expected: %s\n' "$1" "$2" "$3" "$4" >&2
  exit 1
}

# bash: _rolecall on the words as bash splits them at COMP_WORDBREAKS (captured from a real Tab:
# "Spanish::V" arrives as Spanish, ::, V; "--db=X" as --db, =, X), with the line they came from.
if [ -f /usr/share/bash-completion/bash_completion ]; then
  checked+=(bash)
  bash_case() {
    local expected=$1 line=$2
    shift 2
    local got
    got=$(bash -c 'source /usr/share/bash-completion/bash_completion; source "$1"; shift
                   COMP_LINE=$1; COMP_POINT=${#1}; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
                   COMPREPLY=(); _rolecall; printf "%s|" "${COMPREPLY[@]}"' \
          bash "$root/share/completions/rolecall.bash" "$line" "$@")
    [ "$got" = "$expected" ] || fail bash "$line" "$got" "$expected"
  }
  bash_case 'Default\ deck|' 'rolecall review --deck ' rolecall review --deck ''
  bash_case 'My\ deck|Spanish::Nouns|Spanish::Verbs|' 'rolecall --db other\ dir/o.db review --deck ' \
    rolecall --db 'other\ dir/o.db' review --deck ''
  bash_case 'Verbs|' 'rolecall --db other\ dir/o.db review --deck Spanish::V' \
    rolecall --db 'other\ dir/o.db' review --deck Spanish :: V
  bash_case 'My\ deck|' "rolecall --db='other dir/o.db' stats --deck My\\ d" \
    rolecall --db = "'other dir/o.db'" stats --deck 'My\ d'
  bash_case 'My\ deck|' 'rolecall --db ~/../other\ dir/o.db check --deck M' \
    rolecall --db '~/../other\ dir/o.db' check --deck M
  # The card management commands: deck names for `deck delete`, filters for `cards`.
  bash_case 'Default\ deck|' 'rolecall deck delete ' rolecall deck delete ''
  bash_case 'suspended|' 'rolecall cards is:su' rolecall cards is : su
  bash_case 'rename|' 'rolecall deck re' rolecall deck re
  bash_case 'Default\ deck|' 'rolecall cards deck:Def' rolecall cards deck : Def
  # import: the column options, and the separators by name.
  bash_case '--deck|--deck-column|' 'rolecall import --deck' rolecall import --deck
  bash_case 'pipe|' 'rolecall import --separator pi' rolecall import --separator pi
fi

# fish: what `complete -C` offers for the line, names only.
if command -v fish >/dev/null; then
  checked+=(fish)
  fish_case() {
    local expected=$1 line=$2 got
    got=$(fish -N -c 'source $argv[1]; complete -C $argv[2]' "$root/share/completions/rolecall.fish" "$line" |
          cut -f1 | tr '\n' '|')
    [ "$got" = "$expected" ] || fail fish "$line" "$got" "$expected"
  }
  fish_case 'Default deck|' 'rolecall review --deck '
  fish_case 'My deck|Spanish::Nouns|Spanish::Verbs|' "rolecall --db 'other dir/o.db' review --deck "
  fish_case 'Spanish::Nouns|Spanish::Verbs|' 'rolecall --db=other\ dir/o.db stats --deck Sp'
  fish_case 'My deck|' 'rolecall --db ~/../other\ dir/o.db check --deck M'
  fish_case 'Default deck|' 'rolecall deck delete '
  fish_case 'is:suspended|' 'rolecall cards is:su'
  fish_case '--deck|--deck-column|' 'rolecall import --deck'
  fish_case 'semicolon|space|' 'rolecall import --separator s'
fi

# zsh: an interactive zsh on a pseudo-terminal (zpty) with the completion system, a line typed with
# a Tab, and the line as it then stands (the widget prints $BUFFER on Ctrl-X).
if command -v zsh >/dev/null; then
  checked+=(zsh)
  zsh_case() {
    local expected=$1 line=$2 got
    got=$(zsh -f "$root/tests/completion_zsh.zsh" "$root/share/completions" "$line") ||
      fail zsh "$line" "(no answer: $got)" "$expected"
    [ "$got" = "$expected" ] || fail zsh "$line" "$got" "$expected"
  }
  zsh_case 'rolecall review --deck Default\ deck ' 'rolecall review --deck '
  zsh_case 'rolecall --db other\ dir/o.db review --deck Spanish::Verbs ' \
    'rolecall --db other\ dir/o.db review --deck Spanish::V'
  zsh_case "rolecall --db='other dir/o.db' stats --deck My\\ deck " "rolecall --db='other dir/o.db' stats --deck M"
  zsh_case 'rolecall --db ~/../other\ dir/o.db check --deck Spanish::Nouns ' \
    'rolecall --db ~/../other\ dir/o.db check --deck Spanish::N'
  zsh_case 'rolecall deck delete Default\ deck ' 'rolecall deck delete D'
  zsh_case 'rolecall import --deck-column ' 'rolecall import --deck-c'
  zsh_case 'rolecall import --separator pipe ' 'rolecall import --separator pi'
fi

[ ${#checked[@]} -gt 0 ] || { echo "no bash-completion, fish or zsh: nothing checked"; exit 77; }
echo "deck completion checked in: ${checked[*]}"
