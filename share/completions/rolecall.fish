# fish completion for rolecall: commands, options, deck and setting names, files for import.
set -l commands review check build decks import stats report simulate export config due cards card suspend unsuspend bury add edit deck help
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
complete -c rolecall -n "not __fish_seen_subcommand_from $commands" -a simulate -d 'Forecast the workload under SM-2 and FSRS'
complete -c rolecall -n "not __fish_seen_subcommand_from $commands" -a export -d 'Export cards, reviews or stats'
complete -c rolecall -n "not __fish_seen_subcommand_from $commands" -a config -d 'Show or change settings'
complete -c rolecall -n "not __fish_seen_subcommand_from $commands" -a due -d 'Number of cards due today'
complete -c rolecall -n "not __fish_seen_subcommand_from $commands" -a cards -d 'Find cards by words and filters'
complete -c rolecall -n "not __fish_seen_subcommand_from $commands" -a card -d 'Show one card and its answers'
complete -c rolecall -n "not __fish_seen_subcommand_from $commands" -a suspend -d 'Take cards out of the reviews'
complete -c rolecall -n "not __fish_seen_subcommand_from $commands" -a unsuspend -d 'Put suspended cards back'
complete -c rolecall -n "not __fish_seen_subcommand_from $commands" -a bury -d 'Hide cards until the next study day'
complete -c rolecall -n "not __fish_seen_subcommand_from $commands" -a add -d 'Add one card to a deck of your own'
complete -c rolecall -n "not __fish_seen_subcommand_from $commands" -a edit -d 'Change a card in $VISUAL or $EDITOR'
complete -c rolecall -n "not __fish_seen_subcommand_from $commands" -a deck -d 'Rename or delete a deck'
complete -c rolecall -n "not __fish_seen_subcommand_from $commands" -a help -d 'Help for rolecall or one command'
complete -c rolecall -n "__fish_seen_subcommand_from help" -a "review check build decks import stats report simulate export config due cards card suspend unsuspend bury add edit deck"

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
complete -c rolecall -n "__fish_seen_subcommand_from review check stats report simulate export import config add" -l deck -x -a '(__rolecall_decks)' -d 'Deck'
complete -c rolecall -n "__fish_seen_subcommand_from review" -l new -x -d 'New cards per day'
complete -c rolecall -n "__fish_seen_subcommand_from review" -l reviews -x -d 'Reviews per day'
complete -c rolecall -n "__fish_seen_subcommand_from review" -l limit -x -d 'Cards this session'
complete -c rolecall -n "__fish_seen_subcommand_from review" -l cram -d 'Practise cards that are not due'
complete -c rolecall -n "__fish_seen_subcommand_from review" -l ahead -x -d 'Cards due in the next DAYS days'
complete -c rolecall -n "__fish_seen_subcommand_from simulate" -l days -x -d 'Days to simulate'
complete -c rolecall -n "__fish_seen_subcommand_from simulate" -l seed -x -d 'Seed of the draws'
complete -c rolecall -n "__fish_seen_subcommand_from simulate" -l json -d 'JSON output'
complete -c rolecall -n "__fish_seen_subcommand_from simulate" -l ascii -d 'ASCII only'
complete -c rolecall -n "__fish_seen_subcommand_from cards" -l format -x -a 'table ids json'
complete -c rolecall -n "__fish_seen_subcommand_from cards" -l limit -x -d 'Most cards'
complete -c rolecall -n "__fish_seen_subcommand_from cards" -a 'deck: tag: is:due is:new is:suspended is:buried is:leech is:retired kind:choice kind:recall kind:cloze'
complete -c rolecall -n "__fish_seen_subcommand_from card" -l json -d 'JSON output'
complete -c rolecall -n "__fish_seen_subcommand_from suspend unsuspend bury" -l query -x -d 'Cards a query finds'
complete -c rolecall -n "__fish_seen_subcommand_from add" -l tags -x -d 'Tags'
complete -c rolecall -n "__fish_seen_subcommand_from add" -l reversed -d 'Also the reverse card'
complete -c rolecall -n "__fish_seen_subcommand_from deck; and not __fish_seen_subcommand_from rename delete" -a 'rename delete'
complete -c rolecall -n "__fish_seen_subcommand_from rename delete" -a '(__rolecall_decks)'
complete -c rolecall -n "__fish_seen_subcommand_from deck" -s y -l yes -d 'Delete without asking'
complete -c rolecall -n "__fish_seen_subcommand_from build" -F -d 'Fact deck'
complete -c rolecall -n "__fish_seen_subcommand_from import" -F
complete -c rolecall -n "__fish_seen_subcommand_from import" -l format -x -a 'auto anki-text csv apkg quizlet facts'
complete -c rolecall -n "__fish_seen_subcommand_from import" -l separator -x -a 'tab comma semicolon pipe colon space' -d 'Field separator'
complete -c rolecall -n "__fish_seen_subcommand_from import" -l header -d 'The first row names the columns'
complete -c rolecall -n "__fish_seen_subcommand_from import" -l front -x -d 'Column of the front'
complete -c rolecall -n "__fish_seen_subcommand_from import" -l back -x -d 'Column of the back (repeatable)'
complete -c rolecall -n "__fish_seen_subcommand_from import" -l tags -x -d 'Column of the tags'
complete -c rolecall -n "__fish_seen_subcommand_from import" -l deck-column -x -d 'Column of the deck'
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
