# Helper of completion_test.sh, run by `zsh -f`: types a line and a Tab into an interactive zsh with
# the completion system (on a pseudo-terminal, zpty) and prints the line as the completion left it.
# Arguments: the folder of _rolecall, the line. Exit 1 when no answer comes within 20 seconds.
zmodload zsh/zpty || exit 2
dir=$1
line=$2
out=$(mktemp)
zpty comp zsh -f -i
zpty -w comp "PS1='> '; fpath=(${(q)dir} \$fpath); autoload -Uz compinit; compinit -u -D"
zpty -w comp "dump() { print -r -- \"\$BUFFER\" > ${(q)out}; BUFFER=exit; zle accept-line }; zle -N dump; bindkey '^Xd' dump"
zpty -w -n comp "$line"$'\t\C-xd'
for i in {1..200}; do
  [[ -s $out ]] && break
  zpty -rt comp junk 2>/dev/null  # drain what the shell prints, so that it never blocks
  sleep 0.1
done
zpty -d comp
answer=$(<$out)
rm -f $out
[[ -n $answer ]] || exit 1
print -r -- "$answer"
