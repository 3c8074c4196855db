# bash completion for rolecall: commands, options, deck and setting names, files for import.
_rolecall() {
    local cur prev words cword
    _init_completion || return

    local commands="review check build decks import stats report export config due help"
    local global="--db --today --rollover-hour --quiet --help --version"
    local command="" i
    for ((i = 1; i < cword; i++)); do
        case "${words[i]}" in
            --db|--today|--rollover-hour) ((i++)) ;;
            -*) ;;
            *) command="${words[i]}"; break ;;
        esac
    done

    case "$prev" in
        --deck)
            local IFS=$'\n'
            COMPREPLY=($(compgen -W "$(rolecall complete decks 2>/dev/null)" -- "$cur"))
            compopt -o filenames 2>/dev/null
            return ;;
        --db|-o|--output) _filedir; return ;;
        --format)
            case "$command" in
                import) COMPREPLY=($(compgen -W "auto anki-text csv apkg quizlet facts" -- "$cur")) ;;
                *) COMPREPLY=($(compgen -W "csv json" -- "$cur")) ;;
            esac
            return ;;
        --today|--since|--rollover-hour|--new|--limit|--reviews|--days|--separator|--max-field|--max-rows) return ;;
    esac

    case "$command" in
        "") COMPREPLY=($(compgen -W "$commands $global" -- "$cur")) ;;
        review) COMPREPLY=($(compgen -W "--deck --new --reviews --limit --help" -- "$cur")) ;;
        check) COMPREPLY=($(compgen -W "--deck --count --help" -- "$cur")) ;;
        build) [[ "$cur" == -* ]] && COMPREPLY=($(compgen -W "--help" -- "$cur")) || _filedir deck ;;
        import)
            if [[ "$cur" == -* ]]; then
                COMPREPLY=($(compgen -W "--deck --format --separator --dry-run --sync --keep-schedule --lenient --max-field --max-rows --help" -- "$cur"))
            else
                _filedir
            fi ;;
        stats) COMPREPLY=($(compgen -W "--deck --days --json --ascii --help" -- "$cur")) ;;
        report) COMPREPLY=($(compgen -W "-o --output --deck --days --help" -- "$cur")) ;;
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
        help) [[ "$prev" == help ]] && COMPREPLY=($(compgen -W "$commands" -- "$cur")) ;;
        *) COMPREPLY=($(compgen -W "--help" -- "$cur")) ;;
    esac
}
complete -F _rolecall rolecall
