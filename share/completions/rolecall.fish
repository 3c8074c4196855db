# fish completion for rolecall: commands, options, deck and setting names, files for import.
set -l commands review check build decks import stats report export config due help
complete -c rolecall -f
complete -c rolecall -n "not __fish_seen_subcommand_from $commands" -s q -l quiet -d 'No notes on stderr'
complete -c rolecall -n "not __fish_seen_subcommand_from $commands" -l db -r -F -d 'Database file'
complete -c rolecall -n "not __fish_seen_subcommand_from $commands" -l today -x -d 'Study day YYYY-MM-DD'
complete -c rolecall -n "not __fish_seen_subcommand_from $commands" -l rollover-hour -x -d 'Hour a study day starts'
complete -c rolecall -n "not __fish_seen_subcommand_from $commands" -l version -d 'Show version'
complete -c rolecall -n "not __fish_seen_subcommand_from $commands" -a review -d 'Review the cards due today'
complete -c rolecall -n "not __fish_seen_subcommand_from $commands" -a check -d 'A held-out checkup'
complete -c rolecall -n "not __fish_seen_subcommand_from $commands" -a build -d 'Build cards from fact decks'
complete -c rolecall -n "not __fish_seen_subcommand_from $commands" -a decks -d 'List decks'
complete -c rolecall -n "not __fish_seen_subcommand_from $commands" -a import -d 'Import Anki, CSV, Quizlet, fact decks'
complete -c rolecall -n "not __fish_seen_subcommand_from $commands" -a stats -d 'Show progress'
complete -c rolecall -n "not __fish_seen_subcommand_from $commands" -a report -d 'Write progress as HTML'
complete -c rolecall -n "not __fish_seen_subcommand_from $commands" -a export -d 'Export cards, reviews or stats'
complete -c rolecall -n "not __fish_seen_subcommand_from $commands" -a config -d 'Show or change settings'
complete -c rolecall -n "not __fish_seen_subcommand_from $commands" -a due -d 'Number of cards due today'
complete -c rolecall -n "not __fish_seen_subcommand_from $commands" -a help -d 'Help for rolecall or one command'
complete -c rolecall -n "__fish_seen_subcommand_from help" -a "review check build decks import stats report export config due"

# Deck names of the database the command line names (--db PATH or --db=PATH), else of the default one.
function __rolecall_decks
    set -l tokens (commandline -opc)
    set -l db
    for i in (seq (count $tokens))
        if test "$tokens[$i]" = --db; and test $i -lt (count $tokens)
            set db $tokens[(math $i + 1)]
        else if string match -q -- '--db=*' $tokens[$i]
            set db (string replace -- --db= '' $tokens[$i])
        end
    end
    if test -n "$db"
        rolecall --db (string replace -r -- '^~/' "$HOME/" $db) complete decks 2>/dev/null
    else
        rolecall complete decks 2>/dev/null
    end
end
complete -c rolecall -n "__fish_seen_subcommand_from review check stats report export import config" -l deck -x -a '(__rolecall_decks)' -d 'Deck'
complete -c rolecall -n "__fish_seen_subcommand_from review" -l new -x -d 'New cards per day'
complete -c rolecall -n "__fish_seen_subcommand_from review" -l reviews -x -d 'Reviews per day'
complete -c rolecall -n "__fish_seen_subcommand_from review" -l limit -x -d 'Cards this session'
complete -c rolecall -n "__fish_seen_subcommand_from build" -F -d 'Fact deck'
complete -c rolecall -n "__fish_seen_subcommand_from import" -F
complete -c rolecall -n "__fish_seen_subcommand_from import" -l format -x -a 'auto anki-text csv apkg quizlet facts'
complete -c rolecall -n "__fish_seen_subcommand_from import" -l separator -x -d 'Field separator'
complete -c rolecall -n "__fish_seen_subcommand_from import" -l dry-run -d 'Write nothing'
complete -c rolecall -n "__fish_seen_subcommand_from import" -l sync -d 'Retire notes the files lost'
complete -c rolecall -n "__fish_seen_subcommand_from import" -l keep-schedule -d 'Keep Anki scheduling'
complete -c rolecall -n "__fish_seen_subcommand_from import" -l lenient -d 'Replace invalid UTF-8'
complete -c rolecall -n "__fish_seen_subcommand_from import" -l max-field -x -d 'Largest field, KiB'
complete -c rolecall -n "__fish_seen_subcommand_from import" -l max-rows -x -d 'Most rows'
complete -c rolecall -n "__fish_seen_subcommand_from stats" -l days -x -d 'Recent window in days'
complete -c rolecall -n "__fish_seen_subcommand_from stats" -l json -d 'JSON output'
complete -c rolecall -n "__fish_seen_subcommand_from stats" -l ascii -d 'ASCII only'
complete -c rolecall -n "__fish_seen_subcommand_from report export" -s o -l output -r -F -d 'Output file'
complete -c rolecall -n "__fish_seen_subcommand_from export" -a 'cards reviews stats'
complete -c rolecall -n "__fish_seen_subcommand_from export" -l format -x -a 'csv json'
complete -c rolecall -n "__fish_seen_subcommand_from export" -l since -x -d 'From this day on'
complete -c rolecall -n "__fish_seen_subcommand_from config; and not __fish_seen_subcommand_from get set unset list" -a 'get set unset list'
complete -c rolecall -n "__fish_seen_subcommand_from get set unset" -a '(rolecall complete settings 2>/dev/null)'
complete -c rolecall -n "__fish_seen_subcommand_from check" -l count -x -d 'Questions to ask'
