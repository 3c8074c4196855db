# bash completion for rolecall: commands, options, deck and setting names, files for import.

# The deck names of the database the command line names (--db PATH or --db=PATH), else of the default one.
_rolecall_decks() {
    local i db="" word
    for ((i = 1; i < cword; i++)); do
        word=${words[i]}
        if [[ $word == --db ]]; then
            if [[ ${words[i + 1]} == = ]]; then db=${words[i + 2]}; else db=${words[i + 1]}; fi
        elif [[ $word == --db=* ]]; then
            db=${word#--db=}
        fi
    done
    # As typed: remove the quotes or backslashes and expand a leading ~/, without eval.
    case $db in
        \'*\') db=${db:1:${#db}-2} ;;
        \"*\") db=${db:1:${#db}-2} ;;
        *) db=${db//\\/} ;;
    esac
    [[ $db == \~/* ]] && db=$HOME/${db#\~/}
    if [[ -n $db ]]; then
        rolecall --db "$db" complete decks 2>/dev/null
    else
        rolecall complete decks 2>/dev/null
    fi
}

# COMPREPLY: the deck names starting with what was typed ($2, its backslashes removed), each after the
# prefix $1 ("deck:" in a query) and escaped as the shell needs (My\ deck), never their colons
# (Spanish::Verbs, which -o filenames would escape).
_rolecall_deck_replies() {
    local prefix=$1 typed=${2//\\/} deck
    COMPREPLY=()
    while IFS= read -r deck; do
        [[ -n $deck && $deck == "$typed"* ]] || continue
        printf -v deck '%q' "$deck"
        COMPREPLY+=("$prefix$deck")
    done < <(_rolecall_decks)
    # Readline replaces only the part after the last colon of the word (COMP_WORDBREAKS).
    __ltrim_colon_completions "$cur"
}

_rolecall() {
    local cur prev words cword
    # Colons are no word breaks here: deck names such as "Spanish::Verbs" stay one word.
    _init_completion -n : || return

    local commands="review check build decks import stats report simulate export config due cards card suspend unsuspend bury add edit deck help"
    local global="--db --today --rollover-hour --quiet --help --version"
    local command="" i
    for ((i = 1; i < cword; i++)); do
        case "${words[i]}" in
            --db|--today|--rollover-hour) [[ ${words[i + 1]} == = ]] && ((i++)); ((i++)) ;;
            -*) ;;
            *) command="${words[i]}"; break ;;
        esac
    done

    case "$prev" in
        --deck)
            _rolecall_deck_replies "" "$cur"
            return ;;
        --db|-o|--output) _filedir; return ;;
        --format)
            case "$command" in
                import) COMPREPLY=($(compgen -W "auto anki-text csv apkg quizlet facts" -- "$cur")) ;;
                cards) COMPREPLY=($(compgen -W "table ids json" -- "$cur")) ;;
                *) COMPREPLY=($(compgen -W "csv json" -- "$cur")) ;;
            esac
            return ;;
        --separator)
            COMPREPLY=($(compgen -W "tab comma semicolon pipe colon space" -- "$cur"))
            return ;;
        --today|--since|--rollover-hour|--new|--limit|--reviews|--days|--seed|--max-field|--max-rows|--ahead|--tags|--front|--back|--deck-column) return ;;
    esac

    case "$command" in
        "") COMPREPLY=($(compgen -W "$commands $global" -- "$cur")) ;;
        review) COMPREPLY=($(compgen -W "--deck --new --reviews --limit --cram --ahead --help" -- "$cur")) ;;
        check) COMPREPLY=($(compgen -W "--deck --count --help" -- "$cur")) ;;
        build) [[ "$cur" == -* ]] && COMPREPLY=($(compgen -W "--help" -- "$cur")) || _filedir deck ;;
        import)
            if [[ "$cur" == -* ]]; then
                COMPREPLY=($(compgen -W "--deck --format --separator --header --front --back --tags --deck-column --dry-run --sync --keep-schedule --lenient --max-field --max-rows --help" -- "$cur"))
            else
                _filedir
            fi ;;
        stats) COMPREPLY=($(compgen -W "--deck --days --json --ascii --help" -- "$cur")) ;;
        report) COMPREPLY=($(compgen -W "-o --output --deck --days --help" -- "$cur")) ;;
        simulate) COMPREPLY=($(compgen -W "--deck --days --seed --json --ascii --help" -- "$cur")) ;;
        export)
            if [[ "$cur" == -* ]]; then
                COMPREPLY=($(compgen -W "--format -o --output --deck --since --help" -- "$cur"))
            else
                COMPREPLY=($(compgen -W "cards reviews stats" -- "$cur"))
            fi ;;
        config)
            if [[ "$cur" == -* ]]; then
                COMPREPLY=($(compgen -W "--deck --help" -- "$cur"))
            elif [[ "$prev" == config ]]; then
                COMPREPLY=($(compgen -W "get set unset list" -- "$cur"))
            elif [[ "$prev" == get || "$prev" == set || "$prev" == unset ]]; then
                COMPREPLY=($(compgen -W "$(rolecall complete settings 2>/dev/null)" -- "$cur"))
            fi ;;
        cards|suspend|unsuspend|bury)
            if [[ "$cur" == -* ]]; then
                case "$command" in
                    cards) COMPREPLY=($(compgen -W "--format --limit --help" -- "$cur")) ;;
                    *) COMPREPLY=($(compgen -W "--query --help" -- "$cur")) ;;
                esac
            elif [[ "$cur" == deck:* ]]; then
                _rolecall_deck_replies deck: "${cur#deck:}"
            elif [[ "$command" == cards || "$prev" == --query || "$cur" == *:* ]]; then
                COMPREPLY=($(compgen -W "deck: tag: is:due is:new is:suspended is:buried is:leech is:retired kind:choice kind:recall kind:cloze kind:contrast" -- "$cur"))
                __ltrim_colon_completions "$cur"
                compopt -o nospace 2>/dev/null
            fi ;;
        add) COMPREPLY=($(compgen -W "--deck --tags --reversed --help" -- "$cur")) ;;
        deck)
            if [[ "$cur" == -* ]]; then
                COMPREPLY=($(compgen -W "--yes --help" -- "$cur"))
            elif [[ "$prev" == deck ]]; then
                COMPREPLY=($(compgen -W "rename delete" -- "$cur"))
            elif [[ "$prev" == rename || "$prev" == delete ]]; then
                _rolecall_deck_replies "" "$cur"
            fi ;;
        help) [[ "$prev" == help ]] && COMPREPLY=($(compgen -W "$commands" -- "$cur")) ;;
        *) COMPREPLY=($(compgen -W "--help" -- "$cur")) ;;
    esac
}
complete -F _rolecall rolecall
